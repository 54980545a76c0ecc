import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEnv } from '../util/run-context.js';

/**
 * The site's cache of what is costly to make (editions, PDFs, redlines, share cards), kept
 * outside the published folder: one folder per key, where the key is a hash of everything the
 * output depends on (commit, the report's files as read, template, tool version, options). A
 * new tag adds keys; the old ones are hit, so only the new version and its redline are made.
 */
export interface SiteCache {
  /** The stored files of a key (name → bytes), or undefined when the key was never stored. */
  get(key: string): Map<string, Buffer> | undefined;
  set(key: string, files: Map<string, Buffer | string>): void;
  /** Removes keys not used by this run (a deleted tag, an old template) once the site is written. */
  prune(): void;
}

export function hashOf(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(String(Buffer.byteLength(part)));
    hash.update(':');
    hash.update(part);
  }
  return hash.digest('hex').slice(0, 32);
}

export function siteCacheDir(out: string): string {
  const env = runEnv();
  const base = env.RAPPORTEUR_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'rapporteur');
  return path.join(base, 'site', hashOf(path.resolve(out)).slice(0, 16));
}

export function diskSiteCache(dir: string): SiteCache {
  const used = new Set<string>();
  return {
    get(key) {
      const folder = path.join(dir, key);
      // The marker is written last: a folder without it is an interrupted store, ignored.
      if (!existsSync(path.join(folder, '.complete'))) return undefined;
      used.add(key);
      const files = new Map<string, Buffer>();
      for (const name of readdirSync(folder)) {
        if (name !== '.complete') files.set(name, readFileSync(path.join(folder, name)));
      }
      return files;
    },
    set(key, files) {
      used.add(key);
      const folder = path.join(dir, key);
      const temp = `${folder}.${process.pid}.tmp`;
      rmSync(temp, { recursive: true, force: true });
      mkdirSync(temp, { recursive: true });
      for (const [name, data] of files) writeFileSync(path.join(temp, name), data);
      writeFileSync(path.join(temp, '.complete'), '');
      rmSync(folder, { recursive: true, force: true });
      renameSync(temp, folder);
    },
    prune() {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        if (used.has(name)) {
          // Touched, so a tool that ages out cache folders sees it as alive.
          const now = new Date();
          try {
            utimesSync(path.join(dir, name), now, now);
          } catch {
            /* a folder removed meanwhile is not an error */
          }
          continue;
        }
        const abs = path.join(dir, name);
        if (statSync(abs).isDirectory()) rmSync(abs, { recursive: true, force: true });
      }
    },
  };
}
