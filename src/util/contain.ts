import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The one containment rule for every file Rapporteur reads or writes: the path, with every
 * symbolic link on the way followed, must lie inside `root` (itself taken with its links
 * followed). A path that does not exist yet (an output) is judged by its nearest existing folder,
 * which is where a write through a linked folder would land.
 */
export function realPathOf(abs: string): string {
  let existing = path.resolve(abs);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A link loop or a link to nowhere: judged by where the link itself sits (not followed).
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(existing);
      if (parent === existing) return path.join(existing, ...rest);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** True when `abs`, links followed, stays inside `root`, links followed. */
export function isContained(root: string, abs: string): boolean {
  try {
    return inside(realPathOf(root), realPathOf(abs));
  } catch {
    // A path whose links cannot be followed (a loop) cannot be shown to be inside.
    return false;
  }
}
