import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';
import { attributeFindings } from '../dialect.js';

export default defineRule({
  meta: { id: 'variant-system', severity: 'error', description: 'A variant without `system`, or for a system that is not in the front matter\'s `systems`.' },
  options: noOptions,
  docs: {
    rationale:
      'A variant is printed in the edition of its system. A variant whose system is missing or not listed in `systems` appears in no single-system edition, usually because of a typo (`civil`, `civl-law`) or because `systems` forgot a system.',
    incorrect: [
      {
        title: 'A system the report does not list',
        source: '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civl-law}\nA bailiff.\n:::\n::::\n',
        line: 4, output: ["4:12-4:27 variant for `civl-law`, which is not among this report's systems (civil-law, common-law), so no single-system edition prints it; did you mean `civil-law`?"],
      },
    ],
    correct: [
      {
        title: 'Systems from the front matter',
        source: '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civil-law}\nA bailiff.\n:::\n\n:::variant{system=common-law}\nA search order.\n:::\n::::\n',
      },
    ],
  },
  check({ report, emit }) {
    // What a system may be, and what is said when it is not, is the variant's spec (src/dialect/variant.ts).
    for (const rec of report.recommendations) {
      for (const variant of rec.variants) {
        for (const issue of attributeFindings(variant.node, report, 'variant-system')) emit(issue.message, attributePlace(variant.source.file, variant.node, issue.attribute));
      }
    }
  },
});
