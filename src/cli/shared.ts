import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { findWorkspaceRoot, resolveReports } from '../workspace.js';
import type { ReportTarget } from '../model/load.js';
import { formatProblem } from '../util/problems.js';
import { colorEnabled } from './color.js';
import { terminalSafe } from '../util/printable.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  /** True when colours are allowed: stdout is a TTY and NO_COLOR is unset. */
  color: boolean;
}

export function defaultIo(): Io {
  return {
    // Every line printed passes the terminal filter: messages quote text from sources.
    out: (text) => process.stdout.write(terminalSafe(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => process.stderr.write(terminalSafe(text.endsWith('\n') ? text : `${text}\n`)),
    cwd: process.cwd(),
    color: colorEnabled(process.stdout),
  };
}

export async function targetsFrom(args: string[], io: Io): Promise<{ root: string; targets: ReportTarget[] }> {
  const root = findWorkspaceRoot(io.cwd);
  return { root, targets: await resolveReports(args, root, io.cwd) };
}

export function printProblems(problems: VFileMessage[], io: Io): void {
  for (const message of problems) io.err(formatProblem(message));
}

export function resolveOut(out: string | undefined, root: string, cwd: string): string {
  return out ? path.resolve(cwd, out) : path.join(root, 'dist');
}

export function splitList(value: string | undefined, fallback: string[]): string[] {
  if (!value) return fallback;
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}
