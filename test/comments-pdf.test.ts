import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { annotate, locate, printPdf } from './comments-helpers.js';
import { commitAll, initRepo, makeWorkspace, removeWorkspace, reportSource, runCliInProcess } from './helpers.js';

const body = `# Obtaining evidence

Evidence of misappropriation is volatile and courts need a way to secure it early.

::::recommendation{#evidence-preservation title="Preserve evidence before it disappears"}
Courts should be able to order, at short notice, that evidence of misappropriation be preserved. The measure should be proportionate to what is at stake.

:::variant{system=civil-law}
The court should be able to authorise a judicial officer to describe or seize samples.
:::

:::variant{system=common-law}
The court should be able to grant a search order supervised by an independent lawyer.
:::
::::

## Protecting secrets in the proceedings

Access to evidence and protection of secrets are two sides of one problem.

::::recommendation{#confidentiality-orders title="Make confidentiality orders available" uniform}
Courts should be able to restrict access to documents containing alleged trade secrets to a limited circle of persons. The measure should be proportionate to what is at stake.
::::

::recommendations
`;

let root: string;
let base: Uint8Array;
const workspaces: string[] = [];

beforeAll(async () => {
  root = makeWorkspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }) });
  workspaces.push(root);
  initRepo(root);
  commitAll(root, 'draft');
  const pdfFile = path.join(root, 'dist/demo/demo.pdf');
  await printPdf(root, 'demo', pdfFile);
  base = readFileSync(pdfFile);
});
afterAll(() => workspaces.forEach(removeWorkspace));

/** A reviewer's copy: a highlight with a note, a sticky note, free text and a reply. */
async function reviewedPdf(): Promise<Uint8Array> {
  const highlight = await locate(base, 'search order supervised by an independent lawyer');
  const note = await locate(base, 'restrict access to documents containing');
  const free = await locate(base, 'two sides of one problem');
  const repeated = await locate(base, 'The measure should be proportionate to what is at stake.', 2);
  return annotate(base, [
    { kind: 'Highlight', ...highlight, contents: 'Scotland calls this a commission and diligence.', author: 'Ingrid Lindqvist', date: 'D:20261120093000Z' },
    { kind: 'Text', ...note, contents: 'Who decides the circle of persons?', author: 'Thomas Albrecht', date: 'D:20261119080000+01\'00\'' },
    { kind: 'FreeText', ...free, contents: 'Nice framing.', author: 'Akiko Morimoto' },
    { kind: 'Text', ...highlight, contents: 'Agreed, add a footnote.', author: 'Daniel Osei', replyTo: 0 },
    { kind: 'Highlight', ...repeated, contents: 'Proportionate to what, exactly?', author: 'Karl Weber' },
  ]);
}

interface JsonEntry { id: string; anchor: string; author: string | null; date: string | null; status: string; text: string; source: string; file: string; commit: string | null }

