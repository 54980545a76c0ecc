/**
 * Hardening round 2 (#18), the items the first pass left open: notes stored only as rich text
 * (15), the annotation's own name in a note's identity (14), a read-only file system (11), and
 * ids a workspace template adds to the page (11).
 *
 * Reviewer PDFs are printed by the project's PDF renderer and annotated by MuPDF (PyMuPDF, an
 * incremental save, as a reviewer's reader saves). PyMuPDF 1.21 has no rich-text API, so the
 * rich-text entry itself is written through MuPDF's low-level object calls (see
 * fixtures/pdf/annotate.py); MuPDF writes the file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { readPdfAnnotations } from '../src/comments/pdf.js';
import { locate, printPdf, reviewBody as body } from './comments-helpers.js';
import { bin, commitAll, initRepo, repoRoot, reportSource, runCliInProcess, tempWorkspaces, type CliResult } from './helpers.js';

const workspace = tempWorkspaces();

let base: Uint8Array;

function reportWorkspace(): string {
  const root = workspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }) });
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
  type?: 'highlight' | 'text' | 'square';
  page?: number;
  quads?: number[][];
  box?: number[];
  contents?: string;
  author?: string;
  nm?: string;
  rc?: string;
  rc_form?: 'utf16' | 'stream' | 'string';
  edit_nm?: string;
}

/** Writes `input` annotated by MuPDF (an incremental save) to `output`. */
function annotateWithMuPdf(input: string, output: string, spec: Spec[]): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mupdf-'));
  try {
    const specFile = path.join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const result = spawnSync('/usr/bin/python3', [path.join(repoRoot, 'test/fixtures/pdf/annotate.py'), input, output, specFile], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`MuPDF annotation failed: ${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function basePdf(root: string): string {
  const file = path.join(root, 'draft.pdf');
  writeFileSync(file, base);
  return file;
}

interface JsonEntry {
  id: string;
  anchor: string;
  author: string | null;
  text: string;
  kind: string;
  quote: string | null;
}

async function register(root: string): Promise<JsonEntry[]> {
  const result = await runCliInProcess(['comments', '--status', 'all', '--format', 'json'], { cwd: root });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as JsonEntry[];
}

/** Acrobat's rich text: an XHTML body with XFA attributes, one <p> per paragraph, spans for styles. */
const acrobatRich = (paragraphs: string[]) =>
  `<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml" xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/" xfa:APIVersion="Acrobat:23.6.0" xfa:spec="2.0.2">${paragraphs
    .map((p) => `<p dir="ltr"><span style="font-family:Helvetica;font-size:10.0pt;color:#000000">${p}</span></p>`)
    .join('')}</body>`;

describe('notes stored only as rich text (#18 item 15)', () => {
  test('an /RC as a UTF-16 string, as a stream and as a plain string is imported, paragraphs kept', async () => {
    const root = reportWorkspace();
    const court = await locate(base, 'grant a search order');
    const circle = await locate(base, 'limited circle of persons');
    const review = path.join(root, 'review.pdf');
    annotateWithMuPdf(basePdf(root), review, [
      // Acrobat's way: a UTF-16BE hex string with its byte-order mark, and no /Contents.
      { type: 'text', page: court.page, box: court.box, author: 'Ingrid Lindqvist', rc: acrobatRich(['Which court &amp; when?', 'A <b>bailiff</b> — 執行官 — would do.']), rc_form: 'utf16' },
      // A stream (Flate-compressed by MuPDF) on a highlight.
      { type: 'highlight', page: circle.page, quads: circle.quads, author: 'Akiko Morimoto', rc: acrobatRich(['Name the circle.', 'Experts too?']), rc_form: 'stream' },
      // A drawing with a note only in rich text: imported because it has a note.
      { type: 'square', page: circle.page, box: circle.box, author: 'Thomas Albrecht', rc: acrobatRich(['Boxed: too broad.']), rc_form: 'string' },
    ]);
    // The fixture really has no /Contents: the notes exist only as rich text.
    const raw = readFileSync(review, 'latin1');
    expect(raw).toMatch(/\/RC\s*<FEFF/);
    const result = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/3 comments added/);
    const entries = await register(root);
    const by = (author: string) => entries.find((e) => e.author === author);
    expect(by('Ingrid Lindqvist')).toMatchObject({ text: 'Which court & when?\n\nA bailiff — 執行官 — would do.', anchor: 'evidence-preservation' });
    expect(by('Akiko Morimoto')).toMatchObject({ text: 'Name the circle.\n\nExperts too?', anchor: 'confidentiality-orders', quote: 'limited circle of persons' });
    // A drawing is imported only when it carries a note: the rich text is its note.
    expect(by('Thomas Albrecht')).toMatchObject({ text: 'Boxed: too broad.', anchor: 'confidentiality-orders' });
  });

  test('an encrypted PDF (no password to open it) is imported, and the tool says what it could not read', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'grant a search order');
    annotateWithMuPdf(basePdf(root), path.join(root, 'plain.pdf'), [{ type: 'text', page: where.page, box: where.box, contents: 'Which court?', author: 'Ingrid Lindqvist' }]);
    // qpdf encrypts it as a reviewer's "restrict editing" does: an owner password, none to open.
    const encrypt = spawnSync('qpdf', ['--encrypt', '', 'owner-secret', '256', '--', path.join(root, 'plain.pdf'), path.join(root, 'review.pdf')], { encoding: 'utf8' });
    expect(encrypt.status, encrypt.stderr).toBe(0);
    const result = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 comment added/);
    expect(result.stderr).toMatch(/^review\.pdf: warning: it is encrypted: notes stored only as rich text may be imported empty/);
    expect((await register(root)).map((e) => e.text)).toEqual(['Which court?']);
  });
});

describe('the annotation’s own name (/NM) in a note’s identity (#18 item 14)', () => {
  test('two notes of one reviewer at one spot are two; re-import adds nothing; an edited and moved note updates its entry', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'grant a search order');
    const below = await locate(base, 'independent lawyer');
    const review = path.join(root, 'review.pdf');
    // A reviewer's reader drops every sticky note at the same spot until it is moved.
    annotateWithMuPdf(basePdf(root), review, [
      { type: 'text', page: where.page, box: where.box, contents: 'Which court?', author: 'Ingrid Lindqvist', nm: 'note-1' },
      { type: 'text', page: where.page, box: where.box, contents: 'Who pays the lawyer?', author: 'Ingrid Lindqvist', nm: 'note-2' },
    ]);
    const first = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/2 comments added/);
    expect((await register(root)).map((e) => e.text).sort()).toEqual(['Which court?', 'Who pays the lawyer?']);

    const again = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(again.stdout).toMatch(/0 comments added .*, 2 already imported/);
    expect(again.stdout).not.toMatch(/updated/);

    // The second note is edited and moved to its line, and the file is sent again.
    annotateWithMuPdf(review, path.join(root, 'edited.pdf'), [{ edit_nm: 'note-2', author: 'Ingrid Lindqvist', contents: 'Who pays the independent lawyer?', box: below.box }]);
    writeFileSync(review, readFileSync(path.join(root, 'edited.pdf')));
    const edited = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(edited.stdout).toMatch(/0 comments added .*, 1 updated, 1 already imported/);
    expect((await register(root)).map((e) => e.text).sort()).toEqual(['Which court?', 'Who pays the independent lawyer?']);
  });

  test('a ledger written under the former id (position and author) is still recognised', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'limited circle of persons');
    const review = path.join(root, 'review.pdf');
    annotateWithMuPdf(basePdf(root), review, [{ type: 'highlight', page: where.page, quads: where.quads, contents: 'Too narrow.', author: 'Daniel Osei', nm: 'hl-7' }]);
    const [annotation] = (await readPdfAnnotations(readFileSync(review))).annotations;
    expect(annotation.formerIds).toHaveLength(2);
    expect(annotation.formerIds).not.toContain(annotation.id);
    expect((await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root })).stdout).toMatch(/1 comment added/);
    // The ledger as round 2 wrote it: the same entry under the id without /NM.
    const ledger = path.join(root, 'reports/demo/comments/review.yaml');
    const doc = parseDocument(readFileSync(ledger, 'utf8'));
    const entry = (doc.get('comments') as { items: Array<{ get(key: string): unknown; set(key: string, value: unknown): void }> }).items[0];
    expect(entry.get('id')).toBe(annotation.id);
    entry.set('id', annotation.formerIds[0]);
    writeFileSync(ledger, doc.toString());
    const again = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root });
    expect(again.stdout).toMatch(/0 comments added .*, 1 already imported/);
    expect((await register(root)).map((e) => e.id)).toEqual([annotation.formerIds[0]]);
  });
});

/**
 * A real read-only mount: a private mount namespace (`unshare -rm`) in which the folder is
 * bind-mounted onto itself and remounted read-only, then the real binary runs inside it. Root
 * ignores file permissions, so a read-only mount is the only honest way to refuse writes here.
 */
async function runReadOnly(readOnly: string, cwd: string, args: string[]): Promise<CliResult> {
  const script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && cd "$2" && shift 2 && exec "$@"';
  // Spawned without blocking the test worker (a PDF build takes long under load, and a worker
  // blocked for a minute fails the whole run with vitest's `Timeout calling "onTaskUpdate"`).
  const child = spawn('unshare', ['-rm', 'sh', '-c', script, 'sh', readOnly, cwd, process.execPath, bin, ...args], {
    env: { ...process.env, NO_COLOR: '1', CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

/** Every file under a folder with a hash of its bytes (nothing half-written, nothing added). */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex');
  }
  return files;
}

function expectOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('a read-only file system (#18 item 11)', () => {
  test('the mount really refuses writes', () => {
    const root = workspace({ 'x.txt': 'x\n' });
    const result = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && touch "$1/y.txt"', 'sh', root], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Read-only file system/);
    expect(existsSync(path.join(root, 'y.txt'))).toBe(false);
  });

  test('build in a read-only workspace: one line naming the file, exit 2, nothing written', async () => {
    const root = reportWorkspace();
    const before = snapshot(root);
    for (const format of ['html', 'pdf', 'docx']) {
      const result = await runReadOnly(root, root, ['build', 'demo', '--format', format]);
      expectOneLine(result, /^rapporteur: cannot write dist\/demo\/demo\.[a-z.]+: the file system is read-only$/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  test('build into a read-only output folder keeps the previous outputs whole and leaves no temporary', async () => {
    const root = reportWorkspace();
    expect((await runCliInProcess(['build', 'demo', '--format', 'html,docx'], { cwd: root })).code).toBe(0);
    const out = path.join(root, 'dist');
    const before = snapshot(out);
    writeFileSync(path.join(root, 'reports/demo/report.md'), `${readFileSync(path.join(root, 'reports/demo/report.md'), 'utf8')}\nA new paragraph.\n`);
    const result = await runReadOnly(out, root, ['build', 'demo', '--format', 'html,docx']);
    expectOneLine(result, /^rapporteur: cannot write dist\/demo\/demo\.[a-z.]+: the file system is read-only$/);
    expect(snapshot(out)).toEqual(before);
    // And an --out folder elsewhere that is read-only: the same.
    const elsewhere = workspace({ 'keep.txt': 'kept\n' });
    const other = await runReadOnly(elsewhere, root, ['build', 'demo', '--out', elsewhere]);
    expect(other.code, other.stderr).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/cannot write .*demo\.[a-z.]+: the file system is read-only/);
    expect(snapshot(elsewhere)).toEqual({ 'keep.txt': createHash('sha256').update('kept\n').digest('hex') });
  });

  test('new in a read-only workspace: one line naming the file, exit 2', async () => {
    const root = reportWorkspace();
    const before = snapshot(root);
    expectOneLine(await runReadOnly(root, root, ['new', 'remedies', '--title', 'Remedies']), /^rapporteur: cannot write reports\/remedies\/report\.md: the file system is read-only$/);
    expect(snapshot(root)).toEqual(before);
  });

  test('lint in a read-only workspace still lints (its parse cache only costs speed)', async () => {
    const root = reportWorkspace();
    const before = snapshot(root);
    const result = await runReadOnly(root, root, ['lint', 'demo']);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.code, result.stderr).toBeLessThan(2);
    expect(snapshot(root)).toEqual(before);
  });

  test('comments import into a read-only workspace: one line, exit 2, no ledger', async () => {
    const root = reportWorkspace();
    const where = await locate(base, 'grant a search order');
    annotateWithMuPdf(basePdf(root), path.join(root, 'review.pdf'), [{ type: 'text', page: where.page, box: where.box, contents: 'Which court?', author: 'Ingrid Lindqvist' }]);
    const before = snapshot(root);
    const result = await runReadOnly(root, root, ['comments', 'import', 'review.pdf']);
    expectOneLine(result, /^rapporteur: cannot write reports\/demo\/comments\/review\.yaml: the file system is read-only$/);
    expect(snapshot(root)).toEqual(before);
    // A ledger that exists (an earlier import) is not touched either, and nothing half-written.
    expect((await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: root })).code).toBe(0);
    annotateWithMuPdf(path.join(root, 'review.pdf'), path.join(root, 'review-2.pdf'), [{ type: 'text', page: where.page, box: where.box, contents: 'And when?', author: 'Ingrid Lindqvist', nm: 'second' }]);
    cpSync(path.join(root, 'review-2.pdf'), path.join(root, 'review.pdf'));
    const ledgerBefore = snapshot(path.join(root, 'reports/demo/comments'));
    const second = await runReadOnly(path.join(root, 'reports/demo/comments'), root, ['comments', 'import', 'review.pdf']);
    expectOneLine(second, /^rapporteur: cannot write reports\/demo\/comments\/review\.yaml: the file system is read-only$/);
    expect(snapshot(path.join(root, 'reports/demo/comments'))).toEqual(ledgerBefore);
  });
});

describe('ids a workspace template adds to the page (#18 item 11)', () => {
  const front = '---\ntitle: T\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nconfidentiality: public\n---\n\n';
  const shipped = readFileSync(path.join(repoRoot, 'templates/default/template.html'), 'utf8');
  // A house template with a masthead and a site navigation, each with an id.
  const house = shipped.replace('<main id="main"', '<header id="masthead" class="masthead">Dialogue</header>\n<nav id="site-nav" aria-label="Site"></nav>\n<main id="main"');

  test('headings named like a template element get -1, and the page has no id twice', async () => {
    expect(house).not.toBe(shipped);
    const root = workspace({
      'templates/house/template.html': house,
      'rapporteur.config.yaml': 'template: house\n',
      'reports/r/report.md': `${front}# Masthead\n\nText.\n\n## Site nav\n\nMore.\n`,
    });
    const result = await runCliInProcess(['build', 'r'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(path.join(root, 'dist/r/r.html'), 'utf8');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['masthead', 'site-nav', 'masthead-1', 'site-nav-1']));
    // The same with --template on the command line, and the default template keeps plain ids.
    const plain = workspace({ 'templates/house/template.html': house, 'reports/r/report.md': `${front}# Masthead\n\nText.\n` });
    expect((await runCliInProcess(['build', 'r', '--template', 'house'], { cwd: plain })).code).toBe(0);
    expect(readFileSync(path.join(plain, 'dist/r/r.html'), 'utf8').match(/<h2 id="masthead[^"]*"/g)).toEqual(['<h2 id="masthead-1"']);
    expect((await runCliInProcess(['build', 'r'], { cwd: plain })).code).toBe(0);
    expect(readFileSync(path.join(plain, 'dist/r/r.html'), 'utf8').match(/<h2 id="masthead[^"]*"/g)).toEqual(['<h2 id="masthead"']);
  });

  test('a recommendation taking a template element’s id is a lint error at the id', async () => {
    const root = workspace({
      'templates/house/template.html': house,
      'rapporteur.config.yaml': 'template: house\n',
      'reports/r/report.md': `${front}# One\n\n::::recommendation{#site-nav title="A" uniform}\nCourts should act.[^1]\n\n:::example{jurisdiction=FR}\nX.\n:::\n::::\n\n[^1]: S.\n`,
    });
    const result = await runCliInProcess(['lint', 'r'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/reports\/r\/report\.md:11:20 error recommendation id `site-nav` is an id the page itself uses \(.*masthead, site-nav\)/);
  });
});
