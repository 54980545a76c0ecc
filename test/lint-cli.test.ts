import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { commitAll, git, initRepo, makeWorkspace, removeWorkspace, runCliAsync, runCliInProcess } from './helpers.js';

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));
const env: Record<string, string> = {};

const front = '---\ntitle: T\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: public\n---\n\n';
const clean = `${front}::::recommendation{#a title="A" uniform}\nCourts should act.[^1]\n\n:::example{jurisdiction=FR}\nX.\n:::\n::::\n\n[^1]: Support.\n`;
const warningOnly = `${front}::::recommendation{#a title="A" uniform}\nCourts should act.[^1]\n::::\n\n[^1]: Support.\n`;
const withError = `${front}::::recommendation{#a title="A" uniform}\nCourts must act.[^1]\n\n:::example{jurisdiction=FR}\nX.\n:::\n::::\n\n[^1]: Support.\n`;

function workspace(files: Record<string, string | Uint8Array>): string {
  const root = makeWorkspace(files);
  workspaces.push(root);
  return root;
}

const lint = (root: string, args: string[] = []) => runCliInProcess(['lint', ...args], { cwd: root, env });

describe('rapporteur lint (the real binary)', () => {
  it('exits 0 and prints nothing for a clean report', async () => {
    const result = await lint(workspace({ 'reports/r/report.md': clean }));
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('exits 1 on an error, printing file:line:column severity message rule-id grouped by file', async () => {
    // The binary: lint's exit status 1 is what CI and the pre-commit hook read.
    const result = await runCliAsync(['lint'], { cwd: workspace({ 'reports/r/report.md': withError }), env });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('reports/r/report.md');
    expect(lines[1]).toMatch(/^reports\/r\/report\.md:11:8 error mandatory language "must" in the principle of recommendation `a`: .* mandatory-language$/);
    expect(result.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(result.stdout).not.toContain('\u001b['); // NO_COLOR and not a TTY
  });

  it('exits 0 on warnings alone, 1 when they exceed --max-warnings (or lint.maxWarnings)', async () => {
    const root = workspace({ 'reports/r/report.md': warningOnly });
    expect((await lint(root)).code).toBe(0);
    expect((await lint(root, ['--max-warnings', '1'])).code).toBe(0);
    const over = await lint(root, ['--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('too many warnings: 1, more than --max-warnings 0');
    writeFileSync(path.join(root, 'rapporteur.config.yaml'), 'lint:\n  maxWarnings: 0\n');
    expect((await lint(root)).code).toBe(1);
    expect((await lint(root, ['--max-warnings', '5'])).code).toBe(0);
  });

  it('--format json prints the DESIGN.md schema', async () => {
    const result = await lint(workspace({ 'reports/r/report.md': withError }), ['--format', 'json']);
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(findings).toEqual([
      {
        file: 'reports/r/report.md', line: 11, column: 8, endLine: 11, endColumn: 12,
        severity: 'error', rule: 'mandatory-language', message: expect.stringContaining('mandatory language "must"'),
      },
    ]);
    expect(JSON.parse((await lint(workspace({ 'reports/r/report.md': clean }), ['--format', 'json'])).stdout)).toEqual([]);
  });

  it('--format github prints workflow annotations', async () => {
    const result = await lint(workspace({ 'reports/r/report.md': withError }), ['--format', 'github']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=reports\/r\/report\.md,line=11,col=8,endLine=11,endColumn=12,title=mandatory-language::mandatory language "must" .*\(mandatory-language\)\n$/);
  });

  it('lints only the reports named, by slug or path', async () => {
    const root = workspace({ 'reports/good/report.md': clean, 'reports/bad/report.md': withError });
    expect((await lint(root, ['good'])).code).toBe(0);
    expect((await lint(root, ['reports/bad/report.md'])).code).toBe(1);
    expect((await lint(root)).code).toBe(1);
  });

  it('exits 2 on bad usage, naming the problem', async () => {
    const root = workspace({ 'reports/r/report.md': clean });
    const format = await lint(root, ['--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of stylish, json, github, not "xml"');
    const max = await lint(root, ['--max-warnings', 'many']);
    expect(max.code).toBe(2);
    expect(max.stderr).toContain('--max-warnings must be a whole number of 0 or more, not "many"');
    const missing = await lint(root, ['nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no report named "nope"');
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('exits 2 when a report cannot be read', async () => {
    const root = workspace({ 'reports/r/report.md': new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0xc3]) });
    const result = await lint(root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reports\/r\/report\.md:1:1 error .+ unreadable-file/);
  });

  it('exits 2 on an unknown rule in the configuration, with a suggestion', async () => {
    const root = workspace({ 'reports/r/report.md': clean, 'rapporteur.config.yaml': 'lint:\n  rules:\n    mandatory-langage: off\n' });
    const result = await lint(root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rapporteur.config.yaml:1:1 error `lint.rules.mandatory-langage`: unknown lint rule `mandatory-langage`; did you mean `mandatory-language`? config');
  });

  it('a chapter that does not exist is a finding of chapter-path (exit 1), not a crash', async () => {
    const root = workspace({ 'reports/r/report.md': clean.replace('confidentiality: public\n', 'confidentiality: public\nchapters: [chapters/gone.md]\n') });
    const result = await lint(root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('reports/r/report.md:8:12 error chapter `chapters/gone.md` does not exist chapter-path');
  });

  it('gives the same findings with and without the parse cache, which lives outside the workspace', async () => {
    const root = workspace({ 'reports/r/report.md': withError });
    const cache = workspace({});
    const cached = (args: string[]) => runCliInProcess(['lint', ...args], { cwd: root, env: { ...env, RAPPORTEUR_CACHE_DIR: cache } });
    const first = (await cached(['--format', 'json'])).stdout;
    const [owner] = readdirSync(path.join(cache, 'parse'));
    expect(readdirSync(path.join(cache, 'parse', owner, 'r')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect((await cached(['--format', 'json'])).stdout).toBe(first);
    expect((await cached(['--format', 'json', '--no-cache'])).stdout).toBe(first);
    // Nothing was written in the workspace: the sources are as they were, and no dist/ (which could hold comment text).
    expect(readdirSync(root).sort()).toEqual(['reports']);
  });

  it('--no-cache writes nothing', async () => {
    const root = workspace({ 'reports/r/report.md': withError });
    const cache = workspace({});
    expect((await runCliInProcess(['lint', '--no-cache'], { cwd: root, env: { ...env, RAPPORTEUR_CACHE_DIR: cache } })).code).toBe(1);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
  });
});

describe('rapporteur hooks install', () => {
  function repo(files: Record<string, string>): string {
    const root = workspace(files);
    initRepo(root);
    commitAll(root, 'initial');
    return root;
  }

  it('installs a pre-commit hook that stops a commit touching a report with errors', async () => {
    const root = repo({ 'reports/r/report.md': clean, 'README.md': 'x\n' });
    const result = await runCliInProcess(['hooks', 'install'], { cwd: root, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('installed .git/hooks/pre-commit');
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);

    // A commit that touches no report passes without linting.
    writeFileSync(path.join(root, 'README.md'), 'y\n');
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'readme'], env);

    // A commit that introduces an error is stopped, with the finding printed.
    writeFileSync(path.join(root, 'reports/r/report.md'), withError);
    git(root, ['add', '-A']);
    const commit = spawnSync('git', ['commit', '-q', '-m', 'bad'], {
      cwd: root, encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
    });
    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('reports/r/report.md:11:8 error mandatory language "must"');
    expect(commit.stderr).toContain('commit stopped by rapporteur lint');

    // The staged text is what counts: fixing the file without staging the fix does not help...
    writeFileSync(path.join(root, 'reports/r/report.md'), clean);
    const unstagedFix = spawnSync('git', ['commit', '-q', '-m', 'bad'], {
      cwd: root, encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
    });
    expect(unstagedFix.status).not.toBe(0);
    expect(unstagedFix.stderr).toContain('mandatory language "must"');

    // ...staging it does.
    writeFileSync(path.join(root, 'reports/r/report.md'), clean.replace('should act', 'should act promptly'));
    git(root, ['add', '-A']);
    // An unstaged error is not part of the commit, so it does not stop it.
    writeFileSync(path.join(root, 'reports/r/report.md'), withError);
    git(root, ['commit', '-q', '-m', 'good'], env);
    expect(git(root, ['log', '--format=%s', '-1']).trim()).toBe('good');
  });

  it('runs the installed Rapporteur by absolute path, never a rapporteur the repository commits', async () => {
    // A collaborator commits node_modules/.bin/rapporteur: the old hook ran it on every commit.
    const planted = "#!/bin/sh\necho PLANTED-HOOK-RAN > \"$(git rev-parse --show-toplevel)/pwned.txt\"\nexit 0\n";
    const root = repo({ 'reports/r/report.md': clean, 'node_modules/.bin/rapporteur': planted });
    spawnSync('chmod', ['+x', path.join(root, 'node_modules/.bin/rapporteur')]);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'tooling'], env);
    expect((await runCliInProcess(['hooks', 'install'], { cwd: root, env })).code).toBe(0);
    const script = readFileSync(path.join(root, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(script).not.toContain('node_modules');
    expect(script).toContain(`'${process.execPath}'`);

    writeFileSync(path.join(root, 'reports/r/report.md'), withError);
    git(root, ['add', '-A']);
    const commit = spawnSync('git', ['commit', '-q', '-m', 'bad'], {
      cwd: root, encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
    });
    expect(existsSync(path.join(root, 'pwned.txt'))).toBe(false);
    // The real lint ran (and stopped the commit), not the planted script (which would let it pass).
    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('commit stopped by rapporteur lint');
  });

  it('refuses to overwrite a hook it did not install, and replaces its own', async () => {
    const root = repo({ 'reports/r/report.md': clean });
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const refused = await runCliInProcess(['hooks', 'install'], { cwd: root, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.git/hooks/pre-commit already exists and was not installed by rapporteur; it was left unchanged');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho mine\n');

    const own = repo({ 'reports/r/report.md': clean });
    expect((await runCliInProcess(['hooks', 'install'], { cwd: own, env })).code).toBe(0);
    expect((await runCliInProcess(['hooks', 'install'], { cwd: own, env })).code).toBe(0);
    expect(existsSync(path.join(own, '.git', 'hooks', 'pre-commit'))).toBe(true);
  });

  it('says so outside a git repository (exit 2)', async () => {
    const root = workspace({ 'reports/r/report.md': clean });
    const result = await runCliInProcess(['hooks', 'install'], { cwd: root, env: { ...env, GIT_CEILING_DIRECTORIES: path.dirname(root) } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not inside a git repository');
  });
});
