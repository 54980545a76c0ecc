import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, removeWorkspace, repoRoot, reportSource } from './helpers.js';

/**
 * Every command pays for what the command line imports when it starts: the packages only one
 * stage needs (the browser, PDF reading, Word files, git, translation files) are loaded by that
 * stage. Observed, not timed: the compiled CLI (lib/, not the bundle, so each package is a module
 * of its own) runs in a child Node with a module hook that records every module it loads.
 */

/** Packages of one stage each: the browser, reading PDFs, writing Word files, the site's feed, comment registers' git blame… */
const HEAVY = ['puppeteer-core', 'pdf-lib', 'pdfjs-dist', 'docx', 'simple-git', 'gettext-parser', 'citeproc', 'feed'];
/** …of which a build needs these three: git for the build stamp, citeproc for "How to cite this report", the translation check. */
const BUILD = ['simple-git', 'citeproc', 'gettext-parser'];

const root = makeWorkspace({ 'reports/r/report.md': reportSource('# Scope\n\nCourts order the preservation of evidence.\n') });
afterAll(() => removeWorkspace(root));

/** The packages (node_modules/<name>) the compiled CLI loaded while running `args`. */
async function packagesLoaded(args: string[]): Promise<{ code: number; packages: string[]; stderr: string }> {
  const log = path.join(root, `loaded-${args.join('-').replace(/[^a-z0-9-]/gi, '')}.txt`);
  writeFileSync(log, '');
  const hooks = `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}`)}`;
  // CommonJS packages a module imports are loaded by require inside them: read from the cache at exit.
  const script = `
import { register, createRequire } from 'node:module';
register(${JSON.stringify(hooks)});
const { run } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'lib/cli/main.js')).href)});
const code = await run(${JSON.stringify(args)}, { out: () => {}, err: (t) => process.stderr.write(t + '\\n'), cwd: ${JSON.stringify(root)}, color: false });
const { appendFileSync } = await import('node:fs');
appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n');
process.exitCode = code;`;
  // Asynchronous: a test worker blocked in spawnSync under load misses vitest's own calls.
  const result = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } }).then(
    ({ stderr }) => ({ status: 0, stderr }),
    (error: { code?: number; stderr?: string }) => ({ status: typeof error.code === 'number' ? error.code : -1, stderr: error.stderr ?? String(error) }),
  );
  const packages = new Set<string>();
  // A package's package.json read for its version (`--version` credits citeproc) is not the package loaded.
  for (const line of readFileSync(log, 'utf8').split('\n').filter((l) => !l.endsWith('package.json'))) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(line);
    if (match) packages.add(match[1].replace('\\', '/'));
  }
  return { code: result.status, packages: [...packages].sort(), stderr: result.stderr };
}

describe('the packages a command loads', () => {
  it('--version loads none of the stages’ packages', async () => {
    const { code, packages, stderr } = await packagesLoaded(['--version']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(packages).toContain('commander');
    expect(packages.filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('an HTML build loads neither the browser, PDF nor Word packages', async () => {
    const { code, packages, stderr } = await packagesLoaded(['build', 'r', '--format', 'html', '--quiet', '--no-cache']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(packages).toContain('micromark');
    expect(packages.filter((name) => HEAVY.includes(name) && !BUILD.includes(name))).toEqual([]);
  });

  it('a DOCX build loads the docx package, and not the browser or PDF packages', async () => {
    const { code, packages, stderr } = await packagesLoaded(['build', 'r', '--format', 'docx', '--quiet', '--no-cache']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(packages).toContain('docx');
    expect(packages.filter((name) => HEAVY.includes(name) && !BUILD.includes(name) && name !== 'docx')).toEqual([]);
  });
});
