import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: {
    id: 'chapter-path',
    severity: 'error',
    description: 'A chapter listed in front matter that does not exist, cannot be read, lies outside the report folder, is listed twice, or has its own front matter.',
  },
  options: noOptions,
  docs: {
    rationale:
      'A long report lists its chapter files in `chapters:`, relative to the report folder. A missing or unreadable chapter would silently shorten the report; a chapter outside the report folder would make builds depend on files nobody reviews with the report. The loader finds these while reading the report and reports them under this rule; a chapter that carries front matter is a warning (only report.md has front matter; the block is ignored).',
    incorrect: [
      { title: 'A chapter that does not exist', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nchapters:\n  - chapters/01-missing.md\n---\n\nText.\n', line: 7, output: ["7:5-7:27 chapter `chapters/01-missing.md` does not exist"] },
      { title: 'A chapter outside the report folder', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nchapters:\n  - ../other/report.md\n---\n\nText.\n', line: 7, output: ["7:5-7:23 chapter `../other/report.md` is outside the report folder; chapters must stay inside it"] },
    ],
    correct: [
      {
        title: 'Chapters inside the report folder',
        source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nchapters:\n  - chapters/01-introduction.md\n---\n\nText.\n',
        files: { 'chapters/01-introduction.md': '# Introduction\n\nText.\n' },
      },
    ],
  },
  check() {
    // Everything this rule reports is found by the loader (src/model/load.ts) while reading.
  },
});
