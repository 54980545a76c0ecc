/**
 * The PDF check (verify.ts) on a worker thread, driven by verify-thread.ts: each message holds a
 * printed PDF, the edition's text and the page areas; the answer carries the same id. One thread
 * serves a whole run, so pdfjs-dist is loaded once however many editions are checked.
 * pdfjs-dist's modern build (src/pdf/pdfjs.ts) needs `Promise.withResolvers`, which Node 20
 * lacks: it is added to this thread's globals only.
 */
import { parentPort } from 'node:worker_threads';
import type { EditionText } from './in-page.js';
import { verifyPdf, type PageArea } from './verify.js';

interface Request {
  id: number;
  bytes: Uint8Array;
  expected: EditionText;
  areas: PageArea[];
}

parentPort?.on('message', ({ id, bytes, expected, areas }: Request) => {
  verifyPdf(bytes, expected, areas).then(
    (result) => parentPort?.postMessage({ id, result }),
    (error: unknown) => parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
