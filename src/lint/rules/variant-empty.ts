import type { Nodes } from 'mdast';
import { plainText } from '../../model/text.js';
import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';

export default defineRule({
  meta: { id: 'variant-empty', severity: 'error', description: 'A variant with no text of its own.' },
  options: noOptions,
  docs: {
    rationale:
      'An empty variant prints a heading for a legal system with nothing under it, and satisfies `variant-coverage` without saying anything. Examples inside a variant do not count as its text: the variant says what the recommendation means in that system; the example shows it.',
    incorrect: [
      {
        title: 'A variant with only an example',
        source: ':::::recommendation{#a title="A"}\nCourts should act.\n\n::::variant{system=civil-law}\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n::::\n:::::\n',
        line: 4, output: ["4:1-4:30 the civil-law variant of recommendation `a` is empty; say how the recommendation applies in that system, or remove the variant"],
      },
    ],
    correct: [
      { title: 'A variant that says something', source: '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civil-law}\nA bailiff describes the evidence.\n:::\n::::\n' },
    ],
  },
  check({ report, emit }) {
    for (const rec of report.recommendations) {
      for (const variant of rec.variants) {
        const own = variant.node.children.filter((child) => child.type !== 'variant' && child.type !== 'example' && child.type !== 'rationale' && child.type !== 'comment');
        if (plainText(own as Nodes[]) !== '') continue;
        const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
        emit(`the ${variant.system || 'unnamed'} variant of ${name} is empty; say how the recommendation applies in that system, or remove the variant`, attributePlace(variant.source.file, variant.node));
      }
    }
  },
});
