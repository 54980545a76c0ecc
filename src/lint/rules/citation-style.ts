import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'citation-style', severity: 'error', description: '`citation-style:` names neither an installed CSL style nor a `.csl` file inside the workspace.' },
  options: noOptions,
  docs: {
    rationale:
      '`citation-style:` takes the name of a style of the official CSL repository (`oscola`, the default, `bluebook-law-review`, `mcgill-en`, …, read from /usr/share/citation-style-language/styles) or the path of a `.csl` file in the workspace. An unknown name would format every note in another style than the one asked for, so the loader stops the build.',
    incorrect: [
      { title: 'A misspelt style name', output: ["5:17-5:24 citation-style `oscolla` is not a CSL style (legal styles: oscola, bluebook-law-review, mcgill-en, australian-guide-to-legal-citation, juristische-zitierweise, guide-des-citations-references-et-abreviations-juridiques, law-citation-manual, the-university-of-tokyo-law-review; or give a .csl path)"], source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ncitation-style: oscolla\n---\n\nSee [@smith].\n', files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n' }, line: 5 },
    ],
    correct: [
      { title: 'A shipped legal style', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ncitation-style: bluebook-law-review\n---\n\nSee [@smith].\n', files: { 'references.yaml': '- id: smith\n  type: book\n  title: A\n' } },
    ],
  },
  check() {
    // Everything this rule reports is found by the loader (src/cite/styles.ts) while reading.
  },
});