describe('comments import', () => {
  test('imports notes, highlights (with the text under them) and free text, placed on the right recommendation', async () => {
    const pdf = path.join(root, 'review-lindqvist.pdf');
    writeFileSync(pdf, await reviewedPdf());
    const result = await runCliInProcess(['comments', 'import', 'review-lindqvist.pdf'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('5 comments added to reports/demo/comments/review-lindqvist.yaml');

    const ledgerFile = path.join(root, 'reports/demo/comments/review-lindqvist.yaml');
    const ledger = parseYaml(readFileSync(ledgerFile, 'utf8')) as { source: string; from: string; comments: Array<Record<string, unknown>> };
    expect(ledger.source).toBe('pdf');
    expect(ledger.from).toBe('review-lindqvist.pdf');
    const byAuthor = new Map(ledger.comments.map((c) => [c.author, c]));
    expect(byAuthor.get('Ingrid Lindqvist')).toMatchObject({
      kind: 'highlight', anchor: 'evidence-preservation', status: 'open', date: '2026-11-20T09:30:00Z',
      text: 'Scotland calls this a commission and diligence.', quote: 'search order supervised by an independent lawyer',
    });
    // The time zone the reviewer's program wrote is kept (#18 item 15).
    expect(byAuthor.get('Thomas Albrecht')).toMatchObject({ kind: 'note', anchor: 'confidentiality-orders', date: '2026-11-19T08:00:00+01:00' });
    expect(byAuthor.get('Akiko Morimoto')).toMatchObject({ kind: 'free-text', anchor: 'protecting-secrets-in-the-proceedings' });
    expect(byAuthor.get('Daniel Osei')).toMatchObject({ kind: 'note', anchor: 'evidence-preservation', re: byAuthor.get('Ingrid Lindqvist')?.id });
    // Both recommendations say it; the highlight is on the second one.
    expect(byAuthor.get('Karl Weber')).toMatchObject({ anchor: 'confidentiality-orders', quote: 'The measure should be proportionate to what is at stake.' });

    // report.md is never touched by an import.
    expect((await runCliInProcess(['comments', '--format', 'json'], { cwd: root })).code).toBe(0);
    const register = JSON.parse((await runCliInProcess(['comments', '--format', 'json'], { cwd: root })).stdout) as JsonEntry[];
    expect(register.filter((e) => e.source === 'pdf')).toHaveLength(5);
    expect(register.every((e) => e.source !== 'pdf' || e.file === 'reports/demo/comments/review-lindqvist.yaml')).toBe(true);
    // Not committed yet: no commit; commit the ledger and the import commit is recorded.
    expect(register.find((e) => e.source === 'pdf')?.commit).toBeNull();
    commitAll(root, 'import review', { GIT_AUTHOR_NAME: 'Hélène Marchetti', GIT_AUTHOR_EMAIL: 'hm@example.org' });
    const committed = JSON.parse((await runCliInProcess(['comments', '--format', 'json'], { cwd: root })).stdout) as JsonEntry[];
    expect(committed.filter((e) => e.source === 'pdf').every((e) => /^[0-9a-f]{40}$/.test(e.commit ?? ''))).toBe(true);

    const table = (await runCliInProcess(['comments'], { cwd: root })).stdout;
    expect(table.indexOf('Recommendation 1.1 — Preserve evidence before it disappears')).toBeLessThan(table.indexOf('Scotland calls this'));
    expect(table.indexOf('Scotland calls this')).toBeLessThan(table.indexOf('Agreed, add a footnote.'));
    expect(table).toContain('“search order supervised by an independent lawyer”');
  });

  test('importing the same PDF twice adds nothing', async () => {
    const ws = makeWorkspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }) });
    workspaces.push(ws);
    writeFileSync(path.join(ws, 'review.pdf'), await reviewedPdf());
    expect((await runCliInProcess(['comments', 'import', 'review.pdf', '--report', 'demo', '--author', 'Working Group'], { cwd: ws })).code).toBe(0);
    const ledgerFile = path.join(ws, 'reports/demo/comments/review.yaml');
    const first = readFileSync(ledgerFile);
    expect((parseYaml(first.toString()) as { comments: Array<{ author: string }> }).comments.map((c) => c.author)).toEqual(Array(5).fill('Working Group'));
    const again = await runCliInProcess(['comments', 'import', 'review.pdf', '--report', 'demo'], { cwd: ws });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 comments added to reports/demo/comments/review.yaml, 5 already imported');
    expect(readFileSync(ledgerFile).equals(first)).toBe(true);
    // A ledger broken by hand is never appended to.
    writeFileSync(ledgerFile, `${first.toString()}  - id: [broken\n`);
    const broken = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: ws });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^reports\/demo\/comments\/review\.yaml:\d+:\d+ error comments ledger is not valid YAML: .+ comments-ledger\nrapporteur: the comments ledger of demo has errors; fix them before importing\n$/);
    writeFileSync(ledgerFile, first);
    // A resolved comment stays resolved when the PDF is imported again.
    const id = (parseYaml(first.toString()) as { comments: Array<{ id: string }> }).comments[0].id;
    expect((await runCliInProcess(['comments', 'resolve', id], { cwd: ws })).code).toBe(0);
    await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: ws });
    const entries = JSON.parse((await runCliInProcess(['comments', '--status', 'resolved', '--format', 'json'], { cwd: ws })).stdout) as JsonEntry[];
    expect(entries.map((e) => e.id)).toEqual([id]);
  });

  test('picks the report from the PDF title when there are several, and asks when it cannot tell', async () => {
    const ws = makeWorkspace({
      'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }),
      'reports/other/report.md': reportSource('# Other\n\nSomething else entirely.\n', { title: 'Another Report' }),
    });
    workspaces.push(ws);
    writeFileSync(path.join(ws, 'review.pdf'), await reviewedPdf());
    const picked = await runCliInProcess(['comments', 'import', 'review.pdf'], { cwd: ws });
    expect(picked.code).toBe(0);
    expect(picked.stdout).toContain('reports/demo/comments/review.yaml');

    // The wrong report: nothing in it matches, so the comments are kept but not placed.
    const wrong = await runCliInProcess(['comments', 'import', 'review.pdf', '--report', 'other'], { cwd: ws });
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toContain('not placed: no matching text found');
    expect(wrong.stderr).toBe('5 comments could not be placed in the report; they are listed under "Before the first heading" (set `anchor:` in the ledger to move them)\n');

    const blank = await PDFDocument.create();
    blank.addPage();
    writeFileSync(path.join(ws, 'untitled.pdf'), await blank.save());
    const unsure = await runCliInProcess(['comments', 'import', 'untitled.pdf'], { cwd: ws });
    expect(unsure.code).toBe(2);
    expect(unsure.stderr).toBe('rapporteur: untitled.pdf: cannot tell which report this PDF is a draft of; name it with --report <slug> (demo, other)\n');
  });

  test('refuses what is not a readable PDF, with the file name', async () => {
    const ws = makeWorkspace({ 'reports/demo/report.md': reportSource(body), 'notes.pdf': 'just text\n', 'broken.pdf': '%PDF-1.7\ngarbage' });
    workspaces.push(ws);
    const missing = await runCliInProcess(['comments', 'import', 'nowhere.pdf'], { cwd: ws });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rapporteur: nowhere.pdf: no such file\n');
    const folder = await runCliInProcess(['comments', 'import', 'reports'], { cwd: ws });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('rapporteur: reports: is a folder, not a PDF or DOCX file\n');
    const text = await runCliInProcess(['comments', 'import', 'notes.pdf'], { cwd: ws });
    expect(text.code).toBe(2);
    expect(text.stderr).toBe('rapporteur: notes.pdf: not a PDF file (it does not start with %PDF-)\n');
    const broken = await runCliInProcess(['comments', 'import', 'broken.pdf'], { cwd: ws });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^rapporteur: broken\.pdf: is not a PDF that can be read \(.+\)\n$/);
  });

  test('a note kept only as rich text is read; drawings with a note are imported, without one skipped', async () => {
    const ws = makeWorkspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }) });
    workspaces.push(ws);
    const note = await locate(base, 'restrict access to documents containing');
    writeFileSync(path.join(ws, 'rich.pdf'), await annotate(base, [
      { kind: 'Text', ...note, contents: '', rich: 'Only rich text here.', author: 'Rita\u0007 Rich' },
      { kind: 'Ink', ...note, contents: 'scribble' },
      { kind: 'Ink', ...note, contents: '' },
    ]));
    const result = await runCliInProcess(['comments', 'import', 'rich.pdf'], { cwd: ws });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('rich.pdf: skipped annotations that carry no text to import: 1 Ink\n');
    const entries = JSON.parse((await runCliInProcess(['comments', '--format', 'json'], { cwd: ws })).stdout) as JsonEntry[];
    expect(entries).toMatchObject([
      { text: 'Only rich text here.', author: 'Rita Rich', anchor: 'confidentiality-orders', source: 'pdf', kind: 'comment' },
      { text: 'scribble', anchor: 'confidentiality-orders', source: 'pdf', kind: 'comment' },
    ]);
  });

  test('a PDF without annotations says so and writes nothing', async () => {
    const ws = makeWorkspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Access to Evidence' }) });
    workspaces.push(ws);
    writeFileSync(path.join(ws, 'clean.pdf'), base);
    const result = await runCliInProcess(['comments', 'import', 'clean.pdf'], { cwd: ws });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('clean.pdf: no notes, highlights or free-text annotations found\n');
    expect((await runCliInProcess(['comments', '--format', 'json'], { cwd: ws })).stdout).toBe('[]\n');
  });
});
