import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, removeWorkspace, reportSource, runCliInProcess } from './helpers.js';

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

const ledger = `# Comments imported by \`rapporteur comments import\`.
from: review.pdf
comments:
  - id: pdf-0123456789
    author: Ingrid Lindqvist
    date: 2026-11-20
    status: open
    anchor: one
    text: Who decides who is in the circle?
  - id: pdf-9876543210
    author: Ingrid Lindqvist
    status: resolved
    anchor: one
    text: Already answered.
`;

describe('lint sees comments imported from PDFs', () => {
  for (const [status, severity, code] of [['final', 'error', 1], ['review', 'warning', 0], ['draft', '', 0]] as const) {
    it(`an open imported comment in a ${status} report`, async () => {
      const root = makeWorkspace({
        'reports/r/report.md': reportSource('# One\n\nNo recommendations here.\n', { status, confidentiality: 'public' }),
        'reports/r/comments/review.yaml': ledger,
      });
      workspaces.push(root);
      const result = await runCliInProcess(['lint', '--no-cache', '--format', 'json'], { cwd: root });
      const findings = (JSON.parse(result.stdout) as Array<{ file: string; line: number; rule: string; severity: string; message: string }>).filter((f) => f.rule === 'comment-status');
      if (code === 1) expect(result.code).toBe(1);
      if (!severity) {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings).toEqual([
        expect.objectContaining({
          file: 'reports/r/comments/review.yaml',
          line: 4,
          severity,
          message: expect.stringContaining('open comment by Ingrid Lindqvist imported from a PDF ("Who decides who is in the circle?")'),
        }),
      ]);
      expect(findings[0].message).toContain('rapporteur comments resolve pdf-0123456789');
    });
  }
});
