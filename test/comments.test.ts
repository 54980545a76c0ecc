import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { commitAll, git, initRepo, makeWorkspace, removeWorkspace, reportSource, runCliInProcess } from './helpers.js';

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

const body = `# Obtaining evidence

Intro paragraph about evidence.

::::recommendation{#evidence-preservation title="Preserve evidence before it disappears"}
Courts should be able to order that evidence is preserved.

:::variant{system=civil-law}
A bailiff describes or seizes the evidence.
:::

:::variant{system=common-law}
A search order supervised by an independent solicitor.
:::

:::comment{author="Alice Avocat" date=2026-11-01 status=open}
Should we mention the saisie here?
:::
::::

## Protecting secrets

Courts should keep secrets confidential.

::::recommendation{#confidentiality-orders title="Confidentiality orders" uniform}
Courts should be able to restrict access to secret information.
::::
`;

const alice = { GIT_AUTHOR_NAME: 'Alice Avocat', GIT_AUTHOR_EMAIL: 'alice@example.org', GIT_AUTHOR_DATE: '2026-11-01T10:00:00+01:00' };
const bob = { GIT_AUTHOR_NAME: 'Bob Barrister', GIT_AUTHOR_EMAIL: 'bob@example.org', GIT_AUTHOR_DATE: '2026-11-05T16:30:00+00:00' };
const carol = { GIT_AUTHOR_NAME: 'Carol Richter', GIT_AUTHOR_EMAIL: 'carol@example.org', GIT_AUTHOR_DATE: '2026-11-09T23:30:00-05:00' };

/** A report whose comments were written by three people in three commits. */
function workspaceWithHistory(): { root: string; file: string; commits: Record<string, string> } {
  const root = makeWorkspace({ 'reports/demo/report.md': reportSource(body, { systems: '[civil-law, common-law]' }) });
  workspaces.push(root);
  const file = path.join(root, 'reports/demo/report.md');
  initRepo(root);
  commitAll(root, 'first draft', alice);
  const commits: Record<string, string> = { alice: git(root, ['rev-parse', 'HEAD']).trim() };
  // Bob adds a block comment with no author or date: blame must supply both.
  const withBob = readFileSync(file, 'utf8').replace(
    'Courts should keep secrets confidential.\n',
    'Courts should keep secrets confidential.\n\n:::comment{status=open}\nWhich courts? All of them, or specialised ones?\n:::\n',
  );
  writeFileSync(file, withBob);
  commitAll(root, 'comment on secrets', bob);
  commits.bob = git(root, ['rev-parse', 'HEAD']).trim();
  // Carol adds an inline comment inside the second recommendation, and a reply with an id.
  const withCarol = readFileSync(file, 'utf8').replace(
    'restrict access to secret information.',
    'restrict access to secret information :comment[Too vague: which information?]{#carol-1}. :comment[Agreed.]{re=carol-1 author="Alice Avocat"}',
  );
  writeFileSync(file, withCarol);
  commitAll(root, 'inline comments', carol);
  commits.carol = git(root, ['rev-parse', 'HEAD']).trim();
  return { root, file, commits };
}

interface JsonEntry {
  id: string; report: string; file: string; line: number; anchor: string; author: string | null; date: string | null;
  status: string; text: string; source: string; commit: string | null;
}

async function json(root: string, args: string[] = []): Promise<JsonEntry[]> {
  const result = await runCliInProcess(['comments', ...args, '--format', 'json'], { cwd: root });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonEntry[];
}

