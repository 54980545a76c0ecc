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

/** Where `abs` lands, links followed, relative to `root`: a loop of links cannot be shown inside. */
export function containment(root: string, abs: string): 'inside' | 'outside' | 'loop' {
  try {
    return inside(realPathOf(root), realPathOf(abs)) ? 'inside' : 'outside';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return 'loop';
    return 'outside';
  }
}

/** True when `abs`, links followed, stays inside `root`, links followed. */
export function isContained(root: string, abs: string): boolean {
  return containment(root, abs) === 'inside';
}

/** Why a path is refused, for messages: "goes round a loop…" or "leads outside <root>". */
export function escapeReason(root: string, abs: string, rootName: string): string | undefined {
  const where = containment(root, abs);
  if (where === 'inside') return undefined;
  return where === 'loop' ? 'goes round a loop of symbolic links' : `is a symbolic link that leads outside ${rootName}`;
}
