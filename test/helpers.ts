import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(repoRoot, 'bin', 'rapporteur');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real compiled binary (npm test compiles first). */
/** Tests keep the parse cache out of the user's home: one folder for the whole run. */
const testCache = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-cache-'));

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '', RAPPORTEUR_CACHE_DIR: testCache, ...options.env },
    input: options.input,
    timeout: 180_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary workspace with the given files (paths relative to its root). */
export function makeWorkspace(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-test-'));
  for (const [file, content] of Object.entries(files)) {
    const abs = path.join(root, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * A test file's workspace maker: each call makes a temporary workspace (as makeWorkspace), and
 * all of them are removed after the file's tests (or after each test, with `afterEach`).
 */
export function tempWorkspaces(cleanup: (fn: () => void) => void = afterAll): (files?: Record<string, string | Uint8Array>) => string {
  const roots: string[] = [];
  cleanup(() => {
    for (const root of roots.splice(0)) removeWorkspace(root);
  });
  return (files = {}) => {
    const root = makeWorkspace(files);
    roots.push(root);
    return root;
  };
}

/** Runs git in `cwd` with a fixed identity and no user config, failing loudly. */
export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.org',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@example.org',
      ...env,
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function initRepo(root: string): void {
  git(root, ['init', '-q', '-b', 'main']);
}

export function commitAll(root: string, message: string, env: Record<string, string> = {}): void {
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', message], env);
}

/** A minimal valid report body with the given front matter overrides. */
export function reportSource(body: string, front: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    title: 'Test Report',
    dialogue: 'Trade Secrets Best Practices Dialogue',
    version: '0.1.0',
    status: 'draft',
    date: '2026-11-21',
    ...front,
  };
  const yaml = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n');
  return `---\n${yaml}\n---\n\n${body}`;
}
