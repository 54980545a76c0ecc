import { defineRule, noOptions } from '../define.js';

const LEGISLATION = new Set(['legislation', 'bill', 'regulation']);

/** The year a short title ends with (`Human Rights Act 1998`, `… Act of 2016`), if any. */
export function titleYear(title: string): string | undefined {
  const last = title.trim().split(' ').at(-1) ?? '';
  if (last.length !== 4 || ![...last].every((c) => c >= '0' && c <= '9')) return undefined;
  const year = Number(last);
  return year >= 1200 && year <= 2200 ? last : undefined;
}

export default defineRule({
  meta: { id: 'legislation-title-year', severity: 'warn', description: 'A legislation reference whose title ends with its year: the legal styles print the year from `issued`, so it appears twice or goes missing.' },
  options: noOptions,
  docs: {
    rationale:
      'CSL has no field for the year that is part of a statute\'s short title. OSCOLA prints `title issued` ("Human Rights Act 1998 1998" when the title holds the year) and Bluebook `title, … (issued)`. The data convention: write the short title without its year and give the year as `issued` (`title: Human Rights Act`, `issued: {date-parts: [[1998]]}`); OSCOLA then prints "Human Rights Act 1998" and Bluebook "Human Rights Act … (1998)".',
    incorrect: [
      {
        title: 'The year in the title', output: ["references.yaml:1:7-1:10 legislation `hra`: the title ends with 1998 and `issued` gives the year again, so notes print it twice; write the title without the year"],
        source: 'See [@hra].\n',
        files: { 'references.yaml': '- id: hra\n  type: legislation\n  title: Human Rights Act 1998\n  issued: {date-parts: [[1998]]}\n' },
        file: 'reports/example/references.yaml',
        line: 1,
      },
    ],
    correct: [{ title: 'The year in `issued`', source: 'See [@hra].\n', files: { 'references.yaml': '- id: hra\n  type: legislation\n  title: Human Rights Act\n  issued: {date-parts: [[1998]]}\n' } }],
  },
  check({ report, emit }) {
    for (const item of report.references?.items ?? []) {
      if (!LEGISLATION.has(item.csl.type) || typeof item.csl.title !== 'string') continue;
      const year = titleYear(item.csl.title);
      if (!year) continue;
      const issued = item.csl.issued !== undefined;
      emit(
        issued
          ? `legislation \`${item.id}\`: the title ends with ${year} and \`issued\` gives the year again, so notes print it twice; write the title without the year`
          : `legislation \`${item.id}\`: write the title without ${year} and give the year as \`issued: {date-parts: [[${year}]]}\`, so every style places it`,
        item.source,
      );
    }
  },
});
