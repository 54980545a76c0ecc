import { z } from 'zod';
import { blockElement, labelParagraph } from './hast.js';
import { base } from './fields.js';
import { systemValue } from './values.js';
import type { DirectiveSpec, Variant } from './types.js';
import { systemName, stateLang } from '../i18n/ui.js';

/** `:::variant{system=civil-law}` … `:::`: the form a recommendation takes in one legal system. */
export const variant: DirectiveSpec<Variant> = {
  name: 'variant',
  type: 'variant',
  forms: ['container'],
  attributes: (context) => z.object({ system: systemValue(context) }),
  valueRules: { system: 'variant-system' },
  example: ':::variant{system=civil-law} … :::',
  build: (input) => ({ type: 'variant', ...base(input), system: input.fields.attributes.system ?? '', children: input.children as Variant['children'] }),
  handler: (state, node: Variant) =>
    blockElement(state, node, 'div', { className: ['variant'], dataSystem: node.system }, [labelParagraph('variant-label', systemName(stateLang(state), node.system))]),
  text: true,
  identity: (node) => `variant:${node.system}`,
};
