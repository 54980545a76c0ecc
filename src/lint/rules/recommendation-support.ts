import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';
import { analyseSlips } from '../slip.js';

export default defineRule({
  meta: { id: 'recommendation-support', severity: 'warn', description: 'A recommendation with no footnote anywhere in it (no support cited).' },
  options: noOptions,
  docs: {
    rationale:
      'Recommendations are concrete: each carries its support — the statute, case or study behind it — in footnotes, in the principle, a variant, an example or the rationale. A warning, because a draft may add its sources later.',
    incorrect: [{ title: 'No footnote', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n::::\n', line: 1, output: ["1:1-1:41 recommendation `a` cites no support; add a footnote ([^label]) citing the statute, case or study behind it"] }],
    correct: [
      {
        title: 'Support in the example',
        source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=FR}\nThe saisie.[^cpi]\n:::\n::::\n\n[^cpi]: Code de la propriété intellectuelle, art. L. 615-5.\n',
      },
    ],
  },
  check({ report, emit }) {
    const slipped = analyseSlips(report).closedEarly;
    for (const rec of report.recommendations) {
      if (slipped.has(rec.node)) continue;
      const { file, startOffset = 0, endOffset = 0 } = rec.source;
      const supported = report.footnoteCalls.some(
        (call) => call.source.file === file && (call.source.startOffset ?? -1) >= startOffset && (call.source.startOffset ?? -1) < endOffset,
      );
      if (supported) continue;
      const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
      emit(`${name} cites no support; add a footnote ([^label]) citing the statute, case or study behind it`, attributePlace(rec.source.file, rec.node));
    }
  },
});
