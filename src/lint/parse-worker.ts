import { parentPort, workerData } from 'node:worker_threads';
import { parseMarkdown } from '../parse/processor.js';
import { parseCache } from './parse-cache.js';

/** Parses the texts it is given (a share of a report's files) and stores them in the cache. */
const { texts, cacheDir } = workerData as { texts: string[]; cacheDir?: string };
const cache = cacheDir ? parseCache(cacheDir) : undefined;
parentPort!.postMessage(
  texts.map((text) => {
    const tree = parseMarkdown(text);
    cache?.put(text, tree);
    return tree;
  }),
);
