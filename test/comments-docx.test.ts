import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { bookmarkName } from '../src/docx/ids.js';
import { readDocx } from '../src/comments/docx.js';
import { importDocx } from '../src/comments/docx-import.js';
import { buildRegister } from '../src/comments/register.js';
import { loadReport } from '../src/model/load.js';
import { checkReport } from '../src/watch/checks.js';
import type { Report } from '../src/model/types.js';
import { addWordComments, aroundWords, asDeleted, editPackage, exportDocx, reviewWithLibreOffice, SAMPLE_REPORT } from './docx-fixture.js';
import { commitAll, git, initRepo, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

async function load(root: string, slug = 'access'): Promise<Report> {
  const { report, problems } = await loadReport({ slug, root, file: path.join(root, 'reports', slug, 'report.md') });
  if (!report) throw new Error(problems.map((p) => p.reason).join('; '));
  return report;
}

/** A git workspace holding the sample report, and the DOCX its export gives. */
async function exported(source = SAMPLE_REPORT, slug = 'access'): Promise<{ root: string; report: Report; docx: Uint8Array }> {
  const root = workspace({ [`reports/${slug}/report.md`]: source });
  initRepo(root);
  commitAll(root, 'draft 0.3.0');
  const report = await load(root, slug);
  return { root, report, docx: await exportDocx(report) };
}

interface JsonEntry {
  id: string;
  anchor: string;
  part: string | null;
  kind: string;
  author: string;
  date: string | null;
  status: string;
  text: string;
  quote: string | null;
  old: string | null;
  new: string | null;
  parent: string | null;
  source: string;
}

async function register(root: string): Promise<JsonEntry[]> {
  const result = await runCliInProcess(['comments', '--status', 'all', '--format', 'json'], { cwd: root });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as JsonEntry[];
}

describe('a DOCX reviewed in LibreOffice by two reviewers', () => {
  let root: string;
  let reviewed: string;
  beforeAll(async () => {
    const setup = await exported();
    root = setup.root;
    const exportFile = path.join(root, 'out', 'access.docx');
    mkdirSync(path.dirname(exportFile), { recursive: true });
    writeFileSync(exportFile, setup.docx);
    reviewed = path.join(root, 'out', 'access-reviewed.docx');
    await reviewWithLibreOffice(exportFile, reviewed, [
      { author: 'Maria Lindqvist', replace: 'describe or seize', with: 'inspect and seize' },
      { author: 'Maria Lindqvist', comment: 'Which court?', on: 'grant a search order', date: '2026-11-24T10:15:00' },
      { author: 'Kenji Sato', delete: ' routinely' },
      { author: 'Kenji Sato', insert: ' and experts', after: 'small circle of named persons' },
      { author: 'Kenji Sato', replace: 'hours, not weeks', with: 'hours rather than weeks' },
      { author: 'Kenji Sato', comment: '証拠保全は重要です', on: '証拠を調べる', date: '2026-11-25T08:00:00' },
    ]);
  }, 180_000);

  test('every remark is anchored to its recommendation and part, with its author', async () => {
    const result = await runCliInProcess(['comments', 'import', reviewed], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/6 added to reports\/access\/comments\/access-reviewed\.docx\.yaml/);
    const entries = await register(root);
    const shape = entries.map((e) => [e.kind, e.author, e.anchor, e.part, e.old, e.new, e.text, e.quote]);
    expect(shape).toEqual(
      expect.arrayContaining([
        ['suggestion', 'Maria Lindqvist', 'evidence-preservation', 'variant/civil-law', 'describe or seize', 'inspect and seize', '', 'describe or seize'],
        ['comment', 'Maria Lindqvist', 'evidence-preservation', 'variant/common-law', null, null, 'Which court?', 'grant a search order'],
        ['suggestion', 'Kenji Sato', 'confidentiality-clubs', 'example/GB', ' routinely', null, '', ' routinely'],
        ['suggestion', 'Kenji Sato', 'confidentiality-clubs', 'principle', null, ' and experts', '', ' and experts'],
        ['suggestion', 'Kenji Sato', 'evidence-preservation', 'footnote/notice', 'hours, not weeks', 'hours rather than weeks', '', 'hours, not weeks'],
        ['comment', 'Kenji Sato', 'evidence-preservation', 'example/JP', null, null, '証拠保全は重要です', '証拠を調べる'],
      ]),
    );
    expect(entries).toHaveLength(6);
    // The comment's own date, with its zone as LibreOffice wrote it.
    expect(entries.find((e) => e.text === 'Which court?')?.date).toBe('2026-11-24T10:15:00Z');
    expect(entries.every((e) => e.source === 'docx' && e.status === 'open')).toBe(true);
  });

  test('a second import adds nothing and leaves the ledger as it was', async () => {
    const ledger = path.join(root, 'reports/access/comments/access-reviewed.docx.yaml');
    const before = readFileSync(ledger, 'utf8');
    const again = await runCliInProcess(['comments', 'import', reviewed], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 added to .*, 6 already imported/);
    expect(readFileSync(ledger, 'utf8')).toBe(before);
  });

  test('a later file from the same reviewer, re-saved by LibreOffice with one more remark, adds only that remark', async () => {
    const later = path.join(root, 'out', 'access-reviewed-2.docx');
    await reviewWithLibreOffice(reviewed, later, [{ author: 'Kenji Sato', comment: 'And in the common-law variant?', on: 'confidentiality club', date: '2026-11-27T09:00:00' }]);
    const result = await runCliInProcess(['comments', 'import', later], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/1 added to reports\/access\/comments\/access-reviewed-2\.docx\.yaml, 6 already imported/);
    const entries = await register(root);
    expect(entries).toHaveLength(7);
    expect(entries.find((e) => e.text === 'And in the common-law variant?')).toMatchObject({ anchor: 'confidentiality-clubs', part: 'variant/common-law', author: 'Kenji Sato' });
  }, 180_000);

  test('comments apply writes the replacement into the source, exactly those words, and the next build shows it', async () => {
    const id = (await register(root)).find((e) => e.old === 'describe or seize')?.id as string;
    const applied = await runCliInProcess(['comments', 'apply', id, '--by', 'Ada Rapporteur'], { cwd: root });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const diff = git(root, ['diff', '--unified=0', 'reports/access/report.md']);
    const changed = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual(['-The court should be able to order a bailiff to describe or seize the evidence.', '+The court should be able to order a bailiff to inspect and seize the evidence.']);
    const ledger = readFileSync(path.join(root, 'reports/access/comments/access-reviewed.docx.yaml'), 'utf8');
    expect(ledger).toMatch(new RegExp(`id: ${id}[\\s\\S]*?decision: applied\\n\\s+decidedBy: Ada Rapporteur\\n\\s+decidedAt: \\d{4}-`));
    const build = await runCliInProcess(['build', 'access', '--format', 'html'], { cwd: root });
    expect(build.code).toBe(0);
    const html = readFileSync(path.join(root, 'dist/access/access.html'), 'utf8');
    expect(html).toContain('inspect and seize the evidence');
    expect(html).not.toContain('describe or seize');
    // Applying again does nothing.
    const twice = await runCliInProcess(['comments', 'apply', id], { cwd: root });
    expect(twice.stdout).toMatch(/already applied/);
    expect(git(root, ['diff', '--stat']).match(/report\.md/g)).toHaveLength(1);
  });

  test('an insertion and a deletion land inside their parts; a suggestion inside a footnote too', async () => {
    const entries = await register(root);
    for (const words of [' and experts', ' routinely', 'hours rather than weeks']) {
      const entry = entries.find((e) => e.new === words || e.old === words) as JsonEntry;
      const result = await runCliInProcess(['comments', 'apply', entry.id, '--by', 'Ada Rapporteur'], { cwd: root });
      expect(result.stderr).toBe('');
    }
    const source = readFileSync(path.join(root, 'reports/access/report.md'), 'utf8');
    expect(source).toContain('to a small circle of named persons and experts.\n');
    expect(source).toContain('English courts order confidentiality clubs');
    expect(source).toContain('[^notice]: Short notice means hours rather than weeks, in most of the cases studied.');
  });

  test('apply refuses a comment (only suggestions are applied): exit 2, one line', async () => {
    const id = (await register(root)).find((e) => e.text === 'Which court?')?.id as string;
    const result = await runCliInProcess(['comments', 'apply', id], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is a comment, not a suggestion/);
  });
});

describe('apply and reject against an edited source', () => {
  test('a source edited since the export is refused with both texts; reject records who and when', async () => {
    const { root, docx } = await exported();
    const reviewed = editPackage(docx, (parts) => {
      const xml = parts.get('word/document.xml') as string;
      parts.set(
        'word/document.xml',
        aroundWords(xml, 'supervised by an independent solicitor', (run) => `<w:del w:id="901" w:author="Maria Lindqvist" w:date="2026-11-24T09:00:00Z">${asDeleted(run)}</w:del><w:ins w:id="902" w:author="Maria Lindqvist" w:date="2026-11-24T09:00:00Z">${run.replace('supervised by an independent solicitor', 'under the eye of a supervising solicitor')}</w:ins>`),
      );
    });
    writeFileSync(path.join(root, 'reviewed.docx'), reviewed);
    expect((await runCliInProcess(['comments', 'import', 'reviewed.docx'], { cwd: root })).code).toBe(0);
    const file = path.join(root, 'reports/access/report.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('supervised by an independent solicitor', 'overseen by a solicitor'));
    const before = readFileSync(file, 'utf8');
    const id = (await register(root))[0].id;
    const refused = await runCliInProcess(['comments', 'apply', id], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('[supervised by an independent solicitor]');
    expect(refused.stderr).toContain('overseen by a solicitor');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const rejected = await runCliInProcess(['comments', 'reject', id, '--by', 'Ada Rapporteur'], { cwd: root });
    expect(rejected.code).toBe(0);
    const entry = (await register(root))[0];
    expect(entry.status).toBe('resolved');
    expect(readFileSync(path.join(root, 'reports/access/comments/reviewed.docx.yaml'), 'utf8')).toMatch(/decision: rejected\n\s+decidedBy: Ada Rapporteur\n\s+decidedAt: /);
  });
});

describe('a DOCX written by pandoc from spans', () => {
  test('comments and tracked changes anchor through the bookmarks alone (no id map in the file)', async () => {
    const { root } = await exported();
    const principle = bookmarkName({ scope: 'recommendation', id: 'confidentiality-clubs', part: { kind: 'principle' } });
    const variant = bookmarkName({ scope: 'recommendation', id: 'evidence-preservation', part: { kind: 'variant', system: 'civil-law' } });
    const markdown = `# Preserving evidence

[The court should be able to order a bailiff to [describe or seize]{.deletion author="Lena Berg" date="2026-11-20T09:30:00+01:00"}[inspect]{.insertion author="Lena Berg" date="2026-11-20T09:30:00+01:00"} the evidence.]{#${variant}}

[Courts should be able to restrict access to evidence that discloses a trade secret to a small circle of [Too vague.]{.comment-start id="0" author="Omar Haddad" date="2026-11-21T16:05:00Z"}named persons[]{.comment-end id="0"}.]{#${principle}}
`;
    writeFileSync(path.join(root, 'review.md'), markdown);
    const pandoc = spawnSync('pandoc', ['review.md', '-o', 'pandoc-review.docx'], { cwd: root, encoding: 'utf8' });
    expect(pandoc.stderr).toBe('');
    expect(pandoc.status).toBe(0);
    const result = await runCliInProcess(['comments', 'import', 'pandoc-review.docx'], { cwd: root });
    expect(result.stderr).toBe('');
    const entries = await register(root);
    expect(entries.map((e) => [e.kind, e.author, e.anchor, e.part, e.old, e.new, e.text, e.date])).toEqual(
      expect.arrayContaining([
        ['suggestion', 'Lena Berg', 'evidence-preservation', 'variant/civil-law', 'describe or seize', 'inspect', '', '2026-11-20T09:30:00+01:00'],
        ['comment', 'Omar Haddad', 'confidentiality-clubs', 'principle', null, null, 'Too vague.', '2026-11-21T16:05:00Z'],
      ]),
    );
    expect(entries.find((e) => e.kind === 'comment')?.quote).toBe('named persons');
  });
});

/** The XML without one bookmark (its start and its end), as when a reviewer deletes it; it must have been there. */
function withoutBookmark(xml: string, name: string): string {
  const start = new RegExp(`<w:bookmarkStart (?:w:id="(\\d+)" w:name="${name}"|w:name="${name}" w:id="(\\d+)")/>`).exec(xml);
  expect(start, name).not.toBeNull();
  const id = start?.[1] ?? start?.[2];
  return xml.replace(start?.[0] as string, '').replace(`<w:bookmarkEnd w:id="${id}"/>`, '');
}

/** The exported DOCX with Word-shaped review XML: what LibreOffice and pandoc cannot write. */
function wordReview(docx: Uint8Array, options: { secondRound?: boolean } = {}): Uint8Array {
  return editPackage(docx, (parts) => {
    let xml = parts.get('word/document.xml') as string;
    const second = options.secondRound === true;
    // A thread: a comment, a reply, a reply to the reply (Word puts each reply's range with its parent's); resolved.
    xml = aroundWords(xml, 'small circle of named persons', (run) => `<w:commentRangeStart w:id="${second ? 7 : 0}"/><w:commentRangeStart w:id="${second ? 8 : 1}"/><w:commentRangeStart w:id="${second ? 9 : 2}"/>${run}<w:commentRangeEnd w:id="${second ? 7 : 0}"/><w:r><w:commentReference w:id="${second ? 7 : 0}"/></w:r><w:commentRangeEnd w:id="${second ? 8 : 1}"/><w:r><w:commentReference w:id="${second ? 8 : 1}"/></w:r><w:commentRangeEnd w:id="${second ? 9 : 2}"/><w:r><w:commentReference w:id="${second ? 9 : 2}"/></w:r>`);
    // A point comment (no range) in the rationale.
    xml = aroundWords(xml, 'cannot prove what was taken', (run) => `${run}<w:r><w:commentReference w:id="3"/></w:r>`);
    // A comment whose range starts in one recommendation and ends in the next.
    xml = aroundWords(xml, 'Without preservation', (run) => `<w:commentRangeStart w:id="4"/>${run}`);
    xml = aroundWords(xml, 'Courts should be able to restrict', (run) => `${run}<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r>`);
    // A move inside the civil-law variant of confidentiality clubs.
    xml = aroundWords(xml, 'alone ', (run) => `<w:moveFromRangeStart w:id="20" w:author="Kenji Sato" w:date="2026-11-26T11:00:00+09:00" w:name="move1"/><w:moveFrom w:id="21" w:author="Kenji Sato" w:date="2026-11-26T11:00:00+09:00">${asDeleted(run)}</w:moveFrom><w:moveFromRangeEnd w:id="20"/>`);
    xml = aroundWords(xml, 'disclose a summary', (run) => `<w:moveToRangeStart w:id="22" w:author="Kenji Sato" w:date="2026-11-26T11:00:00+09:00" w:name="move1"/><w:moveTo w:id="23" w:author="Kenji Sato" w:date="2026-11-26T11:00:00+09:00"><w:r><w:t xml:space="preserve">alone </w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="22"/>${run}`);
    // A formatting change: "saisie" was italic, the reviewer made it bold instead.
    // Word sets the complex-script twin of each (w:iCs, w:bCs), as the exporter does.
    const italic = '<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">saisie</w:t></w:r>';
    expect(xml).toContain(italic);
    xml = xml.replace(italic, '<w:r><w:rPr><w:b/><w:bCs/><w:rPrChange w:id="30" w:author="Maria Lindqvist" w:date="2026-11-24T10:20:00+01:00"><w:rPr><w:i/><w:iCs/></w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve">saisie</w:t></w:r>');
    // The reviewer deleted the bookmarks of the JP example (and the recommendation's own): the paragraph must be aligned.
    const jp = bookmarkName({ scope: 'recommendation', id: 'evidence-preservation', part: { kind: 'example', jurisdiction: 'JP' } });
    xml = withoutBookmark(xml, jp);
    xml = withoutBookmark(xml, bookmarkName({ scope: 'recommendation', id: 'evidence-preservation' }));
    xml = aroundWords(xml, '訴え提起前に', (run) => `<w:ins w:id="40" w:author="Kenji Sato" w:date="2026-11-26T11:05:00+09:00"><w:r><w:t xml:space="preserve">速やかに</w:t></w:r></w:ins>${run}`);
    if (second) xml = aroundWords(xml, 'confidentiality club of lawyers', (run) => `<w:commentRangeStart w:id="10"/>${run}<w:commentRangeEnd w:id="10"/><w:r><w:commentReference w:id="10"/></w:r>`);
    parts.set('word/document.xml', xml);
    // A comment inside a footnote.
    const notes = parts.get('word/footnotes.xml') as string;
    parts.set('word/footnotes.xml', aroundWords(notes, 'most of the cases studied', (run) => `<w:commentRangeStart w:id="5"/>${run}<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>`));
    addWordComments(parts, [
      { id: second ? 7 : 0, author: 'Maria Lindqvist', date: '2026-11-24T10:00:00Z', text: second ? 'Who names them? The court, or the parties?' : 'Who names them?', paraId: '1A2B3C01', done: true },
      { id: second ? 8 : 1, author: 'Kenji Sato', date: '2026-11-25T09:00:00+09:00', text: 'The court, on a proposal by the parties.', paraId: '1A2B3C02', parentParaId: '1A2B3C01' },
      { id: second ? 9 : 2, author: 'Maria Lindqvist', date: '2026-11-25T11:30:00Z', text: 'Then say so in the variant.', paraId: '1A2B3C03', parentParaId: '1A2B3C02' },
      { id: 3, author: 'Kenji Sato', date: '2026-11-25T09:10:00+09:00', text: 'Cite the TRIPS article here.', paraId: '1A2B3C04' },
      { id: 4, author: 'Maria Lindqvist', date: '2026-11-24T10:30:00Z', text: 'These two overlap.', paraId: '1A2B3C05' },
      { id: 5, author: 'Kenji Sato', date: '2026-11-25T09:20:00+09:00', text: 'Which cases?', paraId: '1A2B3C06' },
      ...(second ? [{ id: 10, author: 'Maria Lindqvist', date: '2026-11-28T08:00:00Z', text: 'Name the experts too.', paraId: '1A2B3C07' }] : []),
    ]);
  });
}

describe('Word-shaped review XML (replies, resolved threads, moves, formatting, point and footnote comments)', () => {
  let root: string;
  let report: Report;
  let docx: Uint8Array;
  beforeAll(async () => {
    ({ root, report, docx } = await exported());
  });

  test('every kind is read and anchored', async () => {
    const outcome = await importDocx(report, readDocx(wordReview(docx)), path.join(root, 'word-review.docx'));
    const all = (await buildRegister(report)).entries;
    const byText = (text: string) => all.find((e) => e.text === text);
    const thread = byText('Who names them?');
    const reply = byText('The court, on a proposal by the parties.');
    const replyToReply = byText('Then say so in the variant.');
    expect(thread).toMatchObject({ anchor: 'confidentiality-clubs', part: 'principle', status: 'resolved', quote: 'small circle of named persons', author: 'Maria Lindqvist', date: '2026-11-24T10:00:00Z' });
    expect(reply).toMatchObject({ anchor: 'confidentiality-clubs', re: thread?.id, date: '2026-11-25T09:00:00+09:00' });
    expect(replyToReply).toMatchObject({ anchor: 'confidentiality-clubs', re: reply?.id });
    // Threaded in the register: the reply follows its comment, the reply to the reply follows the reply.
    const order = all.map((e) => e.id);
    expect(order.indexOf(reply!.id)).toBe(order.indexOf(thread!.id) + 1);
    expect(order.indexOf(replyToReply!.id)).toBe(order.indexOf(reply!.id) + 1);
    expect(byText('Cite the TRIPS article here.')).toMatchObject({ anchor: 'evidence-preservation', part: 'rationale', quote: undefined });
    expect(byText('These two overlap.')).toMatchObject({ anchor: 'evidence-preservation', part: 'rationale', note: 'the range also covers confidentiality-in-court, confidentiality-clubs' });
    expect(byText('Which cases?')).toMatchObject({ anchor: 'evidence-preservation', part: 'footnote/notice', quote: 'most of the cases studied' });
    const move = all.find((e) => e.change === 'move');
    expect(move).toMatchObject({ kind: 'suggestion', anchor: 'confidentiality-clubs', part: 'variant/civil-law', old: 'alone ', new: 'alone ', author: 'Kenji Sato', date: '2026-11-26T11:00:00+09:00' });
    const format = all.find((e) => e.change === 'format');
    expect(format).toMatchObject({ kind: 'suggestion', anchor: 'evidence-preservation', part: 'example/FR', quote: 'saisie', text: 'formatting: bold added, italic removed' });
    // Bookmarks deleted by the reviewer: the paragraph is aligned with what was exported.
    const jp = all.find((e) => e.new === '速やかに');
    expect(jp).toMatchObject({ anchor: 'evidence-preservation', part: 'example/JP', change: 'insertion' });
    expect(outcome.comments.find((c) => c.comment.new === '速やかに')?.how).toBe('aligned');
    expect(outcome.added).toBe(9);
  });

  test('a later file from the same reviewer adds only what is new and updates an edited remark', async () => {
    const { root: fresh, report: again, docx: first } = await exported();
    await importDocx(again, readDocx(wordReview(first)), path.join(fresh, 'round-1.docx'));
    const ledger = readFileSync(path.join(fresh, 'reports/access/comments/round-1.docx.yaml'), 'utf8');
    // Round 2: Word renumbered the comment ids, Maria edited her first comment and added one.
    const outcome = await importDocx(again, readDocx(wordReview(first, { secondRound: true })), path.join(fresh, 'round-2.docx'));
    expect(outcome.added).toBe(1);
    expect(outcome.updated).toBe(1);
    expect(outcome.comments.find((c) => c.state === 'added')?.comment.text).toBe('Name the experts too.');
    expect(outcome.comments.find((c) => c.state === 'updated')?.comment.text).toBe('Who names them? The court, or the parties?');
    const entries = (await buildRegister(again)).entries;
    expect(entries.filter((e) => e.text.startsWith('Who names them?'))).toHaveLength(1);
    expect(readFileSync(path.join(fresh, 'reports/access/comments/round-1.docx.yaml'), 'utf8')).not.toBe(ledger);
    // And the same second file once more: nothing.
    const third = await importDocx(again, readDocx(wordReview(first, { secondRound: true })), path.join(fresh, 'round-2.docx'));
    expect([third.added, third.updated]).toEqual([0, 0]);
  });

  test('the register shows suggestions: csv columns and an HTML redline', async () => {
    const csv = await runCliInProcess(['comments', '--status', 'all', '--format', 'csv'], { cwd: root });
    expect(csv.stdout.split('\r\n')[0]).toBe('id,report,file,line,anchor,author,date,status,text,source,commit,kind,quote,old,new,parent,page,part');
    const html = await runCliInProcess(['comments', '--status', 'all', '--format', 'html'], { cwd: root });
    expect(html.code).toBe(0);
    const page = readFileSync(path.join(root, 'dist/access/access-comments.html'), 'utf8');
    expect(page).toContain('<del>alone </del> <ins>alone </ins>');
    expect(page).toContain('<ins>速やかに</ins>');
    expect(page).not.toMatch(/<script/i);
  });
});

describe('files that are not a reviewed DOCX of this report', () => {
  let root: string;
  let docx: Uint8Array;
  beforeAll(async () => {
    ({ root, docx } = await exported());
  });

  const oneLine = (stderr: string) => stderr.trim().split('\n');

  test('a damaged DOCX: exit 2, one line', async () => {
    writeFileSync(path.join(root, 'damaged.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
    const result = await runCliInProcess(['comments', 'import', 'damaged.docx'], { cwd: root });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/damaged\.docx: is damaged/);
  });

  test('a password-protected Word file saved by LibreOffice: exit 2, one line', async () => {
    writeFileSync(path.join(root, 'plain.docx'), docx);
    await reviewWithLibreOffice(path.join(root, 'plain.docx'), path.join(root, 'locked.docx'), [{ author: 'Maria Lindqvist', password: 'secret' }]);
    const result = await runCliInProcess(['comments', 'import', 'locked.docx'], { cwd: root });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/locked\.docx: is protected by a password/);
  }, 180_000);

  test('a zip that is not a Word document: exit 2, one line', async () => {
    writeFileSync(path.join(root, 'notes.docx'), zipSync({ 'notes.txt': strToU8('hello') }));
    const result = await runCliInProcess(['comments', 'import', 'notes.docx'], { cwd: root });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/notes\.docx: is a zip file but not a Word document/);
  });

  test('a DOCX of another report is refused, unless --report says so', async () => {
    const other = SAMPLE_REPORT.replace('title: Access to Evidence in Trade Secret Cases', 'title: Cross-border Enforcement');
    const { report: otherReport } = await exported(other, 'enforcement');
    writeFileSync(path.join(root, 'enforcement.docx'), await exportDocx(otherReport));
    const refused = await runCliInProcess(['comments', 'import', 'enforcement.docx'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(/exported from another report \("Cross-border Enforcement", enforcement\), not access/);
    const forced = await runCliInProcess(['comments', 'import', 'enforcement.docx', '--report', 'access'], { cwd: root });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
  });
});

describe('imported DOCX remarks are seen by lint', () => {
  test('a report under review warns about open suggestions and comments from a DOCX, naming the command that closes each', async () => {
    const { root, report, docx } = await exported(SAMPLE_REPORT.replace('status: draft', 'status: review'));
    await importDocx(report, readDocx(wordReview(docx)), path.join(root, 'word-review.docx'));
    const lint = await runCliInProcess(['lint', '--format', 'json'], { cwd: root });
    const messages = (JSON.parse(lint.stdout) as Array<{ rule: string; message: string; file: string }>).filter((m) => m.rule === 'comment-status');
    expect(messages.some((m) => /^open suggestion by Kenji Sato imported from a DOCX \("速やかに"\).*rapporteur comments apply docx-/.test(m.message))).toBe(true);
    expect(messages.some((m) => /^open comment by Kenji Sato imported from a DOCX \("Which cases\?"\).*rapporteur comments resolve docx-/.test(m.message))).toBe(true);
    // The resolved thread is not reported.
    expect(messages.some((m) => m.message.includes('Who names them?'))).toBe(false);
    expect(messages.every((m) => m.file === 'reports/access/comments/word-review.docx.yaml')).toBe(true);
  });
});

describe('imported remarks enter the Report model with their source (#11 item 5)', () => {
  test('the loader reads them, and watch’s checks report the same imported comments as lint', async () => {
    const { root, report, docx } = await exported(SAMPLE_REPORT.replace('status: draft', 'status: review'));
    await importDocx(report, readDocx(wordReview(docx)), path.join(root, 'word-review.docx'));
    const reloaded = await load(root);
    expect(reloaded.imported?.entries.length).toBe(9);
    expect(new Set(reloaded.imported?.entries.map((e) => e.source))).toEqual(new Set(['docx']));
    const watchSays = (await checkReport(reloaded, [], [])).filter((m) => m.ruleId === 'comment-status').map((m) => m.reason);
    const lint = await runCliInProcess(['lint', '--format', 'json'], { cwd: root });
    const lintSays = (JSON.parse(lint.stdout) as Array<{ rule: string; message: string }>).filter((m) => m.rule === 'comment-status').map((m) => m.message);
    expect(watchSays.length).toBeGreaterThan(0);
    expect(watchSays.sort()).toEqual(lintSays.sort());
  });
});