describe('comments register', () => {
  test('collects inline comments with anchors, and git blame fills author, date and the introducing commit', async () => {
    const { root, commits } = workspaceWithHistory();
    const entries = await json(root, ['--status', 'all']);
    expect(entries.map((e) => Object.keys(e))).toEqual(entries.map(() => ['id', 'report', 'file', 'line', 'anchor', 'author', 'date', 'status', 'text', 'source', 'commit', 'kind', 'quote', 'old', 'new', 'parent', 'page', 'part']));
    const byText = (t: string) => entries.find((e) => e.text.includes(t)) as JsonEntry;

    const saisie = byText('saisie');
    expect(saisie).toMatchObject({ report: 'demo', file: 'reports/demo/report.md', anchor: 'evidence-preservation', author: 'Alice Avocat', date: '2026-11-01', status: 'open', source: 'inline', commit: commits.alice });
    const source = readFileSync(path.join(root, 'reports/demo/report.md'), 'utf8');
    expect(saisie.line).toBe(source.slice(0, source.indexOf(':::comment{author="Alice')).split('\n').length);

    const which = byText('Which courts');
    // No author or date in the source: both come from Bob's commit (date in his own time zone).
    expect(which).toMatchObject({ anchor: 'protecting-secrets', author: 'Bob Barrister', date: '2026-11-05', commit: commits.bob });

    const vague = byText('Too vague');
    // Carol wrote it at 23:30 in UTC-5: the date is hers, not UTC's next day.
    expect(vague).toMatchObject({ id: 'carol-1', anchor: 'confidentiality-orders', author: 'Carol Richter', date: '2026-11-09', commit: commits.carol });
    expect(byText('Agreed')).toMatchObject({ author: 'Alice Avocat', commit: commits.carol, anchor: 'confidentiality-orders' });
  });

  test('an uncommitted comment has no commit, and blame does not invent an author', async () => {
    const { root, file } = workspaceWithHistory();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n:::comment\nNot committed yet.\n:::\n`);
    const entry = (await json(root)).find((e) => e.text === 'Not committed yet.') as JsonEntry;
    expect(entry).toMatchObject({ author: null, date: null, commit: null, anchor: 'protecting-secrets', status: 'open' });
  });

  test('derived ids survive unrelated edits', async () => {
    const { root, file } = workspaceWithHistory();
    const before = (await json(root)).map((e) => e.id);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Intro paragraph about evidence.', 'A longer introduction.\n\nWith a new paragraph.'));
    expect((await json(root)).map((e) => e.id)).toEqual(before);
  });

  test('the table groups open comments by recommendation in report order', async () => {
    const { root } = workspaceWithHistory();
    const result = await runCliInProcess(['comments'], { cwd: root });
    expect(result.code).toBe(0);
    const out = result.stdout;
    const order = ['Recommendation 1.1 — Preserve evidence before it disappears', 'Section 1.1 — Protecting secrets', 'Recommendation 1.2 — Confidentiality orders'].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('carol-1');
    expect(out).toContain('↳ reply to carol-1');
    expect(out).toContain('— 4 open comments');
  });

  test('filters by status, author and anchor', async () => {
    const { root, file } = workspaceWithHistory();
    writeFileSync(file, readFileSync(file, 'utf8').replace('{#carol-1}', '{#carol-1 status=resolved}'));
    expect((await json(root)).map((e) => e.id)).not.toContain('carol-1');
    expect((await json(root, ['--status', 'resolved'])).map((e) => e.id)).toEqual(['carol-1']);
    expect((await json(root, ['--status', 'all', '--author', 'alice'])).map((e) => e.author)).toEqual(['Alice Avocat', 'Alice Avocat']);
    expect((await json(root, ['--anchor', 'protecting-secrets'])).map((e) => e.author)).toEqual(['Bob Barrister']);
    const bad = await runCliInProcess(['comments', '--status', 'closed'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status: unknown status "closed" (use open, resolved, all)');
    const badFormat = await runCliInProcess(['comments', '--format', 'xml'], { cwd: root });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format: unknown format "xml" (use table, json, csv, html)');
  });

  test('csv has a header, quotes what needs quoting and defuses spreadsheet formulas', async () => {
    const { root, file } = workspaceWithHistory();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n:::comment{author="Eve"}\n=HYPERLINK("x"), with "quotes"\n:::\n`);
    const result = await runCliInProcess(['comments', '--format', 'csv'], { cwd: root });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines[0]).toBe('id,report,file,line,anchor,author,date,status,text,source,commit,kind,quote,old,new,parent,page,part');
    expect(result.stdout).toContain(`"'=HYPERLINK(""x""), with ""quotes"""`);
  });

  test('--format html writes a self-contained register that links to the HTML build', async () => {
    const { root } = workspaceWithHistory();
    const result = await runCliInProcess(['comments', 'demo', '--format', 'html', '--status', 'all'], { cwd: root });
    expect(result.code).toBe(0);
    const file = path.join(root, 'dist/demo/demo-comments.html');
    expect(result.stdout).toContain(path.join('dist', 'demo', 'demo-comments.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('href="demo.html#evidence-preservation"');
    expect(html).toContain('Recommendation 1.1 — Preserve evidence before it disappears');
    expect(html).toContain('Which courts? All of them, or specialised ones?');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/i);
    // The links land: the HTML build beside the register has those ids.
    expect((await runCliInProcess(['build', 'demo', '--quiet'], { cwd: root })).code).toBe(0);
    const build = readFileSync(path.join(root, 'dist/demo/demo.html'), 'utf8');
    for (const [, fragment] of html.matchAll(/href="demo\.html#([^"]+)"/g)) expect(build).toContain(`id="${fragment}"`);
  });
});

