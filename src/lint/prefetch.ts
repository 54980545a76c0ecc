import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { ParseStore } from '../cache/parse-cache.js';
import { parseMarkdown } from '../parse/processor.js';

/** Below this many characters to parse, starting a worker costs more than it saves. */
const PARALLEL_CHARS = 256 * 1024;

/**
 * A ParseStore that parses ahead on several cores (micromark parsing is nearly all of lint's
 * time): the loader hands `prefetch` the chapters it has resolved and read (src/model/load.ts),
 * so this file never decides which files a report has. Trees come from the on-disk store (`disk`,
 * shared with build) when it has them; the rest are parsed in worker threads when there is much
 * to parse. Each prefetched tree is handed out once; whatever is not prefetched the loader parses.
 */
export function parallelParseStore(disk: ParseStore | undefined, cacheDir: string | undefined): ParseStore {
  const ready = new Map<string, Root>();
  const parse = (text: string): Root => {
    const hit = disk?.get(text);
    if (hit) return hit;
    const tree = parseMarkdown(text);
    disk?.set(text, tree);
    return tree;
  };
  return {
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
    async prefetch(texts) {
      const misses: string[] = [];
      for (const text of texts) {
        if (ready.has(text)) continue;
        const hit = disk?.get(text);
        if (hit) ready.set(text, hit);
        else misses.push(text);
      }
      const chars = misses.reduce((sum, t) => sum + t.length, 0);
      const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
      // Too little to share out: the loader parses these itself, as it would without a prefetch.
      if (misses.length < 2 || chars < PARALLEL_CHARS || cores < 2) return;

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
    },
  };
}
