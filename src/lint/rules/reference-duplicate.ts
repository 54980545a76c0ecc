import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'reference-duplicate', severity: 'error', description: 'Two entries of the references file with the same key.' },
  options: noOptions,
  docs: {
    rationale:
      'A citation names one reference by its key; with two entries of the same key, which one a note shows depends on the order of the file. Give each its own key.',
    incorrect: [
      {
        title: 'The same key twice', output: ["references.yaml:4:7-4:12 reference key `smith` is already used at line 1; give each reference its own key"],
        source: 'Courts agree [@smith].\n',
        files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n- id: smith\n  type: book\n  title: B\n' },
        file: 'reports/example/references.yaml',
        line: 4,
      },
    ],
    correct: [{ title: 'Distinct keys', source: 'Courts agree [@smith; @smith-b].\n', files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n- id: smith-b\n  type: book\n  title: B\n' } }],
  },
  check({ report, emit }) {
    const first = new Map<string, number>();
    for (const item of report.references?.items ?? []) {
      const line = first.get(item.id);
      if (line === undefined) first.set(item.id, item.source.line);
      else emit(`reference key \`${item.id}\` is already used at line ${line}; give each reference its own key`, item.source);
    }
  },
});
