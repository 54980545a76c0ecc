import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { SourceReader } from '../model/reader.js';
import { gitAt, repositoryRoot } from './index.js';

/**
 * Reads files as they are staged in git's index (what the next commit will contain), so the
 * pre-commit hook lints exactly what is committed, not unstaged edits. A file that is not in
 * the index does not exist for this reader.
 */
export async function indexReader(dir: string): Promise<SourceReader | undefined> {
  const top = await repositoryRoot(dir);
  if (!top) return undefined;
  const git = gitAt(top);
  const realTop = realpathSync(top);
  const relative = (abs: string): string | undefined => {
    for (const candidate of [abs, safeRealpath(abs)]) {
      if (!candidate) continue;
      for (const base of [top, realTop]) {
        const rel = path.relative(base, candidate);
        if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
      }
    }
    return undefined;
  };
  return {
    label: 'staged',
    async read(abs) {
      const rel = relative(abs);
      if (!rel) return undefined;
      try {
        return await git.binaryCatFile(['blob', `:${rel}`]);
      } catch {
        return undefined;
      }
    },
  };
}

function safeRealpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return undefined;
    }
  }
}
