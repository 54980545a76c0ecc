import { z } from 'zod';
import { base } from './fields.js';
import { blockElement } from './hast.js';
import type { DirectiveSpec, Toc } from './types.js';
import { stateLang, ui } from '../i18n/ui.js';

/** `::toc`: the contents (render fills in the list). */
export const toc: DirectiveSpec<Toc> = {
  name: 'toc',
  type: 'toc',
  forms: ['leaf'],
  attributes: () => z.object({}),
  example: '::toc on a line of its own',
  build: (input) => ({ type: 'toc', ...base(input), children: [] }),
  handler: (state, node: Toc) =>
    blockElement(state, node, 'nav', { className: ['toc'], ariaLabel: ui(stateLang(state), 'contents'), id: 'contents' }, [
      { type: 'element', tagName: 'h2', properties: { className: ['toc-title'] }, children: [{ type: 'text', value: ui(stateLang(state), 'contents') }] },
    ]),
  text: true,
  identity: () => 'toc',
};
