import { z } from 'zod';
import { base } from './fields.js';
import { inlineElement } from './hast.js';
import type { DirectiveSpec, Xref } from './types.js';
import { plainText } from '../model/text.js';

/** `:ref[target]`: a cross-reference to a recommendation id or a heading slug. */
export const ref: DirectiveSpec<Xref> = {
  name: 'ref',
  type: 'xref',
  forms: ['text'],
  attributes: () => z.object({}),
  example: ':ref[recommendation-id]',
  build: (input) => ({
    type: 'xref',
    ...base(input),
    target: plainText({ type: 'paragraph', children: input.children as Xref['children'] }).trim(),
    children: input.children as Xref['children'],
  }),
  handler: (state, node: Xref) => inlineElement(state, node, 'a', { href: `#${node.target}`, className: ['xref'] }),
  text: true,
};
