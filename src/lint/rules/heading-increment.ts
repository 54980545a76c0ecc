import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'heading-increment', severity: 'error', description: 'A heading more than one level deeper than the one before it (h1 → h3).' },
  options: noOptions,
  docs: {
    rationale:
      'Section numbers, the contents and the PDF outline follow the heading levels. A skipped level (`#` then `###`) makes a section numbered "1.0.1" and an outline with a hole; screen readers announce the missing level too. Chapters are read in the order the front matter lists them, so the last heading of one chapter is compared with the first of the next.',
    incorrect: [{ title: 'h1 followed by h3', source: '# Evidence\n\n### Preservation\n\nText.\n', line: 3, output: ["3:1-3:4 heading level 3 (###) follows level 1 (#) and skips a level; use ##"] }],
    correct: [{ title: 'One level at a time', source: '# Evidence\n\n## Preservation\n\n### Seizure\n\n# Protection\n' }],
  },
  check({ report, emit }) {
    let previous: (typeof report.headings)[number] | undefined;
    for (const heading of report.headings) {
      // Headings inside directives or quotations are not part of the outline (number '').
      if (!heading.number) continue;
      if (previous && heading.depth > previous.depth + 1) {
        const hashes = (n: number) => '#'.repeat(n);
        emit(
          `heading level ${heading.depth} (${hashes(heading.depth)}) follows level ${previous.depth} (${hashes(previous.depth)}) and skips a level; use ${hashes(previous.depth + 1)}`,
          { ...heading.source, endLine: heading.source.line, endColumn: heading.source.column + heading.depth },
        );
      }
      previous = heading;
    }
  },
});
