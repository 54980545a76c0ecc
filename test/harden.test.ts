/**
 * Hardening round 2 (#18) checks that need more than the bad-input corpus can say: the ids of a
 * built page, and writes of `comments import`/`resolve` through a linked ledger.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendToLedger, resolveInLedger } from '../src/comments/ledger.js';
import { runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();
const front = '---\ntitle: T\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nconfidentiality: public\n---\n\n';

describe('ids the page itself uses (#18 item 11)', () => {
  it('headings named Main or Contents never give the page a second id="main" or id="contents"', async () => {
    const root = workspace({ 'reports/r/report.md': `${front}# Main\n\n::toc\n\n## Contents\n\nText.\n\n## Footnote label\n\nMore.[^1]\n\n[^1]: A note.\n` });
    const result = await runCliInProcess(['build', 'r'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(path.join(root, 'dist/r/r.html'), 'utf8');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids).toContain('main-1');
    expect(ids).toContain('contents-1');
    // The skip link still lands on the report body.
    expect(html).toContain('<main id="main"');
  });

  it('a recommendation whose id is one the page uses is a lint error at the id', async () => {
    const root = workspace({
      'reports/r/report.md': `${front}# One\n\n::::recommendation{#contents title="A" uniform}\nCourts should act.[^1]\n\n:::example{jurisdiction=FR}\nX.\n:::\n::::\n\n[^1]: S.\n`,
    });
    const result = await runCliInProcess(['lint', 'r'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('reports/r/report.md:11:20 error recommendation id `contents` is an id the page itself uses');
  });
});

describe('ledgers are written only inside the report folder (#18 item 6)', () => {
  const comment = { id: 'c1', author: 'A', date: '2026-11-20', status: 'open' as const, anchor: '', text: 'Noted.' };

  it('import does not write through a ledger that links outside, nor copy the outside file in', async () => {
    const outside = workspace({ 'ledger.yaml': 'OUTSIDE-FILE-CONTENT\n' });
    const root = workspace({ 'reports/r/report.md': `${front}Text.\n` });
    mkdirSync(path.join(root, 'reports/r/comments'));
    const ledger = path.join(root, 'reports/r/comments/review.yaml');
    symlinkSync(path.join(outside, 'ledger.yaml'), ledger);
    await expect(appendToLedger(ledger, 'review.pdf', [comment as never])).rejects.toThrow('is a link to a file outside the report folder');
    await expect(resolveInLedger(ledger, 'c1')).rejects.toThrow('is a link to a file outside the report folder');
    expect(readFileSync(path.join(outside, 'ledger.yaml'), 'utf8')).toBe('OUTSIDE-FILE-CONTENT\n');
  });

  it('import does not create a ledger in a comments/ folder that links outside', async () => {
    const outside = workspace({ 'keep.txt': 'x\n' });
    const root = workspace({ 'reports/r/report.md': `${front}Text.\n` });
    symlinkSync(outside, path.join(root, 'reports/r/comments'));
    await expect(appendToLedger(path.join(root, 'reports/r/comments/review.yaml'), 'review.pdf', [comment as never])).rejects.toThrow('outside the report folder');
    expect(existsSync(path.join(outside, 'review.yaml'))).toBe(false);
  });

  it('still writes a ledger in the report folder', async () => {
    const root = workspace({ 'reports/r/report.md': `${front}Text.\n` });
    const ledger = path.join(root, 'reports/r/comments/review.yaml');
    await appendToLedger(ledger, 'review.pdf', [comment as never]);
    expect(readFileSync(ledger, 'utf8')).toContain('Noted.');
  });
});
