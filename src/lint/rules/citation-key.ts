import { defineRule, noOptions } from '../define.js';
import { closest, didYouMean } from '../suggest.js';

const REFS = `- id: smith2020\n  type: book\n  title: Trade Secrets Law\n  author: [{family: Smith, given: Jane}]\n  issued: {date-parts: [[2020]]}\n`;

export default defineRule({
  meta: { id: 'citation-key', severity: 'error', description: 'A citation `[@key]` names a key that no entry of the references file has.' },
  options: noOptions,
  docs: {
    rationale:
      'A citation is formatted from its reference; a key that no reference has cannot be formatted and is printed as written, `[@key]`, in the published report. The message names the closest key when the key looks like a typo.',
    incorrect: [
      { title: 'A misspelt key', output: ["1:16-1:25 unknown citation key `@smith2002`: no entry of reports/example/references.yaml has it; did you mean `smith2020`?"], source: 'Courts agree [@smith2002, 12].\n', files: { 'references.yaml': REFS }, line: 1 },
      { title: 'A citation in a report without references', output: ["1:16-1:25 citation of `@smith2020`, but the report has no references file (references.json, references.bib or references.yaml beside report.md, or front matter `references:`)"], source: 'Courts agree [@smith2020].\n', line: 1 },
    ],
    correct: [{ title: 'The key of a reference', source: 'Courts agree [@smith2020, 12].\n', files: { 'references.yaml': REFS } }],
  },
  check({ report, emit }) {
    const keys = new Set((report.references?.items ?? []).map((item) => item.id));
    for (const citation of report.citations) {
      for (const entry of citation.entries) {
        if (keys.has(entry.key)) continue;
        const place = entry.keyPosition
          ? { ...citation.source, line: entry.keyPosition.start.line, column: entry.keyPosition.start.column, endLine: entry.keyPosition.end.line, endColumn: entry.keyPosition.end.column }
          : citation.source;
        if (!report.references) {
          emit(`citation of \`@${entry.key}\`, but the report has no references file (references.json, references.bib or references.yaml beside report.md, or front matter \`references:\`)`, place);
        } else {
          emit(`unknown citation key \`@${entry.key}\`: no entry of ${report.references.file} has it${didYouMean(closest(entry.key, keys))}`, place);
        }
      }
    }
  },
});
