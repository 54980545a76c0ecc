import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'footnote-unused', severity: 'warn', description: 'A footnote definition that no call in its file uses.' },
  options: noOptions,
  docs: {
    rationale:
      'A footnote definition without a call is not printed at all, so the support it carries is lost; usually a call was deleted or misspelt. Each file\'s calls use that file\'s definitions.',
    incorrect: [{ title: 'A definition nobody calls', source: 'Courts already do this.\n\n[^saisie]: Code de la propriété intellectuelle, art. L. 615-5.\n', line: 3, output: ["3:1-3:11 footnote [^saisie] is defined but never called, so it is not printed; call it with [^saisie] or remove it"] }],
    correct: [{ title: 'A called definition', source: 'Courts already do this.[^saisie]\n\n[^saisie]: Code de la propriété intellectuelle, art. L. 615-5.\n' }],
  },
  check({ report, emit }) {
    const called = new Set(report.footnoteCalls.map((c) => c.identifier));
    for (const note of report.footnotes) {
      if (called.has(note.identifier)) continue;
      emit(`footnote [^${note.label}] is defined but never called, so it is not printed; call it with [^${note.label}] or remove it`, {
        ...note.source,
        endLine: note.source.line,
        endColumn: note.source.column + note.label.length + 4,
      });
    }
  },
});
