import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, git, initRepo, makeWorkspace, removeWorkspace, recommendationSource, reportSource, runCliInProcess } from './helpers.js';

/**
 * One repository with several tagged versions of a report, each step exercising one kind of
 * change: v0.1.0 → v0.2.0 (variant edited, recommendation added and removed, front matter,
 * paragraph re-wrapped), v0.2.0 → v0.3.0 (moved-and-edited, renumbered, chapter file added,
 * paragraph moved).
 */

const REPORT = 'reports/acme/report.md';

const rec = recommendationSource;

const intro = 'Courts in every system need evidence before they can decide a trade secret case, and the claimant rarely holds it.';
const introWrapped = 'Courts in every system need evidence before they can decide a trade\nsecret case, and the claimant\nrarely holds it.';
const movedPara = 'Confidentiality clubs let named advisers see the secret while the parties themselves do not, which many courts find workable.';

const alpha = (civil = 'A judicial officer may describe or seize the evidence under seal.') =>
  rec('alpha', 'Preserve evidence', 'Courts should be able to order that evidence be preserved at short notice.', civil, 'A search order may be granted, supervised by an independent solicitor.', `
:::example{jurisdiction=FR}
The French court orders a measure of inquiry under Article 145.[^fr]
:::

:::comment{author="Jane Reviewer" status=open}
SECRET-COMMENT-TEXT should never be published.
:::
`);
const beta = (principle = 'Courts should define the secret at stake before ordering disclosure of documents.') =>
  rec('beta', 'Identify the secret', principle, 'The statement of claim should identify the secret.', 'Identification should precede discovery.');
const gamma = rec('gamma', 'Limit access', 'Access to the evidence should be limited to those who need it for the case.', 'The court designates who may see it.', 'A confidentiality club may be ordered.');
const delta = rec('delta', 'Sanction abuse', 'Courts should sanction the abuse of evidence measures by claimants.', 'Damages may be awarded for abusive seizure.', 'Cross-undertakings in damages protect the respondent.');

const fillers = [1, 2, 3, 4].map((n) => `Background paragraph number ${n} explains the history of the procedure in some detail.`).join('\n\n');

const footnote = '\n[^fr]: Code de procédure civile, article 145.\n';
const footnoteEdited = '\n[^fr]: Code de procédure civile, articles 145 and 493.\n';

function v1(): string {
  return reportSource(`# Scope\n\n${intro}\n\n${fillers}\n\n${movedPara}\n\n${alpha()}\n${beta()}\n${gamma}${footnote}`, { version: '0.1.0', status: 'draft', date: '2026-01-10', systems: '[civil-law, common-law]' });
}
function v2(): string {
  return reportSource(
    `# Scope\n\n${introWrapped}\n\n${fillers}\n\n${movedPara}\n\n${alpha('A judicial officer may describe, copy or seize the evidence, which the court keeps under seal.')}\n${beta()}\n${delta}${footnote}`,
    { version: '0.2.0', status: 'review', date: '2026-03-02', systems: '[civil-law, common-law]' },
  );
}
function v3(): string {
  return reportSource(
    `# Scope\n\n${introWrapped}\n\n${fillers}\n\n${alpha('A judicial officer may describe, copy or seize the evidence, which the court keeps under seal.')}\n${delta}\n${beta('Courts should define the trade secret at stake before ordering any disclosure of documents.')}\n${movedPara}\n${footnoteEdited}`,
    { version: '0.3.0', status: 'review', date: '2026-05-20', systems: '[civil-law, common-law]', chapters: '[chapters/annex.md]' },
  );
}
const annex = `# Annex\n\n${rec('epsilon', 'Train judges', 'Judges hearing trade secret cases should receive training in technical evidence.', 'Training academies should offer courses.', 'Judicial colleges should offer courses.')}`;

let root: string;

async function json(args: string[]): Promise<{ code: number; data: any; stderr: string }> {
  const result = await runCliInProcess(['diff', 'acme', '--format', 'json', '--quiet', ...args], { cwd: root });
  return { code: result.code, data: result.stdout.trim() ? JSON.parse(result.stdout) : undefined, stderr: result.stderr };
}

