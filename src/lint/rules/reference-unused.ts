import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'reference-unused', severity: 'warn', description: 'An entry of the references file that the report never cites.' },
  options: noOptions,
  docs: {
    rationale:
      'A reference nobody cites appears in no note and, with `::bibliography`, only in the bibliography: usually a citation was deleted or its key misspelt. Remove the entry or cite it.',
    incorrect: [
      {
        title: 'A reference that is never cited', output: ["references.yaml:4:7-4:12 reference `jones` is never cited; cite it as [@jones] or remove it"],
        source: 'Courts agree [@smith].\n',
        files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n- id: jones\n  type: book\n  title: B\n' },
        file: 'reports/example/references.yaml',
        line: 4,
      },
    ],
    correct: [{ title: 'Every reference cited', source: 'Courts agree [@smith; @jones].\n', files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n- id: jones\n  type: book\n  title: B\n' } }],
  },
  check({ report, emit }) {
    if (!report.references) return;
    const cited = new Set(report.citations.flatMap((citation) => citation.entries.map((entry) => entry.key)));
    for (const item of report.references.items) {
      if (!cited.has(item.id)) emit(`reference \`${item.id}\` is never cited; cite it as [@${item.id}] or remove it`, item.source);
    }
  },
});
