import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { locate, printPdf, reviewBody as body } from './comments-helpers.js';
import { commitAll, initRepo, reportSource, runCliInProcess, tempWorkspaces } from './helpers.js';

/**
 * Reviewers' PDFs made by other software (#18 items 12-15): annotations written by MuPDF
 * (PyMuPDF) as incremental saves, checked with qpdf where the file's structure matters.
 */

const workspace = tempWorkspaces();

const TITLE = 'Access to Evidence';
let base: Uint8Array;

function reportWorkspace(title = TITLE): string {
  const root = workspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title }) });
  initRepo(root);
  commitAll(root, 'draft');
  return root;
}

beforeAll(async () => {
  const root = reportWorkspace();
  const file = path.join(root, 'dist/demo/demo.pdf');
  await printPdf(root, 'demo', file);
  base = readFileSync(file);
}, 120_000);

interface Spec {
  type?: 'highlight' | 'strikeout' | 'text' | 'caret' | 'square';
  page?: number;
  quads?: number[][];
  box?: number[];
  contents?: string;
  author?: string;
  date?: string;
  nm?: string;
  irt?: number;
  rt?: 'Group';
  edit?: string;
}

/** Writes `input` annotated by MuPDF (an incremental save) to `output`. */
function annotateWithMuPdf(input: string, output: string, spec: Spec[]): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mupdf-'));
  try {
    const specFile = path.join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'pdf', 'annotate.py');
    const result = spawnSync('/usr/bin/python3', [script, input, output, specFile], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`MuPDF annotation failed: ${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface JsonEntry {
  id: string;
  anchor: string;
  author: string | null;
  date: string | null;
  text: string;
  kind: string;
  quote: string | null;
  old: string | null;
  new: string | null;
  page: number | null;
}

async function register(root: string): Promise<JsonEntry[]> {
  return JSON.parse((await runCliInProcess(['comments', '--status', 'all', '--format', 'json'], { cwd: root })).stdout) as JsonEntry[];
}

function basePdf(root: string): string {
  const file = path.join(root, 'draft.pdf');
  writeFileSync(file, base);
  return file;
}

describe('reviewers’ PDFs from other software', () => {
  test('#12: a PDF of another report is refused unless --report says so', async () => {
    const root = reportWorkspace('Cross-border Enforcement');
    const where = await locate(base, 'grant a search order');
    annotateWithMuPdf(basePdf(root), path.join(root, 'review.pdf'), [{ type: 'text', page: where.page, box: where.box, contents: 'Which court?', author: 'Ingrid Lindqvist' }]);
    const refused = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/review\.pdf: this PDF is titled ".*Access to Evidence.*", not "Cross-border Enforcement" \(demo\).*--report demo/);
    const forced = await runCliInProcess(['comments', 'import', 'review.pdf', '--report', 'demo'], { cwd: root });
    expect(forced.code).toBe(0);
  });

  test('#13: caret and square notes are imported; Acrobat’s replace is one suggestion with old and new words', async () => {
    const root = reportWorkspace();
    const struck = await locate(base, 'judicial officer');
    const boxed = await locate(base, 'limited circle of persons');
    annotateWithMuPdf(basePdf(root), path.join(root, 'review.pdf'), [
      { type: 'caret', page: struck.page, box: struck.box, contents: 'bailiff', author: 'Thomas Albrecht', date: "D:20261119080000+01'00'" },
      { type: 'strikeout', page: struck.page, quads: struck.quads, author: 'Thomas Albrecht', irt: 0, rt: 'Group' },
      { type: 'square', page: boxed.page, box: boxed.box, contents: 'Name the circle.', author: 'Akiko Morimoto' },
      { type: 'caret', page: boxed.page, box: boxed.box, contents: 'Add: and their experts', author: 'Akiko Morimoto' },
    ]);
    const result = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/3 comments added/);
    const entries = await register(root);
    expect(entries.find((e) => e.kind === 'suggestion')).toMatchObject({ anchor: 'evidence-preservation', old: 'judicial officer', new: 'bailiff', author: 'Thomas Albrecht' });
    expect(entries.filter((e) => e.author === 'Akiko Morimoto').map((e) => [e.text, e.anchor]).sort()).toEqual([
      ['Add: and their experts', 'confidentiality-orders'],
      ['Name the circle.', 'confidentiality-orders'],
    ]);
  });

  test('#14: two reviewers’ identical remarks do not collide; an edited note re-sent updates its entry', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'supervised by an independent lawyer');
    annotateWithMuPdf(basePdf(root), path.join(root, 'round-1.pdf'), [
      { type: 'highlight', page: where.page, quads: where.quads, contents: 'Agreed.', author: 'Ingrid Lindqvist', nm: 'a1' },
      { type: 'highlight', page: where.page, quads: where.quads, contents: 'Agreed.', author: 'Daniel Osei', nm: 'b1' },
    ]);
    expect((await runCliInProcess(['comments', 'import', 'round-1.pdf'], { cwd: root })).stdout).toMatch(/2 comments added/);
    expect((await register(root)).map((e) => e.author).sort()).toEqual(['Daniel Osei', 'Ingrid Lindqvist']);
    // Ingrid edits her note and sends the file again (MuPDF saves incrementally, as Acrobat does).
    annotateWithMuPdf(path.join(root, 'round-1.pdf'), path.join(root, 'round-1-edited.pdf'), [{ edit: 'Agreed.', author: 'Ingrid Lindqvist', contents: 'Agreed, but say who pays the lawyer.' }]);
    writeFileSync(path.join(root, 'round-1.pdf'), readFileSync(path.join(root, 'round-1-edited.pdf')));
    const again = await runCliInProcess(['comments', 'import', 'round-1.pdf'], { cwd: root });
    expect(again.stdout).toMatch(/0 comments added .*, 1 updated, 1 already imported/);
    expect((await register(root)).map((e) => [e.author, e.text]).sort()).toEqual([
      ['Daniel Osei', 'Agreed.'],
      ['Ingrid Lindqvist', 'Agreed, but say who pays the lawyer.'],
    ]);
  });

  test('#15: a Tokyo note keeps its date and zone; a highlight cut inside its first word keeps that word', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'restrict access to documents');
    // Start the highlight two thirds into "restrict": proportional cuts used to drop the word.
    const [x0, y0, x1, y1] = where.quads[0];
    const width = (x1 - x0) / 'restrict access to documents'.length;
    annotateWithMuPdf(basePdf(root), path.join(root, 'review.pdf'), [
      { type: 'highlight', page: where.page, quads: [[x0 + width * 6, y0, x1, y1]], contents: 'Which documents?', author: 'Akiko Morimoto', date: "D:20261126083000+09'00'" },
    ]);
    expect((await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root })).code).toBe(0);
    const [entry] = await register(root);
    expect(entry.date).toBe('2026-11-26T08:30:00+09:00');
    expect(entry.quote?.startsWith('restrict access')).toBe(true);
    expect(entry.anchor).toBe('confidentiality-orders');
  });

  test('#15: a damaged last incremental save is reported', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'grant a search order');
    const file = path.join(root, 'review.pdf');
    annotateWithMuPdf(basePdf(root), file, [{ type: 'text', page: where.page, box: where.box, contents: 'Which court?', author: 'Ingrid Lindqvist' }]);
    // A save cut short: a new revision's trailer pointing at a cross-reference that is not there.
    appendFileSync(file, '\n12 0 obj\n<< /Type /Annot /Subtype /Text /Contents (lost) >>\nendobj\nstartxref\n99999999\n%%EOF\n');
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status).not.toBe(0);
    expect(`${check.stdout}${check.stderr}`).toMatch(/xref|damaged|reconstruct/i);
    const result = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^review\.pdf: warning: the last save of this PDF is damaged/);
    // And an intact file does not say so.
    annotateWithMuPdf(basePdf(root), path.join(root, 'intact.pdf'), [{ type: 'text', page: where.page, box: where.box, contents: 'Fine.', author: 'Ingrid Lindqvist' }]);
    expect(spawnSync('qpdf', ['--check', path.join(root, 'intact.pdf')]).status).toBe(0);
    expect((await runCliInProcess(['comments', 'import', 'intact.pdf'], { cwd: root })).stderr).toBe('');
  });
});
