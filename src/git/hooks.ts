import path from 'node:path';
import { gitAt, repositoryRoot } from './index.js';

/** The folder git runs hooks from (honours core.hooksPath and worktrees), or undefined outside git. */
export async function hooksDirectory(dir: string): Promise<string | undefined> {
  if (!(await repositoryRoot(dir))) return undefined;
  const out = await gitAt(dir).raw(['rev-parse', '--git-path', 'hooks']);
  return path.resolve(dir, out.trim());
}

/** Absolute paths of the files staged for the next commit (added, changed, renamed or deleted). */
export async function stagedFiles(dir: string): Promise<string[]> {
  const top = await repositoryRoot(dir);
  if (!top) return [];
  const out = await gitAt(top).raw(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMRD']);
  return out.split('\0').filter(Boolean).map((file) => path.resolve(top, file));
}
