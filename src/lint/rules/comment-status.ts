import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'comment-status', severity: 'error', description: 'Open working-group comments in a report whose status is final (error) or review (warning).' },
  options: noOptions,
  docs: {
    rationale:
      'Comments are never published, but an open comment is a question the working group is still waiting on. A `final` report should have none (error); a report in `review` is warned, so open comments are answered before the draft is finalised. Resolve a comment with `status=resolved`.',
    incorrect: [
      {
        title: 'An open comment in a final report',
        source: '---\ntitle: A report\nversion: 1.0.0\nstatus: final\ndate: 2026-11-21\n---\n\nCourts should act.:comment[Which courts?]{author="Ann" status=open}\n',
        line: 8, output: ["8:19-8:68 open comment by Ann (\"Which courts?\") in a final report; answer it and mark it status=resolved before publishing"],
      },
    ],
    correct: [
      {
        title: 'A resolved comment in a final report',
        source: '---\ntitle: A report\nversion: 1.0.0\nstatus: final\ndate: 2026-11-21\n---\n\nCourts should act.:comment[Which courts?]{author="Ann" status=resolved}\n',
      },
      { title: 'Open comments in a draft', source: 'Courts should act.:comment[Which courts?]{author="Ann"}\n' },
    ],
  },
  check({ report, ledger, emit }) {
    const status = report.meta.status;
    if (status !== 'final' && status !== 'review') return;
    for (const comment of report.comments) {
      if (comment.status !== 'open') continue;
      const by = comment.author ? ` by ${comment.author}` : '';
      const text = comment.text.length > 60 ? `${comment.text.slice(0, 57)}…` : comment.text;
      emit(
        status === 'final'
          ? `open comment${by} ("${text}") in a final report; answer it and mark it status=resolved before publishing`
          : `open comment${by} ("${text}") in a report under review; answer it and mark it status=resolved before the report is final`,
        { ...comment.source, endLine: comment.source.line, endColumn: comment.source.line === comment.source.endLine ? comment.source.endColumn : comment.source.column + 1 },
        { severity: status === 'final' ? 'error' : 'warning' },
      );
    }
    for (const entry of ledger) {
      if (entry.status !== 'open') continue;
      const by = entry.author ? ` by ${entry.author}` : '';
      const text = entry.text.length > 60 ? `${entry.text.slice(0, 57)}…` : entry.text;
      emit(
        `open comment${by} imported from a PDF ("${text}") in a ${status === 'final' ? 'final report' : 'report under review'}; answer it and run \`rapporteur comments resolve ${entry.id}\``,
        { file: entry.file, line: entry.line, column: 1, endLine: entry.line, endColumn: 1 },
        { severity: status === 'final' ? 'error' : 'warning' },
      );
    }
  },
});
