import { z } from 'zod';
import { base, termKey } from './fields.js';
import { termAnchor } from './definition.js';
import { inlineElement } from './hast.js';
import type { DirectiveSpec, TermUse } from './types.js';
import { plainText } from '../model/text.js';

/** `:term[trade secret]`: a use of a defined term; it links to the definition. */
export const term: DirectiveSpec<TermUse> = {
  name: 'term',
  type: 'termUse',
  forms: ['text'],
  attributes: () => z.object({}),
  example: ':term[trade secret]',
  build: (input) => {
    const children = input.children as TermUse['children'];
    const written = plainText({ type: 'paragraph', children }).trim();
    return { type: 'termUse', ...base(input), term: written, key: termKey(written), children };
  },
  handler: (state, node: TermUse) => inlineElement(state, node, 'a', { href: `#${termAnchor(node.key)}`, className: ['term'] }),
  text: true,
};
