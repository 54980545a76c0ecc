import { z } from 'zod';
import { blockElement, labelParagraph } from './hast.js';
import { base } from './fields.js';
import { jurisdictionValue } from './values.js';
import type { DirectiveSpec, Example } from './types.js';
import { jurisdiction } from '../model/jurisdictions.js';
import { regionName, stateLang, ui } from '../i18n/ui.js';

/** `:::example{jurisdiction=FR}` … `:::`: a real-world example from one jurisdiction. */
export const example: DirectiveSpec<Example> = {
  name: 'example',
  type: 'example',
  forms: ['container'],
  attributes: () => z.object({ jurisdiction: jurisdictionValue() }),
  valueRules: { jurisdiction: 'example-jurisdiction' },
  example: ':::example{jurisdiction=FR} … :::',
  build: (input) => ({ type: 'example', ...base(input), jurisdiction: (input.fields.attributes.jurisdiction ?? '').trim(), children: input.children as Example['children'] }),
  handler: (state, node: Example) => {
    const code = node.jurisdiction.toUpperCase();
    const lang = stateLang(state);
    // The table's English names for English; other languages take the name from Node's CLDR data.
    const english = jurisdiction(code)?.name;
    const name = (lang && !lang.startsWith('en') ? regionName(lang, code) : undefined) ?? english ?? code;
    const label = ui(lang, 'example', { name });
    return blockElement(state, node, 'aside', { className: ['example'], dataJurisdiction: code, ariaLabel: label }, [
      labelParagraph('example-label', label),
    ]);
  },
  text: true,
  identity: (node) => `example:${node.jurisdiction.toUpperCase()}`,
};
