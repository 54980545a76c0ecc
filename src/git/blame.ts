import path from 'node:path';
import { gitAt, repositoryRoot } from './index.js';

/** Who last wrote one line, as `git blame --porcelain` tells it. */
export interface BlameLine {
  /** Full hash, or undefined for a line not committed yet. */
  commit?: string;
  author?: string;
  authorEmail?: string;
  /** Author date as YYYY-MM-DD in the author's own time zone. */
  date?: string;
  /** Seconds since the epoch, for finding the oldest of several lines. */
  time?: number;
  summary?: string;
}

const UNCOMMITTED = /^0{40}$/;

/**
 * Blames the given 1-based inclusive line ranges of one file in a single `git blame` run
 * (git accepts `-L` several times). Lines of a file git does not track, or outside any
 * repository, come back as uncommitted. The result is keyed by line number in the working tree.
 */
export async function blameLines(absFile: string, ranges: Array<[start: number, end: number]>): Promise<Map<number, BlameLine>> {
  const result = new Map<number, BlameLine>();
  if (ranges.length === 0) return result;
  const top = await repositoryRoot(path.dirname(absFile));
  if (!top) return result;
  const relative = path.relative(top, absFile).split(path.sep).join('/');
  const args = ['blame', '--porcelain'];
  for (const [start, end] of ranges) args.push('-L', `${start},${Math.max(start, end)}`);
  args.push('--', relative);
  let output: string;
  try {
    output = await gitAt(top).raw(args);
  } catch {
    // Untracked file, a range past the end, or no commit yet: nothing is attributable.
    return result;
  }
  return parsePorcelain(output);
}

/** Parses `git blame --porcelain`: commit headers appear once per commit, then only the hash line. */
export function parsePorcelain(output: string): Map<number, BlameLine> {
  const result = new Map<number, BlameLine>();
  const commits = new Map<string, BlameLine>();
  const lines = output.split('\n');
  let index = 0;
  while (index < lines.length) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$/.exec(lines[index]);
    index++;
    if (!header) continue;
    const [, hash, finalLine] = header;
    const info = commits.get(hash) ?? { commit: UNCOMMITTED.test(hash) ? undefined : hash };
    let tz = '+0000';
    for (; index < lines.length && !lines[index].startsWith('\t'); index++) {
      const line = lines[index];
      const space = line.indexOf(' ');
      const key = space < 0 ? line : line.slice(0, space);
      const value = space < 0 ? '' : line.slice(space + 1);
      if (key === 'author') info.author = value;
      else if (key === 'author-mail') info.authorEmail = value.replace(/^<|>$/g, '');
      else if (key === 'author-time') info.time = Number(value);
      else if (key === 'author-tz') tz = value;
      else if (key === 'summary') info.summary = value;
    }
    index++; // the content line
    if (info.time !== undefined && info.date === undefined) info.date = localDate(info.time, tz);
    if (!info.commit) {
      // Not committed yet: git names the author "Not Committed Yet"; that is no person.
      info.author = undefined;
      info.authorEmail = undefined;
      info.date = undefined;
    }
    commits.set(hash, info);
    result.set(Number(finalLine), info);
  }
  return result;
}

function localDate(seconds: number, tz: string): string {
  const match = /^([+-])(\d\d)(\d\d)$/.exec(tz);
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 10);
}

/**
 * The commit that introduced a span of lines: the oldest commit among them, because later
 * edits (a reply, a changed status) touch only some lines of a comment.
 */
export function introducingCommit(blame: Map<number, BlameLine>, start: number, end: number): BlameLine | undefined {
  let oldest: BlameLine | undefined;
  let uncommitted = false;
  for (let line = start; line <= end; line++) {
    const info = blame.get(line);
    if (!info) continue;
    if (!info.commit) {
      uncommitted = true;
      continue;
    }
    if (!oldest || (info.time ?? 0) < (oldest.time ?? 0)) oldest = info;
  }
  return oldest ?? (uncommitted ? {} : undefined);
}
