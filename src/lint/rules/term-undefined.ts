import { defineRule, noOptions } from '../define.js';
import { closest, didYouMean } from '../suggest.js';

export default defineRule({
  meta: { id: 'term-undefined', severity: 'warn', description: 'A defined term used with `:term[…]` that no `:::definition` defines.' },
  options: noOptions,
  docs: {
    rationale:
      '`:term[trade secret]` links to the definition of the term; a term that is never defined links nowhere, and a reader cannot tell what the report means by it. Case and spacing do not matter (`Trade Secret` uses the definition of `trade secret`).',
    incorrect: [{ title: 'A term used but never defined', source: 'A :term[trade secret] must be protected.\n', line: 1, output: ["1:3-1:22 term `trade secret` is used but never defined; add :::definition{term=\"trade secret\"} … :::"] }],
    correct: [
      {
        title: 'A term defined once and used',
        source: ':::definition{term="trade secret"}\nInformation that is secret, has commercial value because it is secret, and has been kept secret.\n:::\n\nA :term[Trade Secret] must be protected.\n',
      },
    ],
  },
  check({ report, emit }) {
    const defined = new Set(report.definitions.map((d) => d.key).filter(Boolean));
    for (const use of report.termUses) {
      if (!use.key) emit('`:term[]` names no term; write the defined term inside the brackets', use.source);
      else if (!defined.has(use.key)) {
        emit(`term \`${use.term}\` is used but never defined; add :::definition{term="${use.term}"} … :::${didYouMean(closest(use.key, defined))}`, use.source);
      }
    }
  },
});
