import { stateLang, ui } from '../i18n/ui.js';
import { z } from 'zod';
import { blockElement, labelParagraph } from './hast.js';
import { base } from './fields.js';
import { flagValue, recommendationIdValue } from './values.js';
import type { DirectiveSpec, Recommendation } from './types.js';
import { plainText } from '../model/text.js';

/** `::::recommendation{#id title="…" topic=… uniform}` … `::::`: one recommendation. */
export const recommendation: DirectiveSpec<Recommendation> = {
  name: 'recommendation',
  type: 'recommendation',
  forms: ['container'],
  attributes: (context) =>
    z.object({ id: recommendationIdValue(context), title: z.string(), topic: z.string(), uniform: flagValue('a recommendation', 'uniform'), class: z.string() }).partial(),
  valueRules: { id: 'recommendation-id' },
  example: '::::recommendation{#some-id title="…"} … ::::',
  build: (input) => {
    const attributes = input.fields.attributes;
    return {
      type: 'recommendation',
      ...base(input),
      id: (attributes.id ?? '').trim(),
      title: (attributes.title ?? (input.fields.label ? plainText({ type: 'paragraph', children: input.fields.label }) : '')).trim(),
      topic: attributes.topic || undefined,
      uniform: 'uniform' in attributes && attributes.uniform !== 'false',
      children: input.children as Recommendation['children'],
    };
  },
  handler: (state, node: Recommendation) => {
    const properties: Record<string, string | undefined> = { className: undefined, id: node.id || undefined, dataNumber: node.number };
    if (node.topic) properties.dataTopic = node.topic;
    if (node.uniform) properties.dataUniform = 'true';
    const element = blockElement(state, node, 'section', { ...properties, className: ['recommendation'] });
    if (node.uniform) {
      // The note follows the principle (the first two rendered children are the heading and the principle).
      const blocks = element.children.filter((child) => child.type === 'element');
      const principle = blocks[1];
      const at = principle ? element.children.indexOf(principle) + 1 : element.children.length;
      element.children.splice(at, 0, { type: 'text', value: '\n' }, labelParagraph('uniform-note', ui(stateLang(state), 'uniform')));
    }
    return element;
  },
  text: true,
  identity: (node) => `rec:${node.id || node.number || ''}`,
};
