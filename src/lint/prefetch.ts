import { readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { ParseStore } from '../cache/parse-cache.js';
import type { ReportTarget } from '../model/load.js';
import { isInside } from '../model/reader.js';
import { isContained } from '../util/contain.js';
import { withinLimits } from '../parse/limits.js';
import { parseMarkdown } from '../parse/processor.js';

/** Below this many characters to parse, starting a worker costs more than it saves. */
const PARALLEL_CHARS = 256 * 1024;

/**
 * A ParseStore for loadReport that has a report's files parsed before the loader asks for them:
 * cached trees from the on-disk store (`disk`, shared with build), the rest parsed on several
 * cores when there is much to parse (micromark parsing is nearly all of lint's time). Finding
 * the files means reading the chapter list from report.md's front matter (the YAML node of the
 * parsed tree); whatever this misses the loader parses as usual. Each tree is handed out once.
 */
export async function prefetchStore(target: ReportTarget, disk: ParseStore | undefined, cacheDir: string | undefined): Promise<ParseStore> {
  const ready = new Map<string, Root>();
  const store: ParseStore = {
    get(text) {
      const tree = ready.get(text);
      if (tree) {
        ready.delete(text);
        return tree;
      }
      return disk?.get(text);
    },
    set(text, tree) {
      disk?.set(text, tree);
    },
    prune() {
      disk?.prune();
    },
  };
  const parse = (text: string): Root => {
    const hit = disk?.get(text);
    if (hit) return hit;
    const tree = parseMarkdown(text);
    disk?.set(text, tree);
    return tree;
  };

  const texts = await reportTexts(target, parse, ready);
  const misses: string[] = [];
  for (const text of texts) {
    if (ready.has(text)) continue;
    const hit = disk?.get(text);
    if (hit) ready.set(text, hit);
    else misses.push(text);
  }
  const chars = misses.reduce((sum, t) => sum + t.length, 0);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (misses.length < 2 || chars < PARALLEL_CHARS || cores < 2) {
    for (const text of misses) ready.set(text, parse(text));
    return store;
  }

  // Balanced shares: the main thread parses one while workers parse the others.
  const shares = Math.min(cores, 4, misses.length);
  const buckets: string[][] = Array.from({ length: shares }, () => []);
  const load = new Array<number>(shares).fill(0);
  for (const text of [...misses].sort((a, b) => b.length - a.length)) {
    const i = load.indexOf(Math.min(...load));
    buckets[i].push(text);
    load[i] += text.length;
  }
  const workerUrl = new URL('./parse-worker.js', import.meta.url);
  const running = buckets.slice(1).map(
    (share) =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerUrl, { workerData: { texts: share, cacheDir } });
        worker.once('message', (trees: Root[]) => {
          share.forEach((text, i) => ready.set(text, trees[i]));
          resolve();
        });
        // A failed worker leaves its share to the loader's own parsing.
        worker.once('error', () => resolve());
        worker.once('exit', () => resolve());
      }),
  );
  for (const text of buckets[0]) ready.set(text, parse(text));
  await Promise.all(running);
  return store;
}

async function reportTexts(target: ReportTarget, parse: (text: string) => Root, ready: Map<string, Root>): Promise<string[]> {
  let main: string;
  // The loader's rule: a report.md that links out of the workspace is neither read nor cached.
  if (!isContained(target.root, target.file)) return [];
  try {
    main = await readFile(target.file, 'utf8');
  } catch {
    return [];
  }
  if (!withinLimits(main)) return [];
  const tree = parse(main);
  ready.set(main, tree);
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0].value : '';
  let chapters: unknown;
  try {
    chapters = (parseYaml(yaml) as { chapters?: unknown } | null)?.chapters;
  } catch {
    return [main];
  }
  if (!Array.isArray(chapters)) return [main];
  const dir = path.dirname(target.file);
  const texts = await Promise.all(
    chapters.filter((c): c is string => typeof c === 'string').map((c) => readChapter(dir, target.root, c)),
  );
  return [main, ...texts.filter((t): t is string => t !== undefined)];
}

/**
 * A chapter's text, only when the loader would read it too: inside the report folder (after
 * links are resolved) and within the parser's limits. Anything else is left to the loader, which
 * reports it; a file outside the workspace is never read, parsed or cached.
 */
async function readChapter(dir: string, root: string, entry: string): Promise<string | undefined> {
  if (path.isAbsolute(entry)) return undefined;
  const abs = path.resolve(dir, entry);
  try {
    const [real, realDir, realRoot] = await Promise.all([realpath(abs), realpath(dir), realpath(root)]);
    if (!isInside(realDir, real) || !isInside(realRoot, real) || !isInside(dir, abs)) return undefined;
    const text = await readFile(real, 'utf8');
    return withinLimits(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