beforeAll(async () => {
  root = makeWorkspace({ 'README.md': 'workspace\n' });
  initRepo(root);
  const at = (day: string) => ({ GIT_AUTHOR_DATE: `2026-${day}T10:00:00Z`, GIT_COMMITTER_DATE: `2026-${day}T10:00:00Z` });
  commitAll(root, 'before the report', at('01-01'));
  git(root, ['tag', 'before-report']);
  mkdirSync(path.join(root, 'reports/acme'), { recursive: true });
  writeFileSync(path.join(root, REPORT), v1());
  commitAll(root, 'v0.1.0', at('01-10'));
  git(root, ['tag', 'v0.1.0']);
  writeFileSync(path.join(root, REPORT), v2());
  commitAll(root, 'v0.2.0', at('03-02'));
  git(root, ['tag', '-a', 'v0.2.0', '-m', 'circulated to the working group'], at('03-02'));
  writeFileSync(path.join(root, REPORT), v3());
  mkdirSync(path.join(root, 'reports/acme/chapters'), { recursive: true });
  writeFileSync(path.join(root, 'reports/acme/chapters/annex.md'), annex);
  commitAll(root, 'v0.3.0', at('05-20'));
  git(root, ['tag', 'acme/v0.3.0']);
});

afterAll(() => (process.env.KEEP_WS ? console.log("WS", root) : removeWorkspace(root)));

describe('rapporteur diff --format json', () => {
  it('reports a variant edit, an added and a removed recommendation, and front matter changes', async () => {
    const { code, data } = await json(['--from', 'v0.1.0', '--to', 'v0.2.0']);
    expect(code).toBe(0);
    expect(data.from).toBe('v0.1.0');
    expect(data.to).toBe('v0.2.0');
    expect(data.summary.added).toEqual(['delta']);
    expect(data.summary.removed).toEqual(['gamma']);
    expect(data.summary.modified).toEqual(['alpha']);
    expect(data.summary.moved).toEqual([]);
    const alphaChange = data.recommendations.find((r: any) => r.id === 'alpha');
    expect(alphaChange.parts).toEqual(['variant:civil-law']);
    expect(alphaChange.inserted).toBeGreaterThan(0);
    const fields = data.frontMatter.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['version', 'status', 'date']));
    expect(data.frontMatter.find((f: any) => f.field === 'version')).toEqual({ field: 'version', from: '0.1.0', to: '0.2.0' });
    expect(data.stats.inserted).toBeGreaterThan(0);
    expect(data.stats.deleted).toBeGreaterThan(0);
    // The re-wrapped introduction is not a change: only recommendation words changed.
    const recWords = data.recommendations.reduce((sum: number, r: any) => sum + r.inserted + r.deleted, 0);
    expect(recWords).toBe(data.stats.inserted + data.stats.deleted);
  });

  it('marks a moved-and-edited recommendation as moved, modified and renumbered, and a new chapter file as added', async () => {
    const { code, data } = await json(['--from', 'v0.2.0', '--to', 'acme/v0.3.0']);
    expect(code).toBe(0);
    expect(data.summary.moved).toEqual(['beta']);
    expect(data.summary.modified).toEqual(['beta']);
    expect(data.summary.added).toEqual(['epsilon']);
    expect(data.summary.removed).toEqual([]);
    expect(data.summary.renumbered).toEqual(
      expect.arrayContaining([
        { id: 'beta', from: '1.2', to: '1.3' },
        { id: 'delta', from: '1.3', to: '1.2' },
      ]),
    );
    const betaChange = data.recommendations.find((r: any) => r.id === 'beta');
    expect(betaChange.parts).toEqual(['principle']);
    expect(betaChange.inserted).toBe(2); // "trade", "any"
    // The paragraph that moved below the recommendations is one move, not a delete and an insert.
    const blockMoves = data.moves.filter((m: any) => m.kind === 'block');
    expect(blockMoves).toHaveLength(1);
    expect(blockMoves[0].excerpt).toMatch(/^Confidentiality clubs/);
    expect(data.versions.to.version).toBe('0.3.0');
    expect(data.footnotes).toEqual({ added: [], removed: [], modified: ['reports/acme/report.md#fr'] });
  });

  it('gives the same answer with a warm parse cache and without one', async () => {
    const args = ['--from', 'v0.1.0', '--to', 'acme/v0.3.0', '--out', path.join(root, 'out-cache')];
    const first = await json(args);
    const warm = await json(args);
    const cold = await json([...args, '--no-cache']);
    expect(warm.data).toEqual(first.data);
    expect(cold.data).toEqual(first.data);
    // The cache is never in the output folder (parsed trees hold comment text).
    expect(readdirSync(path.join(root, 'out-cache'))).not.toContain('.rapporteur-cache');
    rmSync(path.join(root, 'out-cache'), { recursive: true, force: true });
  });

  it('treats a re-wrapped paragraph as no change', async () => {
    const ws = makeWorkspace({ [REPORT]: reportSource(`# Scope\n\n${intro}\n`) });
    try {
      initRepo(ws);
      commitAll(ws, 'one');
      git(ws, ['tag', 'v1']);
      writeFileSync(path.join(ws, REPORT), reportSource(`# Scope\n\n${introWrapped}\n`));
      const result = await runCliInProcess(['diff', 'acme', '--format', 'json,html'], { cwd: ws });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/acme: no changes between v1 and the working tree/);
      expect(JSON.parse(result.stdout).hasChanges).toBe(false);
      expect(() => readdirSync(path.join(ws, 'dist', 'acme'))).toThrow(); // no redline written
    } finally {
      removeWorkspace(ws);
    }
  });
});

