import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, reportSource, runCliAsync, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces(afterEach);

/** Command names as `rapporteur --help` lists them (commander's own list, so it is always current). */
function commandsOf(help: string): string[] {
  const section = help.split(/^Commands:\s*$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]).filter((name) => name !== 'help');
}

/** Runs the binary on a real pseudo-terminal (util-linux `script`), as a user's shell would. */
function onTerminal(args: string[], cwd: string, env: Record<string, string | undefined>): string {
  const command = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qefc', command, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env },
  });
  if (result.error || result.status !== 0) throw new Error(`script -qefc ${command}: ${result.error?.message ?? result.stderr}`);
  return result.stdout;
}

const ESC = '\u001b[';

describe('command-line conventions', () => {
  it('prints the version', async () => {
    const root = workspace();
    // The binary: a smoke run of the installed entry point.
    const result = await runCliAsync(['--version'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives every command a --help with examples', async () => {
    const root = workspace();
    const commands = commandsOf((await runCliInProcess(['--help'], { cwd: root })).stdout);
    expect(commands).toEqual(expect.arrayContaining(['new', 'build', 'watch', 'config', 'completion']));
    for (const command of commands) {
      const help = await runCliInProcess([command, '--help'], { cwd: root });
      expect(help.code, command).toBe(0);
      expect(help.stdout, `${command} --help`).toMatch(/Examples?:/);
    }
  });

  it('uses colours on a terminal, and never with NO_COLOR or in a pipe', async () => {
    const root = workspace();
    // util-linux `script` gives a real terminal; a machine without it fails here rather than skip.
    expect(onTerminal(['new', 'coloured'], root, {})).toContain(ESC);
    const plain = onTerminal(['new', 'plain'], root, { NO_COLOR: '1' });
    expect(plain).toContain('created');
    expect(plain).not.toContain(ESC);
    // A pipe is not a terminal: no colours even without NO_COLOR.
    const piped = await runCliInProcess(['new', 'piped'], { cwd: root, env: { NO_COLOR: undefined } });
    expect(piped.stdout).toContain('created');
    expect(piped.stdout).not.toContain(ESC);
    // NO_COLOR wins over FORCE_COLOR.
    expect((await runCliInProcess(['new', 'forced'], { cwd: root, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await runCliInProcess(['new', 'both'], { cwd: root, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
  });

  it('is silent with --quiet', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource('# Introduction\n\nText.\n') });
    const created = await runCliInProcess(['new', 'quiet-one', '--quiet'], { cwd: root });
    expect(created.code).toBe(0);
    expect(created.stdout).toBe('');
    const built = await runCliInProcess(['build', 'demo', '--quiet'], { cwd: root });
    expect(built.code).toBe(0);
    expect(built.stdout).toBe('');
  });

  it('exits 2 with a one-line message for an unknown command or option', async () => {
    const root = workspace();
    const unknown = await runCliAsync(['biuld'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(Did you mean build?)");
    expect((await runCliInProcess(['new', 'x', '--colour'], { cwd: root })).code).toBe(2);
  });
});

describe('rapporteur completion', () => {
  it('completes every command, for bash and zsh', async () => {
    const root = workspace();
    const commands = commandsOf((await runCliInProcess(['--help'], { cwd: root })).stdout);
    for (const shell of ['bash', 'zsh']) {
      const script = await runCliInProcess(['completion', shell], { cwd: root });
      expect(script.code).toBe(0);
      for (const command of commands) expect(script.stdout, `${shell}: ${command}`).toContain(command);
    }
    const zsh = (await runCliInProcess(['completion', 'zsh'], { cwd: root })).stdout;
    expect(zsh.startsWith('#compdef rapporteur')).toBe(true);
    for (const command of commands) expect(zsh).toContain(`_rapporteur_${command.replace(/-/g, '_')}()`);
    // Both scripts are valid shell (zsh is checked where it is installed).
    const file = path.join(root, 'completion');
    writeFileSync(file, (await runCliInProcess(['completion', 'bash'], { cwd: root })).stdout);
    expect(spawnSync('bash', ['-n', file], { encoding: 'utf8' }).status).toBe(0);
    if (spawnSync('zsh', ['--version']).status === 0) {
      writeFileSync(file, zsh);
      const checked = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    }
  });

  it('is a bash script that completes commands, options, option values and report names', async () => {
    const root = workspace({ 'reports/access-to-evidence/report.md': reportSource('Text.\n') });
    const script = path.join(root, 'completion.bash');
    writeFileSync(script, (await runCliInProcess(['completion', 'bash'], { cwd: root })).stdout);
    const complete = (line: string) => {
      const words = line.split(' ');
      const program = `source ${JSON.stringify(script)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${
        words.length - 1
      }; _rapporteur; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: root, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      return result.stdout.split('\n').filter(Boolean);
    };
    expect(complete('rapporteur bu')).toEqual(['build']);
    expect(complete('rapporteur build --fo')).toEqual(['--format']);
    expect(complete('rapporteur watch acc')).toEqual(['access-to-evidence']);
    expect(complete('rapporteur completion ')).toEqual(['bash', 'zsh']);
    expect(complete('rapporteur build --out ')).toEqual(['reports']); // folders only
    expect(complete('rapporteur new ')).toEqual([]); // a new slug is the user's to type
    expect(complete('rapporteur ')).toEqual(expect.arrayContaining(['new', 'build', 'watch', 'config', 'completion']));
  });

  it('refuses a shell it does not know', async () => {
    const root = workspace();
    const result = await runCliInProcess(['completion', 'fish'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh');
  });
});
