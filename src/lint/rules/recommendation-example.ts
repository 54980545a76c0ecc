import { defineRule, noOptions } from '../define.js';
import { analyseSlips } from '../slip.js';
import { attributePlace } from '../place.js';

export default defineRule({
  meta: { id: 'recommendation-example', severity: 'warn', description: 'A recommendation with no real-world example.' },
  options: noOptions,
  docs: {
    rationale:
      'Recommendations are concrete: each carries at least one real-world example (`:::example{jurisdiction=…}`) showing that what it recommends works somewhere. A warning, because a draft may add examples later.',
    incorrect: [{ title: 'No example', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n::::\n', line: 1, output: ["1:1-1:41 recommendation `a` has no real-world example; add :::example{jurisdiction=XX} showing where it works"] }],
    correct: [
      { title: 'An example', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n::::\n' },
    ],
  },
  check({ report, emit }) {
    // A recommendation closed early by the nesting slip lost its parts: directive-nesting explains it.
    const slipped = analyseSlips(report).closedEarly;
    for (const rec of report.recommendations) {
      if (slipped.has(rec.node)) continue;
      if (rec.examples.length > 0) continue;
      const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
      emit(`${name} has no real-world example; add :::example{jurisdiction=XX} showing where it works`, attributePlace(rec.source.file, rec.node));
    }
  },
});
