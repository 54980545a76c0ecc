/**
 * The bad-input corpus: every folder under test/bad-inputs/ is one case, run through the real
 * binary in a fresh temporary workspace. See test/bad-inputs/README.md for the case format.
 *
 * For every case: the exit code is the expected one, stderr carries the expected fragments
 * (file:line where one exists), no stack trace and no "internal error" ever, and no file outside
 * the output folder is created, changed or removed (the workspace, its parent and files planted
 * outside it are snapshotted before and compared after; .git/ is left out because git itself
 * refreshes its index).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../src/cli/main.js';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, git, repoRoot, type CliResult } from './helpers.js';

interface Generated {
  /** Text written `repeat` times between `prefix` and `suffix`. */
  text?: string;
  repeat?: number;
  prefix?: string;
  suffix?: string;
  /** Raw bytes instead of text. */
  base64?: string;
  crlf?: boolean;
  bom?: boolean;
}

interface Case {
  description: string;
  args: string[];
  exitCode: number;
  stderrIncludes?: string[];
  stdoutIncludes?: string[];
  stderrExcludes?: string[];
  /** Fragments of stdout and stderr together (lint prints its findings on stdout). */
  anyIncludes?: string[];
  /** Fragments that neither stdout nor stderr may contain (raw terminal escapes, leaked text). */
  anyExcludes?: string[];
  /** The command whose presence activates the case (default: the first argument). */
  requires?: string;
  /** Files (relative to the output folder) that must exist afterwards, or must not. */
  outputs?: string[];
  noOutputs?: string[];
  /** Strings that must not appear in any file of the output folder or the parse cache (leaked secrets). */
  outputExcludes?: string[];
  /** Leave the parse cache out of that check (it holds the sources' own text, comments included). */
  outputExcludesSkipCache?: boolean;
  /** How the workspace is put under git: a commit (default), tags v0.1.0/v0.2.0, a shallow clone, or none. */
  git?: 'commit' | 'tags' | 'shallow' | 'none';
  /** Files written at run time (too big, binary or byte-exact for the corpus folder). */
  generate?: Record<string, Generated>;
  /** Symbolic links: link path in the workspace → target (relative, or `@outside/...`). */
  symlinks?: Record<string, string>;
  /** Files next to the workspace, which no command may read or touch. */
  outside?: Record<string, string>;
  /** Output folder relative to the workspace (default dist). */
  out?: string;
}

const corpus = path.join(repoRoot, 'test', 'bad-inputs');
const cases = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(corpus, entry.name, 'expected.json')))
  .map((entry) => entry.name)
  .sort();

const registered = new Map<string, boolean>();
/** Whether the command line has `command` (a case for a missing command fails). */
async function isRegistered(command: string): Promise<boolean> {
  if (command.startsWith('-')) return true;
  if (!registered.has(command)) {
    const result = await runInProcess([command, '--help'], os.tmpdir(), os.tmpdir());
    registered.set(command, result.code === 0 && result.stdout.includes(`Usage: rapporteur ${command}`));
  }
  return registered.get(command)!;
}

function generatedBytes(spec: Generated): Buffer {
  if (spec.base64 !== undefined) return Buffer.from(spec.base64, 'base64');
  let text = `${spec.prefix ?? ''}${(spec.text ?? '').repeat(spec.repeat ?? 1)}${spec.suffix ?? ''}`;
  if (spec.crlf) text = text.replace(/\r?\n/g, '\r\n');
  const bytes = Buffer.from(text, 'utf8');
  return spec.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

type Snapshot = Map<string, string>;

/** Every file and link under `dir` with a hash of its content, leaving out `skip` folders. */
function snapshot(dir: string, skip: string[]): Snapshot {
  const result: Snapshot = new Map();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const abs = path.join(current, name);
      if (skip.includes(abs)) continue;
      const stat = lstatSync(abs);
      const rel = path.relative(dir, abs);
      if (stat.isSymbolicLink()) result.set(rel, `link:${readlinkSync(abs)}`);
      else if (stat.isDirectory()) {
        result.set(`${rel}/`, 'dir');
        walk(abs);
      } else result.set(rel, createHash('sha256').update(readFileSync(abs)).digest('hex'));
    }
  };
  walk(dir);
  return result;
}

function changes(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [file, hash] of after) if (before.get(file) !== hash) found.push(before.has(file) ? `changed ${file}` : `created ${file}`);
  for (const file of before.keys()) if (!after.has(file)) found.push(`removed ${file}`);
  return found;
}

/**
 * The real binary, run without blocking the test worker (a blocked worker cannot report to
 * vitest, and some cases take seconds).
 */
/**
 * Most cases run in this process through `run(argv, io)` (the same code the binary runs, minus a
 * Node start-up per case); a smoke set per command goes through the real binary, which is what
 * proves exit codes and the absence of stack traces end to end.
 */
