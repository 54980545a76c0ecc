import { parentPort, workerData } from 'node:worker_threads';
import { diskParseStore } from '../cache/parse-cache.js';
import { parseMarkdown } from '../parse/processor.js';

/** Parses the texts it is given (a share of a report's files) and stores them in the parse cache. */
const { texts, cacheDir } = workerData as { texts: string[]; cacheDir?: string };
const store = cacheDir ? diskParseStore(cacheDir) : undefined;
parentPort!.postMessage(
  texts.map((text) => {
    const tree = parseMarkdown(text);
    store?.set(text, tree);
    return tree;
  }),
);
