import { stateLang, ui } from '../i18n/ui.js';
import { z } from 'zod';
import { base } from './fields.js';
import { blockElement } from './hast.js';
import type { Bibliography, DirectiveSpec } from './types.js';

/** `::bibliography`: every reference cited in the edition, formatted by the report's CSL style (render fills it in). */
export const bibliography: DirectiveSpec<Bibliography> = {
  name: 'bibliography',
  type: 'bibliography',
  forms: ['leaf'],
  attributes: () => z.object({}),
  example: '::bibliography on a line of its own',
  build: (input) => ({ type: 'bibliography', ...base(input), children: [] }),
  handler: (state, node: Bibliography) =>
    blockElement(state, node, 'section', { className: ['bibliography'], ariaLabel: ui(stateLang(state), 'bibliography'), id: 'bibliography' }, [
      { type: 'element', tagName: 'h2', properties: { className: ['bibliography-title'] }, children: [{ type: 'text', value: ui(stateLang(state), 'bibliography') }] },
    ]),
  text: true,
  identity: () => 'bibliography',
};
