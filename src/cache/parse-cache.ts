import type { Root } from 'mdast';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packagePath } from '../util/package-root.js';
import { runEnv } from '../util/run-context.js';

/**
 * An on-disk cache of parsed Markdown trees, so that a rebuild parses only the chapters whose
 * text changed (parsing is most of a build's time).
 *
 * Safety, because a cache must never change what is built:
 * - an entry's name is the SHA-256 of the parser's identity (Rapporteur's version, the versions of
 *   the parser packages and CACHE_FORMAT) and the file's exact text, so any change of text or
 *   parser misses;
 * - a tree is stored right after parsing, before the model annotates it, and every hit is a fresh
 *   copy (JSON), so nothing downstream can alter what is cached;
 * - unreadable, truncated or foreign entries are ignored and the text is parsed again;
 * - writes go through a temporary file and a rename; failures to write are ignored;
 * - it lives in the user's cache folder (see parseCacheDir), never in the output folder (cached
 *   trees hold comment text) and never
 *   beside the sources, and keeps only the entries of the last build of that report.
 */
const CACHE_FORMAT = 3; // 3: citation nodes
const PARSER_PACKAGES = ['remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark-extension-directive', 'mdast-util-directive', 'mdast-util-from-markdown'];

let identity: string | undefined;

/** Rapporteur's version and the parser packages' versions: a new parser never reads old trees. */
function parserIdentity(): string {
  if (identity) return identity;
  const versionOf = (file: string): string => {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      return '?';
    }
  };
  const parts = [`format ${CACHE_FORMAT}`, `rapporteur ${versionOf(packagePath('package.json'))}`];
  for (const name of PARSER_PACKAGES) parts.push(`${name} ${versionOf(packagePath('node_modules', name, 'package.json'))}`);
  identity = parts.join('\n');
  return identity;
}

export interface ParseStore {
  get(text: string): Root | undefined;
  set(text: string, tree: Root): void;
  /** Removes entries this run did not use (they belong to text that no longer exists). */
  prune(): void;
  /**
   * Parses texts ahead (lint does it on several cores) so that `get` then has them. The loader
   * calls it once with the text of every chapter it has resolved and read, before parsing them.
   */
  prefetch?(texts: string[]): Promise<void>;
}

export function cacheKey(text: string): string {
  return createHash('sha256').update(parserIdentity()).update('\0').update(text).digest('hex');
}

export function diskParseStore(dir: string): ParseStore {
  const used = new Set<string>();
  let writable = true;
  return {
    get(text) {
      const key = cacheKey(text);
      used.add(key);
      let raw: string;
      try {
        raw = readFileSync(path.join(dir, `${key}.json`), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(raw) as { key?: string; tree?: Root };
        if (entry.key !== key || entry.tree?.type !== 'root' || !Array.isArray(entry.tree.children)) return undefined;
        return entry.tree;
      } catch {
        return undefined;
      }
    },
    set(text, tree) {
      if (!writable) return;
      const key = cacheKey(text);
      used.add(key);
      const file = path.join(dir, `${key}.json`);
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, JSON.stringify({ key, tree }));
        renameSync(temp, file);
      } catch {
        // A read-only or full output folder only costs speed.
        writable = false;
        try {
          rmSync(temp, { force: true });
        } catch {
          // nothing was written
        }
      }
    },
    prune() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const key = name.replace(/\.json$/, '');
        if (name.endsWith('.json') && used.has(key)) continue;
        // Leftover temporaries of a killed build, and entries of text that no longer exists.
        if (name.endsWith('.json') || name.endsWith('.tmp')) {
          try {
            rmSync(path.join(dir, name), { force: true });
          } catch {
            // pruning is housekeeping; a failure only leaves a file behind
          }
        }
      }
    },
  };
}

/**
 * The cache lives in the user's cache folder (`$RAPPORTEUR_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/rapporteur`, else `~/.cache/rapporteur`), one folder per output folder and
 * report. Never in the output folder: cached trees hold comment text, and an output folder is
 * what gets uploaded.
 */
export function parseCacheDir(out: string, slug: string): string {
  const base =
    runEnv().RAPPORTEUR_CACHE_DIR ||
    path.join(runEnv().XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'rapporteur');
  const owner = createHash('sha256').update(path.resolve(out)).digest('hex').slice(0, 16);
  return path.join(base, 'parse', owner, slug);
}
