import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';
import { misspeltAttribute } from '../dialect.js';

export default defineRule({
  meta: { id: 'recommendation-title', severity: 'error', description: 'A recommendation without a title.' },
  options: noOptions,
  docs: {
    rationale:
      'The title names the recommendation in the summary table, the contents and every cross-reference. Give it with `title="…"` or as the label: `::::recommendation[Preserve evidence]{#preserve}`.',
    incorrect: [{ title: 'No title', source: '::::recommendation{#preserve}\nCourts should act.\n::::\n', line: 1, output: ["1:1-1:30 recommendation `preserve` has no title; add title=\"…\" (it names the recommendation in the summary and in references)"] }],
    correct: [
      { title: 'A title attribute', source: '::::recommendation{#preserve title="Preserve evidence"}\nCourts should act.\n::::\n' },
      { title: 'A label', source: '::::recommendation[Preserve evidence]{#preserve}\nCourts should act.\n::::\n' },
    ],
  },
  check({ report, emit }) {
    for (const rec of report.recommendations) {
      if (rec.title || misspeltAttribute(rec.node, 'title') !== undefined) continue;
      const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
      emit(`${name} has no title; add title="…" (it names the recommendation in the summary and in references)`, attributePlace(rec.source.file, rec.node));
    }
  },
});
