import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';
import { attributeFindings } from '../dialect.js';

export default defineRule({
  meta: { id: 'example-jurisdiction', severity: 'error', description: 'An example without `jurisdiction`, or with a code that is not ISO 3166-1 alpha-2 (or EU).' },
  options: noOptions,
  docs: {
    rationale:
      'An example is a real-world example from one jurisdiction. Its code gives the name printed above it ("Example — France") and its legal family, which `example-family` checks against the variant it stands in. Codes are ISO 3166-1 alpha-2 (`GB`, not `UK`), or `EU` for the European Union.',
    incorrect: [
      {
        title: 'UK instead of GB',
        source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=UK}\nSearch orders.\n:::\n::::\n',
        line: 4, output: ["4:12-4:27 unknown jurisdiction code `UK`; did you mean `GB` (United Kingdom)?"],
      },
      { title: 'No jurisdiction', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example\nSomewhere.\n:::\n::::\n', line: 4, output: ["4:1-4:11 example without a jurisdiction; write :::example{jurisdiction=FR} (an ISO 3166-1 alpha-2 code, or EU)"] },
    ],
    correct: [
      {
        title: 'ISO codes and EU',
        source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=GB}\nSearch orders.\n:::\n\n:::example{jurisdiction=EU}\nDirective (EU) 2016/943.\n:::\n::::\n',
      },
    ],
  },
  check({ report, emit }) {
    // What a jurisdiction may be, and the suggestions, are the example's spec (src/dialect/values.ts).
    for (const item of report.directives) {
      if (item.node.type !== 'example') continue;
      for (const issue of attributeFindings(item.node, report, 'example-jurisdiction')) emit(issue.message, attributePlace(item.source.file, item.node, issue.attribute));
    }
  },
});
