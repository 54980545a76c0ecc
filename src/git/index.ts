import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../util/problems.js';

/**
 * The one place that talks to git. Everything user-given that reaches git goes through
 * `assertRevision`, so a revision can never be read as an option.
 */
export function gitAt(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, binary: 'git', maxConcurrentProcesses: 4, trimmed: false });
}

export async function repositoryRoot(dir: string): Promise<string | undefined> {
  try {
    const top = await gitAt(dir).revparse(['--show-toplevel']);
    return top.trim() || undefined;
  } catch {
    return undefined;
  }
}

export function assertRevision(rev: string, flag = 'revision'): string {
  if (rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev) || rev.includes('..')) {
    throw new UserError(`${flag} "${rev}" is not a git revision (a tag, branch or commit such as v0.2.0)`);
  }
  return rev;
}

export interface Stamp {
  /** Short commit hash of HEAD, or undefined outside git or before the first commit. */
  commit?: string;
  /** True when any of the given files differs from HEAD (modified, staged or untracked). */
  dirty: boolean;
}

/** The commit a build is made from, and whether the report's files have uncommitted changes. */
export async function buildStamp(dir: string, files: string[]): Promise<Stamp> {
  const top = await repositoryRoot(dir);
  if (!top) return { dirty: false };
  const git = gitAt(top);
  let commit: string | undefined;
  try {
    commit = (await git.revparse(['--short=10', 'HEAD'])).trim();
  } catch {
    commit = undefined;
  }
  const relative = files.map((f) => path.relative(top, f));
  const status = await git.raw(['status', '--porcelain', '--untracked-files=all', '--', ...relative]);
  return { commit, dirty: status.trim() !== '' };
}
