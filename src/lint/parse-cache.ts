import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Root } from 'mdast';
import { parseMarkdown } from '../parse/processor.js';
import { packagePath } from '../util/package-root.js';

/**
 * An on-disk cache of parsed trees, keyed by file content and the parser's version, like
 * ESLint's --cache. Parsing is nearly all of lint's time (micromark with GFM and nested
 * directives); reading a cached tree is about fifty times faster, so linting a report whose
 * chapters mostly did not change (the pre-commit hook, an editor) costs little more than the
 * changed files. Best effort: any cache failure falls back to parsing.
 */
const MAX_ENTRIES = 2000;

export function defaultCacheDir(): string {
  const base = process.env.RAPPORTEUR_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'rapporteur');
  return path.join(base, 'mdast');
}

let parserKey: string | undefined;

/** Changes whenever the toolchain or its Markdown packages change, so old trees are never reused. */
function parserVersion(): string {
  if (parserKey) return parserKey;
  const parts = ['rapporteur-mdast-1'];
  for (const file of [packagePath('package.json'), packagePath('lib', 'parse', 'processor.js'), packagePath('package-lock.json')]) {
    try {
      parts.push(createHash('sha256').update(readFileSync(file)).digest('hex'));
    } catch {
      parts.push('-');
    }
  }
  parserKey = parts.join(':');
  return parserKey;
}

export interface ParseCache {
  /** A cached tree for this text, or undefined. */
  get(text: string): Root | undefined;
  put(text: string, tree: Root): void;
  /** get, else parse and put. */
  parse(text: string): Root;
}

export function parseCache(dir: string = defaultCacheDir()): ParseCache {
  let written = 0;
  const fileFor = (text: string) => {
    const key = createHash('sha256').update(parserVersion()).update('\0').update(text).digest('hex');
    return path.join(dir, key.slice(0, 2), `${key}.v8`);
  };
  const cache: ParseCache = {
    get(text) {
      try {
        return deserialize(readFileSync(fileFor(text))) as Root;
      } catch {
        return undefined; // not cached yet, or unreadable
      }
    },
    put(text, tree) {
      try {
        const file = fileFor(text);
        mkdirSync(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.${written}.tmp`;
        writeFileSync(temp, serialize(tree));
        renameSync(temp, file);
        if (++written === 1) prune(dir);
      } catch {
        // a read-only or full disk only costs speed
      }
    },
    parse(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      const tree = parseMarkdown(text);
      cache.put(text, tree);
      return tree;
    },
  };
  return cache;
}

/** Keeps the cache bounded: beyond MAX_ENTRIES trees, the least recently written go. */
function prune(dir: string): void {
  const entries: { file: string; time: number }[] = [];
  for (const sub of readdirSync(dir)) {
    const subdir = path.join(dir, sub);
    let names: string[];
    try {
      names = readdirSync(subdir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(subdir, name);
      try {
        entries.push({ file, time: statSync(file).mtimeMs });
      } catch {
        // removed meanwhile
      }
    }
  }
  if (entries.length <= MAX_ENTRIES) return;
  entries.sort((a, b) => a.time - b.time);
  for (const { file } of entries.slice(0, entries.length - MAX_ENTRIES)) {
    try {
      unlinkSync(file);
    } catch {
      // another process pruned it
    }
  }
}
