import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { findWorkspaceRoot, resolveReports } from '../workspace.js';
import type { ReportTarget } from '../model/load.js';
import { formatProblem, UserError } from '../util/problems.js';
import { escapeReason } from '../util/contain.js';
import { colorEnabled } from './color.js';
import { terminalSafe } from '../util/printable.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** True when colours are allowed: stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
  /** The run's environment variables (CI, RAPPORTEUR_CACHE_DIR…); process.env when left out. */
  env?: NodeJS.ProcessEnv;
}

/** What a printed text becomes on the terminal: filtered (messages quote text from sources) and ending its line. */
export function printedLine(text: string): string {
  return terminalSafe(text.endsWith('\n') ? text : `${text}\n`);
}

export function defaultIo(): Io {
  return {
    out: (text) => process.stdout.write(printedLine(text)),
    err: (text) => process.stderr.write(printedLine(text)),
    cwd: process.cwd(),
    color: colorEnabled(process.stdout),
    env: process.env,
  };
}

export async function targetsFrom(args: string[], io: Io): Promise<{ root: string; targets: ReportTarget[] }> {
  const root = findWorkspaceRoot(io.cwd);
  return { root, targets: await resolveReports(args, root, io.cwd) };
}

export function printProblems(problems: VFileMessage[], io: Io): void {
  for (const message of problems) io.err(formatProblem(message));
}

/**
 * The output folder. `--out` is the user's own choice and goes anywhere; the default `dist/` and a
 * configured `out:` come from the repository, which a collaborator controls, so they must stay in
 * the workspace with links followed (a committed `dist` link to `~` would otherwise write there).
 */
export function resolveOut(out: string | undefined, root: string, cwd: string, configured?: string): string {
  if (out) return path.resolve(cwd, out);
  const dir = path.resolve(root, configured ?? 'dist');
  const escape = escapeReason(root, dir, 'the workspace');
  if (escape) {
    const shown = path.relative(cwd, dir) || dir;
    const why = configured && configured !== 'dist' ? `\`out: ${configured}\` in the configuration names ${shown}, which ${escape}` : `the output folder ${shown} ${escape}`;
    throw new UserError(`${why}; outputs are written only inside the workspace unless you name a folder with --out`);
  }
  return dir;
}

export function splitList(value: string | undefined, fallback: string[]): string[] {
  if (!value) return fallback;
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
