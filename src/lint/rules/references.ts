import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'references', severity: 'error', description: 'The references file cannot be read: a syntax error, an entry without `id` or CSL `type`, or a `references:` path that does not exist or leaves the workspace.' },
  options: noOptions,
  docs: {
    rationale:
      'Citations are formatted from `references.json` (CSL-JSON), `references.bib` (BibTeX) or `references.yaml` (CSL-YAML) beside report.md, or the file front matter `references:` names. A file that cannot be read would leave every citation unformatted, so the loader reports each problem at the line of the entry and a build stops.',
    incorrect: [
      {
        title: 'An entry without a CSL type', output: ["references.yaml:1:3-3:1 reference `smith`: a reference needs a CSL `type` such as legal_case, legislation, treaty, book or article-journal"],
        source: 'See [@smith].\n',
        files: { 'references.yaml': '- id: smith\n  title: Trade Secrets Law\n' },
        file: 'reports/example/references.yaml',
        line: 1,
      },
      { title: 'A BibTeX syntax error', output: ["references.bib:6:1-6:1 BibTeX syntax error: invalid syntax"], source: 'See [@smith].\n', files: { 'references.bib': '@book{smith,\n  title = {Trade Secrets Law,\n  year = 2020\n}\n\n@book{x, title={Y}}\n' }, file: 'reports/example/references.bib' },
    ],
    correct: [{ title: 'A CSL-JSON entry', source: 'See [@smith].\n', files: { 'references.json': '[{"id": "smith", "type": "book", "title": "Trade Secrets Law"}]\n' } }],
  },
  check() {
    // Everything this rule reports is found by the loader (src/cite/references.ts) while reading.
  },
});
