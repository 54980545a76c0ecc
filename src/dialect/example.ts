import { z } from 'zod';
import { blockElement, labelParagraph } from './hast.js';
import { base } from './fields.js';
import type { DirectiveSpec, Example } from './types.js';
import { jurisdiction } from '../model/jurisdictions.js';

/** `:::example{jurisdiction=FR}` … `:::`: a real-world example from one jurisdiction. */
export const example: DirectiveSpec<Example> = {
  name: 'example',
  type: 'example',
  forms: ['container'],
  attributes: z.object({ jurisdiction: z.string() }).partial(),
  example: ':::example{jurisdiction=FR} … :::',
  build: (input) => ({ type: 'example', ...base(input), jurisdiction: (input.fields.attributes.jurisdiction ?? '').trim(), children: input.children as Example['children'] }),
  handler: (state, node: Example) => {
    const code = node.jurisdiction.toUpperCase();
    const name = jurisdiction(code)?.name ?? code;
    return blockElement(state, node, 'aside', { className: ['example'], dataJurisdiction: code, ariaLabel: `Example: ${name}` }, [
      labelParagraph('example-label', `Example: ${name}`),
    ]);
  },
  text: true,
  identity: (node) => `example:${node.jurisdiction.toUpperCase()}`,
};
