import { isDialectNode } from '../../dialect/index.js';
import { defineRule, noOptions } from '../define.js';
import { attributeFindings } from '../dialect.js';
import { attributePlace } from '../place.js';

export default defineRule({
  meta: {
    id: 'attribute-value',
    severity: 'error',
    description: 'An attribute written with a value its directive does not take (`uniform=yes`, `status=resolvd`), with the closest value it takes.',
  },
  options: noOptions,
  docs: {
    rationale:
      'Each directive says in its spec (src/dialect) what its attributes\' values may be. A value it does not take is not an error the reader sees: `status=resolvd` leaves a comment open, `uniform=yes` happens to mean what was meant and `uniform=no` does not. Values that other rules explain in their own words (a variant\'s `system`, an example\'s `jurisdiction`, a recommendation\'s `id`, a definition\'s `term`) are reported by those rules; this rule reports the others, with the spec\'s message.',
    incorrect: [
      {
        title: 'A flag with a value',
        source: '::::recommendation{#a title="A" uniform=no}\nCourts should act.\n::::\n',
        line: 1, output: ["1:33-1:43 `uniform=no` on a recommendation: `uniform` is a flag, written bare (`uniform`) or `uniform=false`"],
      },
      {
        title: 'A misspelt comment status',
        source: 'Courts should act.:comment[Too strong?]{author="Ann" status=resolvd}\n',
        line: 1, output: ["1:54-1:68 `status=resolvd` on a comment is not one of open, resolved, so the comment counts as open; did you mean `resolved`?"],
      },
    ],
    correct: [
      { title: 'A flag written bare', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n::::\n' },
      { title: 'A resolved comment', source: 'Courts should act.:comment[Too strong?]{author="Ann" status=resolved}\n' },
    ],
  },
  check({ report, emit }) {
    for (const item of report.directives) {
      if (!isDialectNode(item.node)) continue;
      for (const issue of attributeFindings(item.node, report, 'attribute-value')) emit(issue.message, attributePlace(item.source.file, item.node, issue.attribute));
    }
  },
});
