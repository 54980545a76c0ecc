import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { SourceReader } from '../model/reader.js';
import { toPosix } from '../model/reader.js';
import { UserError } from '../util/problems.js';
import { assertRevision, gitAt, repositoryRoot } from './index.js';

/**
 * Reading a report as it was at a git revision. Every revision given by a user passes
 * `assertRevision` and reaches git only as `REV^{commit}` or `REV:path`, arguments that start
 * with the revision itself and so can never be read as an option.
 */

/**
 * A path relative to the repository's top folder, seeing through symbolic links on either side
 * (git reports the real top; a user may stand in a linked folder). Undefined outside the repository.
 */
export function repoRelative(top: string, absPath: string): string | undefined {
  const real = (p: string): string | undefined => {
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const dirReal = real(path.dirname(absPath));
  const candidates = [absPath, dirReal ? path.join(dirReal, path.basename(absPath)) : undefined];
  for (const base of [top, real(top)]) {
    if (!base) continue;
    for (const candidate of candidates) {
      if (!candidate) continue;
      const relative = path.relative(base, candidate);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return toPosix(relative);
    }
  }
  return undefined;
}

export interface Revision {
  /** As the user wrote it (or the tag found), e.g. "v0.2.0". */
  name: string;
  /** Full commit hash. */
  commit: string;
  /** Committer date, YYYY-MM-DD. */
  date: string;
  /** Absolute path of the repository's top folder. */
  top: string;
}

export async function requireRepository(dir: string): Promise<string> {
  const top = await repositoryRoot(dir);
  if (!top) throw new UserError(`${dir} is not inside a git repository; rapporteur diff compares git revisions`);
  return top;
}

/** Resolves a user-given revision to a commit, or says clearly why not (exit 2). */
export async function resolveRevision(top: string, rev: string, flag: string): Promise<Revision> {
  assertRevision(rev, flag);
  const git = gitAt(top);
  let answer = '';
  try {
    // `REV^{commit}` starts with the checked revision, and `--` ends the revisions: never an option or a path.
    answer = (await git.raw(['log', '-1', '--no-walk', '--format=%H %cs', `${rev}^{commit}`, '--'])).trim();
  } catch {
    answer = '';
  }
  const [commit = '', date = ''] = answer.split(' ');
  if (!/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new UserError(`${flag} ${rev}: no such revision in this repository (see \`rapporteur versions\` or \`git tag\`)`);
  }
  return { name: rev, commit, date, top };
}

/**
 * A SourceReader over git objects at one commit, so chapter files are read as they were too.
 * The first read lists the report folder once (`git ls-tree -l`, which gives each blob's size)
 * and fetches every Markdown file in it with one `git show BLOB…` (blobs come back to back, cut
 * by those sizes): a 40-chapter report costs two git processes, not 80.
 */
export function gitReader(revision: Revision, folder?: string): SourceReader {
  const git = gitAt(revision.top);
  let prefetched: Promise<Map<string, Buffer>> | undefined;
  const prefetch = async (relativeFolder: string): Promise<Map<string, Buffer>> => {
    const listing = await git.raw(['ls-tree', '-r', '-l', '-z', revision.commit, '--', `${relativeFolder}/`]);
    const blobs: Array<{ sha: string; size: number; path: string }> = [];
    for (const entry of listing.split('\0')) {
      const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(entry);
      if (match && /\.(md|markdown)$/i.test(match[3])) blobs.push({ sha: match[1], size: Number(match[2]), path: match[3] });
    }
    const result = new Map<string, Buffer>();
    for (let start = 0; start < blobs.length; start += 200) {
      const batch = blobs.slice(start, start + 200);
      // Object ids only (hexadecimal): nothing here can be read as an option.
      const data = await git.showBuffer(batch.map((b) => b.sha));
      let offset = 0;
      for (const blob of batch) {
        result.set(blob.path, data.subarray(offset, offset + blob.size));
        offset += blob.size;
      }
      if (offset !== data.length) throw new Error('unexpected output from git show');
    }
    return result;
  };
  return {
    label: revision.name,
    async read(absPath) {
      const relative = repoRelative(revision.top, absPath);
      if (relative === undefined || relative === '') return undefined;
      prefetched ??= prefetch(folder ?? path.posix.dirname(relative)).catch(() => new Map());
      const hit = (await prefetched).get(relative);
      if (hit) return hit;
      try {
        // The object name starts with a full commit hash: never an option.
        const type = (await git.raw(['cat-file', '-t', `${revision.commit}:${relative}`])).trim();
        if (type !== 'blob') return undefined;
        return await git.showBuffer([`${revision.commit}:${relative}`]);
      } catch {
        return undefined;
      }
    },
  };
}

export interface TagInfo {
  name: string;
  commit: string;
  /** Date of the tag (annotated) or of its commit, YYYY-MM-DD. */
  date: string;
}

/**
 * Tags that touch a report: `<slug>/…` tags, and plain tags (no `/`) at which the report exists.
 * Newest first (by tag or commit date).
 */
export async function tagsTouchingReport(top: string, reportFile: string, slug: string): Promise<TagInfo[]> {
  const git = gitAt(top);
  const listing = await git.raw([
    'for-each-ref', '--sort=-v:refname', '--sort=-creatordate', '--format=%(refname:short)%09%(creatordate:short)%09%(*objectname)%09%(objectname)', 'refs/tags',
  ]);
  const relative = repoRelative(top, reportFile) ?? toPosix(path.relative(top, reportFile));
  const result: TagInfo[] = [];
  for (const line of listing.split('\n')) {
    if (!line.trim()) continue;
    const [name, date, peeled, object] = line.split('\t');
    const owned = name.startsWith(`${slug}/`);
    if (name.includes('/') && !owned) continue;
    const commit = peeled || object;
    if (!(await existsAt(git, commit, relative))) continue;
    result.push({ name, commit, date });
  }
  return result;
}

async function existsAt(git: ReturnType<typeof gitAt>, commit: string, relative: string): Promise<boolean> {
  try {
    return (await git.raw(['cat-file', '-t', `${commit}:${relative}`])).trim() === 'blob';
  } catch {
    return false;
  }
}

/** The default `--from`: the newest tag that touches the report. */
export async function defaultFromRevision(top: string, reportFile: string, slug: string): Promise<Revision> {
  const tags = await tagsTouchingReport(top, reportFile, slug);
  const newest = tags[0];
  if (!newest) {
    throw new UserError(
      `no tag touches ${repoRelative(top, reportFile) ?? reportFile}; tag a circulated draft (git tag v0.2.0 or ${slug}/v0.2.0) or pass --from REV`,
    );
  }
  return resolveRevision(top, newest.name, '--from');
}

/** A revision name made safe for a file name: `acme/v0.2.0` → `acme-v0.2.0`, `HEAD~1` → `HEAD-1`. */
export function revisionFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/\.{2,}/g, '.');
  return cleaned || 'rev';
}

/**
 * True when some Markdown file of the report folder is the same in both versions, so parsing it
 * once and reusing the tree is worth the cost of keeping a copy (`to` undefined: working tree).
 */
export async function someFilesUnchanged(top: string, folder: string, from: string, to?: string): Promise<boolean> {
  const git = gitAt(top);
  const relative = `${repoRelative(top, folder) ?? toPosix(path.relative(top, folder))}/`;
  try {
    const all = (await git.raw(['ls-tree', '-r', '-z', '--name-only', from, '--', relative])).split('\0').filter((f) => /\.(md|markdown)$/i.test(f));
    const changed = new Set((await git.raw(['diff', '--name-only', '-z', from, ...(to ? [to] : []), '--', relative])).split('\0'));
    return all.some((file) => !changed.has(file));
  } catch {
    return true;
  }
}
