import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces(afterEach);

async function hasCommand(cwd: string, name: string): Promise<boolean> {
  const help = (await runCliInProcess(['--help'], { cwd })).stdout;
  return new RegExp(`^\\s+${name}\\b`, 'm').test(help);
}

describe('rapporteur new', () => {
  it('scaffolds a report that lints and builds cleanly', async () => {
    const root = workspace();
    const created = await runCliInProcess(['new', 'remedies', '--title', 'Remedies: Injunctions and Damages'], { cwd: root });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created reports/remedies/report.md');
    expect(created.stdout).toContain('rapporteur watch remedies');

    const text = readFileSync(path.join(root, 'reports/remedies/report.md'), 'utf8');
    // Valid front matter with today's date; a title with a colon is quoted for YAML.
    expect(text).toMatch(/^---\ntitle: "Remedies: Injunctions and Damages"\n/);
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(text).toContain(`date: ${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`);
    expect(text).toContain('version: 0.1.0');
    expect(text).toContain('status: draft');
    expect(text).toContain('confidentiality: working-group');
    expect(text).toContain(':::variant{system=civil-law}');
    expect(text).toContain(':::variant{system=common-law}');
    expect(text).toContain(':::example{jurisdiction=');
    expect(text).toContain(':::rationale');
    expect(text).not.toContain('{{');

    if (await hasCommand(root, 'lint')) {
      const lint = await runCliInProcess(['lint', 'remedies'], { cwd: root });
      expect(lint.stdout + lint.stderr).not.toMatch(/\berror\b/);
      expect(lint.code).toBe(0);
    }

    const build = await runCliInProcess(['build', 'remedies'], { cwd: root });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const html = readFileSync(path.join(root, 'dist/remedies/remedies.html'), 'utf8');
    expect(html).toContain('Remedies: Injunctions and Damages');
    expect(html).toContain('State the recommendation in one sentence');
    // The note on the dialect is for the author only: it is never published.
    expect(html).not.toContain('How this file works');
    const civil = await runCliInProcess(['build', 'remedies', '--edition', 'all'], { cwd: root });
    expect(civil.code).toBe(0);
    expect(existsSync(path.join(root, 'dist/remedies/remedies-common-law.html'))).toBe(true);
  });

  it('keeps built files out of git in a new workspace, and leaves an existing .gitignore alone', async () => {
    const fresh = workspace();
    const created = await runCliInProcess(['new', 'first'], { cwd: fresh });
    expect(created.code).toBe(0);
    expect(readFileSync(path.join(fresh, '.gitignore'), 'utf8')).toContain('dist/');
    expect(created.stdout).toContain('created .gitignore');

    const existing = workspace({ '.gitignore': 'node_modules/\n', 'reports/.keep': '' });
    expect((await runCliInProcess(['new', 'second'], { cwd: existing })).code).toBe(0);
    expect(readFileSync(path.join(existing, '.gitignore'), 'utf8')).toBe('node_modules/\n');
  });

  it('makes a title from the slug when none is given', async () => {
    const root = workspace();
    expect((await runCliInProcess(['new', 'access-to-evidence'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'reports/access-to-evidence/report.md'), 'utf8')).toContain('title: Access to evidence\n');
  });

  it('refuses to overwrite an existing report', async () => {
    const root = workspace({ 'reports/remedies/report.md': '---\ntitle: Mine\n---\n\nMy work.\n' });
    const again = await runCliInProcess(['new', 'remedies'], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('reports/remedies/report.md already exists');
    expect(readFileSync(path.join(root, 'reports/remedies/report.md'), 'utf8')).toContain('My work.');
  });

  it('refuses a slug that is not lower-case words joined by hyphens, and suggests one', async () => {
    const root = workspace();
    const bad = await runCliInProcess(['new', 'Access to Evidence'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Access to Evidence" is not a valid report slug');
    expect(bad.stderr).toContain('try "access-to-evidence"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect((await runCliInProcess(['new', '../escape'], { cwd: root })).code).toBe(2);
    expect(existsSync(path.join(root, 'reports'))).toBe(false);
  });

  it('uses the starter of a workspace template, and the configured template by default', async () => {
    const root = workspace({
      'templates/house/report.md': '---\ntitle: {{title}}\nversion: 0.1.0\nstatus: draft\ndate: {{date}}\n---\n\nHouse style starter for {{slug}}.\n',
      'templates/house/template.html': '<html><body>{{{body}}}</body></html>',
    });
    expect((await runCliInProcess(['new', 'one', '--template', 'house'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'reports/one/report.md'), 'utf8')).toContain('House style starter for one.');

    writeFileSync(path.join(root, 'rapporteur.config.yaml'), 'template: house\n');
    expect((await runCliInProcess(['new', 'two'], { cwd: root })).code).toBe(0);
    expect(readFileSync(path.join(root, 'reports/two/report.md'), 'utf8')).toContain('House style starter for two.');

    // A template without a starter (it only restyles the output) falls back to the default one.
    mkdirSync(path.join(root, 'templates/plain'));
    writeFileSync(path.join(root, 'templates/plain/template.html'), '<html><body>{{{body}}}</body></html>');
    const plain = await runCliInProcess(['new', 'three', '--template', 'plain'], { cwd: root });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('template "plain" has no report.md');

    const missing = await runCliInProcess(['new', 'four', '--template', 'nowhere'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('template "nowhere" not found');
  });
});
