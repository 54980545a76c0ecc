import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, commitAll, git, initRepo, repoRoot, reportSource, runCliAsync, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('rapporteur build on the sample report', () => {
  let out: string;
  let result: CliResult;
  beforeAll(async () => {
    out = workspace({});
    result = await runCliInProcess(['build', 'access-to-evidence', '--edition', 'all', '--out', out], { cwd: repoRoot });
  });

  it('writes every edition', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(out, 'access-to-evidence')).sort()).toEqual([
      'access-to-evidence-civil-law.html',
      'access-to-evidence-common-law.html',
      'access-to-evidence.bib',
      'access-to-evidence.csl.json',
      'access-to-evidence.html',
      'access-to-evidence.ris',
    ]);
  });

  it('keeps each system edition to its own variants', async () => {
    const read = (name: string) => readFileSync(path.join(out, 'access-to-evidence', name), 'utf8');
    const full = read('access-to-evidence.html');
    const civil = read('access-to-evidence-civil-law.html');
    const common = read('access-to-evidence-common-law.html');
    expect(full).toContain(`class="variant" data-system="civil-law"`);
    expect(full).toContain(`class="variant" data-system="common-law"`);
    expect(civil).toContain(`class="variant" data-system="civil-law"`);
    expect(civil).not.toContain(`class="variant" data-system="common-law"`);
    expect(common).toContain(`class="variant" data-system="common-law"`);
    expect(common).not.toContain(`class="variant" data-system="civil-law"`);
  });

  it('never carries comment text', async () => {
    const sources = readdirSync(path.join(repoRoot, 'reports/access-to-evidence/chapters'))
      .map((f) => readFileSync(path.join(repoRoot, 'reports/access-to-evidence/chapters', f), 'utf8'))
      .join('\n');
    expect(sources).toContain('WG-NOTE');
    for (const name of readdirSync(path.join(out, 'access-to-evidence'))) {
      expect(readFileSync(path.join(out, 'access-to-evidence', name), 'utf8')).not.toContain('WG-NOTE');
    }
  });

  it('is one self-contained file: no external stylesheet, script or image', async () => {
    const html = readFileSync(path.join(out, 'access-to-evidence', 'access-to-evidence.html'), 'utf8');
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<img[^>]+src="(?!data:)/);
    expect(html).toMatch(/<style>/);
  });
});

