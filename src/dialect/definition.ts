import { z } from 'zod';
import { slug } from 'github-slugger';
import { base, termKey } from './fields.js';
import { termValue } from './values.js';
import { blockElement } from './hast.js';
import type { DirectiveSpec, TermDefinition } from './types.js';

/** The anchor of a defined term's definition (`#term-trade-secret`). */
export function termAnchor(key: string): string {
  return `term-${slug(key) || 'term'}`;
}

/** `:::definition{term="trade secret"}` … `:::`: defines a term, rendered where it stands, with an anchor. */
export const definition: DirectiveSpec<TermDefinition> = {
  name: 'definition',
  type: 'termDefinition',
  forms: ['container'],
  attributes: () => z.object({ term: termValue() }),
  valueRules: { term: 'term-duplicate' },
  example: ':::definition{term="trade secret"} … :::',
  build: (input) => {
    const term = (input.fields.attributes.term ?? '').trim();
    return { type: 'termDefinition', ...base(input), term, key: termKey(term), children: input.children as TermDefinition['children'] };
  },
  handler: (state, node: TermDefinition) =>
    blockElement(state, node, 'div', { className: ['definition'], id: termAnchor(node.key), dataTerm: node.term }, [
      { type: 'element', tagName: 'p', properties: { className: ['definition-term'] }, children: [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: node.term }] }] },
    ]),
  text: true,
  identity: (node) => `definition:${node.key}`,
};