describe('comments resolve', () => {
  test('rewrites only the status attribute of an inline comment, byte for byte', async () => {
    const { root, file } = workspaceWithHistory();
    // CRLF line endings, a BOM and non-ASCII text must all survive.
    const original = `\ufeff${readFileSync(file, 'utf8').replace('Intro paragraph', 'Intro — “paragraph”').replace(/\n/g, '\r\n')}`;
    writeFileSync(file, original);
    const before = Buffer.from(original, 'utf8');
    const id = (await json(root)).find((e) => e.text.startsWith('Which courts'))?.id as string;
    const result = await runCliInProcess(['comments', 'resolve', id], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${id} resolved (reports/demo/report.md:`);
    const after = readFileSync(file);
    const expected = Buffer.from(original.replace(':::comment{status=open}', ':::comment{status=resolved}'), 'utf8');
    expect(after.equals(expected)).toBe(true);
    expect(after.length).toBe(before.length + 'resolved'.length - 'open'.length);
    expect((await json(root, ['--status', 'resolved'])).map((e) => e.id)).toEqual([id]);
  });

  test('adds a status attribute when the directive has none, and attributes when it has no braces', async () => {
    const { root, file } = workspaceWithHistory();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nLast words :comment[No braces at all] here.\n`);
    const original = readFileSync(file, 'utf8');
    const ids = await json(root);
    const carol = await runCliInProcess(['comments', 'resolve', 'carol-1'], { cwd: root });
    expect(carol.code).toBe(0);
    const bare = ids.find((e) => e.text === 'No braces at all')?.id as string;
    expect((await runCliInProcess(['comments', 'resolve', bare], { cwd: root })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      original.replace('{#carol-1}', '{#carol-1 status=resolved}').replace(':comment[No braces at all]', ':comment[No braces at all]{status=resolved}'),
    );
    // The id of a derived-id comment does not change when it is resolved.
    expect((await json(root, ['--status', 'resolved'])).map((e) => e.id).sort()).toEqual([bare, 'carol-1'].sort());
  });

  test('refuses an unknown id with a clear message and touches nothing', async () => {
    const { root, file } = workspaceWithHistory();
    const before = readFileSync(file);
    const result = await runCliInProcess(['comments', 'resolve', 'c-00000000'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rapporteur: no comment with id "c-00000000" in demo; `rapporteur comments --status all` lists every id\n');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('says so when the comment is already resolved', async () => {
    const { root } = workspaceWithHistory();
    expect((await runCliInProcess(['comments', 'resolve', 'carol-1'], { cwd: root })).code).toBe(0);
    const again = await runCliInProcess(['comments', 'resolve', 'carol-1'], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('carol-1 is already resolved');
  });

  test('resolves an imported comment in its ledger, keeping the rest of the file', async () => {
    const { root } = workspaceWithHistory();
    const ledger = path.join(root, 'reports/demo/comments/review.yaml');
    mkdirSync(path.dirname(ledger), { recursive: true });
    const text = `# kept\nsource: pdf\nfrom: review.pdf\ncomments:\n  - id: pdf-1\n    author: Dana\n    status: open\n    anchor: confidentiality-orders\n    text: Too broad.  # a remark\n    page: 2\n    kind: note\n`;
    writeFileSync(ledger, text);
    expect((await json(root)).find((e) => e.id === 'pdf-1')).toMatchObject({ source: 'pdf', author: 'Dana', anchor: 'confidentiality-orders', file: 'reports/demo/comments/review.yaml', line: 5, commit: null });
    const result = await runCliInProcess(['comments', 'resolve', 'pdf-1'], { cwd: root });
    expect(result.code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toBe(text.replace('status: open', 'status: resolved'));
  });

  test('adds a status line to a ledger entry that has none', async () => {
    const { root } = workspaceWithHistory();
    const ledger = path.join(root, 'reports/demo/comments/review.yaml');
    mkdirSync(path.dirname(ledger), { recursive: true });
    const text = `comments:\n  - id: pdf-2\n    text: No status written.\n  - id: pdf-3\n    text: Another.\n`;
    writeFileSync(ledger, text);
    expect((await runCliInProcess(['comments', 'resolve', 'pdf-2'], { cwd: root })).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toBe(text.replace('id: pdf-2\n', 'id: pdf-2\n    status: resolved\n'));
  });

  test('a ledger that does not validate is reported with file and line', async () => {
    const { root } = workspaceWithHistory();
    const ledger = path.join(root, 'reports/demo/comments/review.yaml');
    mkdirSync(path.dirname(ledger), { recursive: true });
    writeFileSync(ledger, 'comments:\n  - id: pdf-1\n    stauts: open\n    text: x\n  - id: pdf-2\n    status: closed\n');
    const result = await runCliInProcess(['comments'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reports/demo/comments/review.yaml:2:5 error comments ledger field `comments.0`: unknown field `stauts` comments-ledger');
    expect(result.stderr).toContain('reports/demo/comments/review.yaml:6:13 error comments ledger field `comments.1.status`');
    expect(result.stdout).toContain('carol-1');
    expect(existsSync(ledger)).toBe(true);
  });
});

describe('comments across several reports', () => {
  function twoReports(): string {
    const root = makeWorkspace({
      'reports/alpha/report.md': reportSource('# One\n\nText :comment[Alpha remark]{#shared author=Ann}.\n', { title: 'Alpha' }),
      'reports/beta/report.md': reportSource('# Two\n\nText :comment[Beta remark]{#shared author=Ben}.\n\n:comment[Only in beta]{#beta-only author=Ben}\n', { title: 'Beta' }),
    });
    workspaces.push(root);
    return root;
  }

  test('the register spans every report, each entry naming its report', async () => {
    const root = twoReports();
    expect((await json(root)).map((e) => [e.report, e.text])).toEqual([
      ['alpha', 'Alpha remark'],
      ['beta', 'Beta remark'],
      ['beta', 'Only in beta'],
    ]);
    const table = (await runCliInProcess(['comments'], { cwd: root })).stdout;
    expect(table).toContain('Alpha (alpha) — 1 open comment');
    expect(table).toContain('Beta (beta) — 2 open comments');
  });

  test('resolve finds the report, and asks when an id is in two', async () => {
    const root = twoReports();
    expect((await runCliInProcess(['comments', 'resolve', 'beta-only'], { cwd: root })).stdout).toMatch(/^beta-only resolved \(reports\/beta\/report\.md:\d+\)\n$/);
    const both = await runCliInProcess(['comments', 'resolve', 'shared'], { cwd: root });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('rapporteur: comment id "shared" exists in alpha and beta; say which with --report\n');
    expect((await runCliInProcess(['comments', 'resolve', 'shared', '--report', 'beta'], { cwd: root })).code).toBe(0);
    const none = await runCliInProcess(['comments', 'resolve', 'nope'], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('rapporteur: no comment with id "nope" in any of 2 reports; `rapporteur comments --status all` lists every id\n');
  });

  test('a report that cannot be read is named, and the others still listed', async () => {
    const root = twoReports();
    writeFileSync(path.join(root, 'reports/alpha/report.md'), Buffer.from([0, 1, 2, 3]));
    const result = await runCliInProcess(['comments', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reports/alpha/report.md:1:1 error reports/alpha/report.md is a binary file, not Markdown text unreadable-file');
    expect((JSON.parse(result.stdout) as JsonEntry[]).map((e) => e.report)).toEqual(['beta', 'beta']);
    writeFileSync(path.join(root, 'reports/beta/report.md'), Buffer.from([0, 1, 2, 3]));
    const none = await runCliInProcess(['comments'], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('rapporteur: no report could be read (see above)');
  });
});
