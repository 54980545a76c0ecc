import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { printedLine } from '../src/cli/shared.js';
import { colorEnabled } from '../src/cli/color.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = path.join(repoRoot, 'bin', 'rapporteur');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Tests keep the parse cache out of the user's home: one folder for the whole run. */
const testCache = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-cache-'));

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/** The environment every CLI run in the tests gets: no colours, not CI, the tests' parse cache. */
function cliEnv(env: CliOptions['env']): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', CI: '', RAPPORTEUR_CACHE_DIR: testCache, ...env };
}

/**
 * Runs the command line in-process through `run(argv, io)`: the same commands, the same exit
 * codes and the same printed text as the binary (io.cwd and io.env are the run's), without a
 * Node start per call. Use the binary (runCliAsync) only for what a process adds: its exit
 * status, stack traces reaching stderr, signals, TTY colours, stdin.
 */
export async function runCliInProcess(args: string[], options: CliOptions): Promise<CliResult> {
  if (options.input !== undefined) throw new Error('runCliInProcess has no stdin: use runCliAsync for input');
  // Imported on first use: the whole command line is a large module graph that files which
  // never run a command should not pay for.
  const { run } = await import('../src/cli/main.js');
  const env = cliEnv(options.env);
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    out: (text) => void (stdout += printedLine(text)),
    err: (text) => void (stderr += printedLine(text)),
    cwd: options.cwd,
    color: colorEnabled({ isTTY: false }, env),
    env,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real compiled binary (npm test compiles first) without blocking the test worker:
 * a synchronous spawn freezes the worker's RPC with vitest, which under load ends the run with
 * `Timeout calling "onTaskUpdate"`.
 */
export function runCliAsync(args: string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: cliEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs the real compiled binary synchronously. Kept for existing callers; prefer
 * runCliInProcess (behaviour) or runCliAsync (process-level checks), which never block the worker.
 */
export function runCli(args: string[], options: CliOptions): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: cliEnv(options.env),
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

/** A recommendation in the dialect: its principle, both systems' variants, then `extra` blocks (an example, comments). */
export function recommendationSource(id: string, title: string, principle: string, civil: string, common: string, extra = ''): string {
  return `::::recommendation{#${id} title="${title}"}\n${principle}\n\n:::variant{system=civil-law}\n${civil}\n:::\n\n:::variant{system=common-law}\n${common}\n:::\n${extra}\n::::\n`;
}
