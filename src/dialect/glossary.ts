import { stateLang, ui } from '../i18n/ui.js';
import { z } from 'zod';
import { base } from './fields.js';
import { blockElement } from './hast.js';
import type { DirectiveSpec, Glossary } from './types.js';

/** `::glossary`: every defined term with its definition and a link to where it is defined (render fills it in). */
export const glossary: DirectiveSpec<Glossary> = {
  name: 'glossary',
  type: 'glossary',
  forms: ['leaf'],
  attributes: () => z.object({}),
  example: '::glossary on a line of its own',
  build: (input) => ({ type: 'glossary', ...base(input), children: [] }),
  handler: (state, node: Glossary) =>
    blockElement(state, node, 'section', { className: ['glossary'], ariaLabel: ui(stateLang(state), 'glossary') }, [
      { type: 'element', tagName: 'h2', properties: { className: ['glossary-title'] }, children: [{ type: 'text', value: ui(stateLang(state), 'glossary') }] },
    ]),
  text: true,
  identity: () => 'glossary',
};
