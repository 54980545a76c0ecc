import { promises as fs } from 'node:fs';
import { runCwd } from './run-context.js';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isContained } from './contain.js';
import { UserError } from './problems.js';

const REASONS: Record<string, string> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'its path goes round a loop of symbolic links',
};

/**
 * Writes through a temporary file in the same folder and renames it into place, so a reader
 * (or an interrupted build) never sees half a file and the previous output survives a failure.
 * A failure the user can fix (a file where a folder should be, no permission, a full disk) is a
 * UserError naming the file, never a stack trace.
 */
/** `.<name>.<pid>.<8 hex>.tmp`, the temporary files writeFileAtomic makes. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes, from one output folder, the temporary files a killed build of this tool left behind
 * (their process is gone). Only names writeFileAtomic makes are touched, and only in `dir`.
 */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(TEMPORARY.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `mkdir -p`, one folder at a time. Node's recursive mkdir reports ENOENT when a folder cannot
 * be made on a read-only file system (it hides EROFS), so the user would read "no such file"
 * for a folder that plainly exists; made one by one, each failure keeps its own code.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const stat = await fs.stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const folder of missing) {
    await fs.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // Made meanwhile by another writer of the same build: fine.
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** Why a write failed, in words, for an error the user can fix; undefined for anything else. */
export function writeFailureReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? REASONS[code] : undefined;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { within?: string } = {}): Promise<void> {
  // `within`: the folder this write must land in (the output folder, the report folder). A linked
  // folder on the way that leads elsewhere would make the write land outside it: refused before
  // any folder is created.
  if (options.within !== undefined && !isContained(options.within, file)) {
    const shown = path.relative(runCwd(), file) || file;
    throw new UserError(`cannot write ${shown}: a symbolic link on its path leads outside ${path.relative(runCwd(), options.within) || options.within}; nothing is written there`);
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await makeFolders(path.dirname(file));
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code ? REASONS[code] : undefined;
    if (reason) throw new UserError(`cannot write ${path.relative(runCwd(), file) || file}: ${reason}`);
    throw error;
  }
}