describe('rapporteur diff defaults and revisions', () => {
  it('compares the newest tag touching the report with the working tree, and says when nothing changed', async () => {
    const result = await runCliInProcess(['diff', 'acme'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/acme: no changes between acme\/v0\.3\.0 and the working tree/);
  });

  it('picks up uncommitted edits in the working tree', async () => {
    const file = path.join(root, REPORT);
    const saved = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, saved.replace('for abusive seizure', 'for abusive or excessive seizure'));
      const { code, data } = await json([]);
      expect(code).toBe(0);
      expect(data.from).toBe('acme/v0.3.0');
      expect(data.to).toBe('worktree');
      expect(data.summary.modified).toEqual(['delta']);
      expect(data.recommendations[0].parts).toEqual(['variant:civil-law']);
      expect(data.stats).toMatchObject({ inserted: 2, deleted: 0 });
    } finally {
      writeFileSync(file, saved);
    }
  });

  it('refuses a revision that looks like an option', async () => {
    const result = await runCliInProcess(['diff', 'acme', '--from=--output=/tmp/x'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from "--output=\/tmp\/x" is not a git revision/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses an unknown revision', async () => {
    const result = await runCliInProcess(['diff', 'acme', '--from', 'v9.9.9'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from v9\.9\.9: no such revision in this repository/);
  });

  it('refuses a revision at which the report does not exist', async () => {
    const result = await runCliInProcess(['diff', 'acme', '--from', 'before-report'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reports\/acme\/report\.md does not exist at before-report/);
  });

  it('works from a folder reached through a symbolic link', async () => {
    const link = `${root}-link`;
    symlinkSync(root, link);
    try {
      const result = await runCliInProcess(['diff', 'acme', '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'json', '--quiet'], { cwd: link });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).summary.added).toEqual(['delta']);
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('says how to proceed when no tag touches the report', async () => {
    const ws = makeWorkspace({ [REPORT]: reportSource('# Scope\n\nText.\n') });
    try {
      initRepo(ws);
      commitAll(ws, 'one');
      const result = await runCliInProcess(['diff', 'acme'], { cwd: ws });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no tag touches reports\/acme\/report\.md; tag a circulated draft .* or pass --from REV/);
    } finally {
      removeWorkspace(ws);
    }
  });

  it('refuses an unknown format and works only inside git', async () => {
    expect((await runCliInProcess(['diff', 'acme', '--format', 'epub'], { cwd: root })).stderr).toMatch(/--format: unknown format "epub" \(use html, pdf, docx, json\)/);
    const ws = makeWorkspace({ [REPORT]: reportSource('# Scope\n\nText.\n') });
    try {
      const result = await runCliInProcess(['diff', 'acme'], { cwd: ws });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is not inside a git repository/);
    } finally {
      removeWorkspace(ws);
    }
  });
});

describe('redline HTML', () => {
  it('marks insertions, deletions and moves, with a header, a summary table and no comment text', async () => {
    const out = path.join(root, 'out-html');
    const result = await runCliInProcess(['diff', 'acme', '--from', 'v0.1.0', '--to', 'acme/v0.3.0', '--out', out], { cwd: root });
    expect(result.code).toBe(0);
    const file = path.join(out, 'acme', 'acme-redline-v0.1.0-acme-v0.3.0.html');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Redline: v0.1.0 → acme/v0.3.0');
    expect(html).toMatch(/<table class="redline-summary">/);
    expect(html).toMatch(/<ins class="rl-ins">[^<]*copy[^<]*<\/ins>/);
    expect(html).toMatch(/<del class="rl-del-block">/); // gamma removed
    expect(html).toContain('Front matter version: 0.1.0 → 0.3.0');
    expect(html).not.toContain('SECRET-COMMENT-TEXT');
    expect(html).not.toContain('Jane Reviewer');
    expect(html).not.toMatch(/<script/i);
    // The footnote of the kept example is still called and listed once.
    expect(html.match(/Code de procédure civile/g)).toHaveLength(1);
    rmSync(out, { recursive: true, force: true });
  });

  it('shows only changed blocks with context in --changes-only mode, and names files for the edition', async () => {
    const out = path.join(root, 'out-changes');
    const result = await runCliInProcess(['diff', 'acme', '--from', 'v0.2.0', '--to', 'acme/v0.3.0', '--changes-only', '--edition', 'civil-law', '--out', out], { cwd: root });
    expect(result.code).toBe(0);
    const html = readFileSync(path.join(out, 'acme', 'acme-civil-law-redline-v0.2.0-acme-v0.3.0.html'), 'utf8');
    expect(html).toMatch(/unchanged blocks? not shown/);
    expect(html).not.toMatch(/class="variant" data-system="common-law"/);
    expect(html).toMatch(/Moved from Recommendation 1\.2/);
    expect(html).toMatch(/Recommendation 1\.2 “Identify the secret”(<[^>]+>)* moved to Recommendation 1\.3/);
    expect(html).toMatch(/Moved from section 1 Scope/);
    rmSync(out, { recursive: true, force: true });
  });
});

describe('rapporteur versions', () => {
  it('lists the tags that touch the report with their front-matter version, status and date', async () => {
    const result = await runCliInProcess(['versions', 'acme', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows.map((r: any) => r.tag)).toEqual(['(working tree)', 'acme/v0.3.0', 'v0.2.0', 'v0.1.0']);
    expect(rows[2]).toMatchObject({ version: '0.2.0', status: 'review', reportDate: '2026-03-02' });
    const table = await runCliInProcess(['versions', 'acme'], { cwd: root });
    expect(table.stdout).toMatch(/v0\.1\.0\s+\d{4}-\d\d-\d\d\s+0\.1\.0\s+draft\s+2026-01-10/);
  });

  it('says when no tag touches the report yet, and refuses an unknown format', async () => {
    const ws = makeWorkspace({ [REPORT]: reportSource('# Scope\n\nText.\n') });
    try {
      initRepo(ws);
      commitAll(ws, 'one');
      git(ws, ['tag', 'other/v1.0.0']); // another report's tag
      const result = await runCliInProcess(['versions', 'acme'], { cwd: ws });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\(working tree\)\s+0\.1\.0\s+draft/);
      expect(result.stderr).toMatch(/acme: no tag touches reports\/acme\/report\.md yet/);
      const bad = await runCliInProcess(['versions', 'acme', '--format', 'xml'], { cwd: ws });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--format: unknown format "xml" \(use table or json\)/);
    } finally {
      removeWorkspace(ws);
    }
  });
});