async function runInProcess(args: string[], cwd: string, cacheDir: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const line = (sink: string[]) => (text: string) => sink.push(text.endsWith('\n') ? text : `${text}\n`);
  // The run's working folder and environment go in its io: nothing process-wide is changed.
  const env = { ...process.env, NO_COLOR: '1', CI: '', RAPPORTEUR_CACHE_DIR: cacheDir };
  const code = await run(args, { out: line(out), err: line(err), cwd, color: false, env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function runCliAsync(args: string[], cwd: string, cacheDir: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', CI: '', RAPPORTEUR_CACHE_DIR: cacheDir };
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function prepare(name: string, spec: Case): { parent: string; workspace: string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), `rapporteur-bad-${name}-`));
  temps.push(parent);
  const source = path.join(corpus, name, 'files');
  const build = path.join(parent, spec.git === 'shallow' ? 'origin' : 'workspace');
  mkdirSync(build, { recursive: true });
  if (existsSync(source)) cpSync(source, build, { recursive: true });
  for (const [file, content] of Object.entries(spec.outside ?? {})) {
    const abs = path.join(parent, 'outside', file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  for (const [file, gen] of Object.entries(spec.generate ?? {})) {
    const abs = path.join(build, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, generatedBytes(gen));
  }
  for (const [link, target] of Object.entries(spec.symlinks ?? {})) {
    const abs = path.join(build, link);
    mkdirSync(path.dirname(abs), { recursive: true });
    const resolved = target.startsWith('@outside/') ? path.join(parent, 'outside', target.slice('@outside/'.length)) : target;
    symlinkSync(resolved, abs);
  }
  const mode = spec.git ?? 'commit';
  if (mode !== 'none') {
    git(build, ['init', '-q', '-b', 'main']);
    git(build, ['add', '-A']);
    git(build, ['commit', '-q', '--allow-empty', '-m', 'first draft']);
    if (mode === 'tags' || mode === 'shallow') {
      git(build, ['tag', 'v0.1.0']);
      writeFileSync(path.join(build, 'NOTES.txt'), 'second draft\n');
      git(build, ['add', '-A']);
      git(build, ['commit', '-q', '-m', 'second draft']);
      git(build, ['tag', 'v0.2.0']);
    }
  }
  if (mode === 'shallow') {
    git(parent, ['clone', '-q', '--depth', '1', `file://${build}`, 'workspace']);
    rmSync(build, { recursive: true, force: true });
  }
  return { parent, workspace: path.join(parent, 'workspace') };
}

describe('bad-input corpus (the real binary)', { timeout: 180_000 }, () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  // The real binary for the first case of each command (and the command-line cases); the rest in process.
  const smoke = new Set<string>();
  const seenCommands = new Set<string>();
  for (const name of cases) {
    const args = (JSON.parse(readFileSync(path.join(corpus, name, 'expected.json'), 'utf8')) as Case).args;
    const first = args[0] ?? '';
    if (!seenCommands.has(first) || first.startsWith('-') || name.startsWith('unknown-command')) smoke.add(name);
    seenCommands.add(first);
  }

  for (const name of cases) {
    const spec = JSON.parse(readFileSync(path.join(corpus, name, 'expected.json'), 'utf8')) as Case;
    const command = spec.requires ?? spec.args.find((arg) => !arg.startsWith('-')) ?? '';
    it(`${name}: ${spec.description}`, async () => {
      // A case for a command the binary does not have fails: it is never skipped.
      expect(await isRegistered(command), `rapporteur ${command} is a command`).toBe(true);
      const { parent, workspace } = prepare(name, spec);
      const out = path.join(workspace, spec.out ?? 'dist');
      // The parse cache of this case: beside the workspace, so that it can be searched for leaks too.
      const cache = path.join(parent, 'parse-cache');
      const skip = [path.join(workspace, '.git'), out, cache];
      const before = snapshot(parent, skip);
      const viaBinary = smoke.has(name);
      const result = await (viaBinary ? runCliAsync : runInProcess)(spec.args, workspace, cache);
      const shown = `exit ${result.code}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout.slice(0, 2000)}`;

      expect(result.code, shown).toBe(spec.exitCode);
      expect(result.stderr, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(result.stderr + result.stdout, 'no internal error').not.toContain('internal error');
      for (const fragment of spec.stderrIncludes ?? []) expect(result.stderr, shown).toContain(fragment);
      for (const fragment of spec.stderrExcludes ?? []) expect(result.stderr, shown).not.toContain(fragment);
      for (const fragment of spec.stdoutIncludes ?? []) expect(result.stdout, shown).toContain(fragment);
      for (const fragment of spec.anyIncludes ?? []) expect(result.stdout + result.stderr, shown).toContain(fragment);
      for (const fragment of spec.anyExcludes ?? []) expect(result.stdout + result.stderr, shown).not.toContain(fragment);
      expect(changes(before, snapshot(parent, skip)), 'nothing outside the output folder is touched').toEqual([]);
      for (const file of spec.outputs ?? []) expect(existsSync(path.join(out, file)), `${file} written`).toBe(true);
      for (const file of spec.noOutputs ?? []) expect(existsSync(path.join(out, file)), `${file} not written`).toBe(false);
      const searched = [out, ...(spec.outputExcludesSkipCache ? [] : [cache])].filter((dir) => existsSync(dir));
      for (const dir of spec.outputExcludes?.length ? searched : []) {
        const written = [...snapshot(dir, []).entries()].filter(([, hash]) => hash !== 'dir' && !hash.startsWith('link:')).map(([f]) => f);
        for (const file of written) {
          const text = readFileSync(path.join(dir, file), 'latin1');
          for (const secret of spec.outputExcludes!) expect(text, `${path.relative(parent, path.join(dir, file))} must not contain ${secret}`).not.toContain(secret);
        }
      }
    });
  }
});
