import { realpathSync } from 'node:fs';
import path from 'node:path';
import { gitAt, repositoryRoot, type Stamp } from './index.js';

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Paths of a `git status --porcelain -z` listing (a rename's original path included). */
function changedPaths(listing: string): Set<string> {
  const result = new Set<string>();
  const entries = listing.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    result.add(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') result.add(entries[++i] ?? '');
  }
  return result;
}

/**
 * `buildStamp`, started before the report is loaded: git runs in its own processes while the
 * report is parsed, and the answer is narrowed to the report's files once they are known. Same
 * result as `buildStamp(dir, files)` for files inside `dir`.
 */
export function startStamp(dir: string): (files: string[]) => Promise<Stamp> {
  const pending = (async () => {
    const top = await repositoryRoot(dir);
    if (!top) return undefined;
    const git = gitAt(top);
    const realTop = real(top);
    const scope = path.relative(realTop, real(dir)).split(path.sep).join('/') || '.';
    const [commit, listing] = await Promise.all([
      git.revparse(['--short=10', 'HEAD']).then(
        (out) => out.trim() || undefined,
        () => undefined,
      ),
      git.raw(['status', '--porcelain', '-z', '--untracked-files=all', '--', scope]),
    ]);
    return { realTop, commit, changed: changedPaths(listing) };
  })();
  // Awaited only when the report loads; a failed load must not leave an unhandled rejection.
  pending.catch(() => {});
  return async (files) => {
    const info = await pending;
    if (!info) return { dirty: false };
    const dirty = files.some((file) => info.changed.has(path.relative(info.realTop, real(file)).split(path.sep).join('/')));
    return { commit: info.commit, dirty };
  };
}
