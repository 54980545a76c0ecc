import { defineRule, noOptions } from '../define.js';
import { closest, didYouMean } from '../suggest.js';

export default defineRule({
  meta: { id: 'ref-target', severity: 'error', description: 'A cross-reference `:ref[id]` to an id that is neither a recommendation nor a heading.' },
  options: noOptions,
  docs: {
    rationale:
      '`:ref[evidence-preservation]` prints "Recommendation 2.3" with a link; `:ref[heading-slug]` prints "Section 2". A reference to an unknown id is printed as "[unknown reference]" in the published report.',
    incorrect: [
      {
        title: 'A misspelt id',
        source: '::::recommendation{#evidence-preservation title="A" uniform}\nCourts should act.\n::::\n\nSee :ref[evidence-preservaton].\n',
        line: 5, output: ["5:5-5:31 reference to unknown id `evidence-preservaton`: no recommendation or heading has it; did you mean `evidence-preservation`?"],
      },
    ],
    correct: [
      {
        title: 'A recommendation and a heading',
        source: '# Evidence\n\n::::recommendation{#evidence-preservation title="A" uniform}\nCourts should act.\n::::\n\nSee :ref[evidence-preservation] in :ref[evidence].\n',
      },
    ],
  },
  check({ report, emit }) {
    const ids = new Set([...report.recommendations.map((r) => r.id).filter(Boolean), ...report.headings.map((h) => h.slug)]);
    for (const ref of report.refs) {
      if (!ref.target) {
        emit('`:ref[]` names no target; write the id of a recommendation or heading inside the brackets', ref.source);
      } else if (!ids.has(ref.target)) {
        emit(`reference to unknown id \`${ref.target}\`: no recommendation or heading has it${didYouMean(closest(ref.target, ids))}`, ref.source);
      }
    }
  },
});
