import { stateLang, ui } from '../i18n/ui.js';
import { z } from 'zod';
import { base } from './fields.js';
import { blockElement } from './hast.js';
import type { Authorities, DirectiveSpec } from './types.js';

/**
 * `::authorities`: the table of authorities — cases, legislation, treaties and other sources,
 * each with where the report cites it (recommendations, notes and, in the PDF, pages). Render
 * fills it in (src/cite/placement.ts).
 */
export const authorities: DirectiveSpec<Authorities> = {
  name: 'authorities',
  type: 'authorities',
  forms: ['leaf'],
  attributes: () => z.object({}),
  example: '::authorities on a line of its own',
  build: (input) => ({ type: 'authorities', ...base(input), children: [] }),
  handler: (state, node: Authorities) =>
    blockElement(state, node, 'section', { className: ['authorities'], ariaLabel: ui(stateLang(state), 'authorities'), id: 'authorities' }, [
      { type: 'element', tagName: 'h2', properties: { className: ['authorities-title'] }, children: [{ type: 'text', value: ui(stateLang(state), 'authorities') }] },
    ]),
  text: true,
  identity: () => 'authorities',
};