describe('build errors', () => {
  const cases: Array<{ name: string; files: Record<string, string | Uint8Array>; message: RegExp }> = [
    {
      name: 'broken YAML',
      files: { 'reports/r/report.md': '---\ntitle: [unclosed\nversion: 0.1.0\n---\n\nBody.\n' },
      message: /^reports\/r\/report\.md:\d+:\d+ error front matter is not valid YAML: .+ front-matter$/m,
    },
    {
      name: 'unknown status',
      files: { 'reports/r/report.md': reportSource('Body.', { status: 'published' }) },
      message: /^reports\/r\/report\.md:5:9 error `status` must be one of draft, review, final front-matter$/m,
    },
    {
      name: 'missing title',
      files: { 'reports/r/report.md': '---\nversion: 0.1.0\nstatus: draft\n---\n\nBody.\n' },
      message: /^reports\/r\/report\.md:1:1 error the report needs a `title` front-matter$/m,
    },
    {
      name: 'no front matter',
      files: { 'reports/r/report.md': '# Just a heading\n' },
      message: /^reports\/r\/report\.md:1:1 error the report has no front matter/m,
    },
    {
      name: 'chapter outside the report folder',
      files: { 'reports/r/report.md': reportSource('Body.', { chapters: '[../../secret.md]' }), 'secret.md': '# Secret\n' },
      message: /^reports\/r\/report\.md:7:\d+ error chapter `\.\.\/\.\.\/secret\.md` is outside the report folder; chapters must stay inside it chapter-path$/m,
    },
    {
      name: 'absolute chapter path',
      files: { 'reports/r/report.md': reportSource('Body.', { chapters: '[/etc/passwd]' }) },
      message: /chapter `\/etc\/passwd` is an absolute path/,
    },
    {
      name: 'missing chapter file',
      files: { 'reports/r/report.md': reportSource('Body.', { chapters: '[nope.md]' }) },
      message: /^reports\/r\/report\.md:7:\d+ error chapter `nope\.md` does not exist chapter-path$/m,
    },
    {
      name: 'chapter listed twice',
      files: { 'reports/r/report.md': reportSource('Body.', { chapters: '[a.md, a.md]' }), 'reports/r/a.md': '# A\n' },
      message: /chapter `a\.md` is listed twice/,
    },
    {
      name: 'empty report',
      files: { 'reports/r/report.md': '  \n\n' },
      message: /^reports\/r\/report\.md:1:1 error reports\/r\/report\.md is empty unreadable-file$/m,
    },
    {
      name: 'binary report',
      files: { 'reports/r/report.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]) },
      message: /reports\/r\/report\.md is a binary file, not Markdown text/,
    },
    {
      name: 'invalid UTF-8',
      files: { 'reports/r/report.md': new Uint8Array([...Buffer.from('---\ntitle: caf'), 0xe9, ...Buffer.from('\n---\n')]) },
      message: /is not valid UTF-8 text; save it as UTF-8/,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: file:line:column message, exit 2, no stack trace, nothing written`, async () => {
      const root = workspace(testCase.files);
      const result = await runCliInProcess(['build'], { cwd: root });
      expect(result.stderr).toMatch(testCase.message);
      expect(result.code).toBe(2);
      noStackTrace(result.stderr);
      expect(existsSync(path.join(root, 'dist', 'r'))).toBe(false);
    });
  }

  it('the binary exits 2 on the first of them, with the message and no stack trace', async () => {
    const root = workspace(cases[0].files);
    const result = await runCliAsync(['build'], { cwd: root });
    expect(result.stderr).toMatch(cases[0].message);
    expect(result.code).toBe(2);
    noStackTrace(result.stderr);
  });

  it('names a report that does not exist', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource('Body.') });
    const result = await runCliInProcess(['build', 'nope'], { cwd: root });
    expect(result.stderr).toBe('rapporteur: no report named "nope": expected reports/nope/report.md\n');
    expect(result.code).toBe(2);
  });

  it('refuses an unknown edition and an unknown format', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource('Body.') });
    const edition = await runCliInProcess(['build', '--edition', 'mixed-law'], { cwd: root });
    expect(edition.stderr).toContain('no edition "mixed-law"; this report has full, civil-law, common-law, all');
    expect(edition.code).toBe(2);
    const format = await runCliInProcess(['build', '--format', 'epub'], { cwd: root });
    expect(format.stderr).toContain('--format: unknown format "epub" (use html, pdf, docx)');
    expect(format.code).toBe(2);
  });

  it('reports an unknown command or option with exit 2', async () => {
    const root = workspace({});
    expect(await runCliAsync(['bulid'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining("(Did you mean build?)") });
    expect(await runCliInProcess(['build', '--nope'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--nope'") });
  });

  it('prints help and version with exit 0', async () => {
    const root = workspace({});
    const help = await runCliInProcess(['build', '--help'], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--edition <editions>');
    const version = await runCliInProcess(['--version'], { cwd: root });
    expect(version.code).toBe(0);
    const [first, ...credits] = version.stdout.trim().split('\n');
    expect(first).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    // citeproc-js's licence asks for its attribution.
    expect(credits.join('\n')).toMatch(/citeproc-js .*npm citeproc \d+\.\d+\.\d+; CPAL-1\.0 or AGPL-1\.0/);
  });
});

describe('build stamp', () => {
  it('names the commit, and marks uncommitted changes to the report', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource('# One\n\nBody.\n') });
    initRepo(root);
    writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
    commitAll(root, 'first draft');
    const head = git(root, ['rev-parse', '--short=10', 'HEAD']).trim();
    expect((await runCliInProcess(['build'], { cwd: root })).code).toBe(0);
    const clean = readFileSync(path.join(root, 'dist/r/r.html'), 'utf8');
    expect(clean).toContain(`commit ${head}`);
    expect(clean).not.toContain('uncommitted');

    writeFileSync(path.join(root, 'reports/r/report.md'), reportSource('# One\n\nBody, edited.\n'));
    expect((await runCliInProcess(['build'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'dist/r/r.html'), 'utf8')).toContain(`commit ${head} + uncommitted changes`);
  });

  it('works outside git', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource('Body.') });
    const result = await runCliInProcess(['build', 'reports/r/report.md'], { cwd: root });
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(root, 'dist/r/r.html'), 'utf8')).toContain('Version 0.1.0 · Draft · 2026-11-21');
  });
});
