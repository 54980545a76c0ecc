import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packagePath } from '../util/package-root.js';
import type { EditionText } from './in-page.js';
import type { PageArea, VerifyResult } from './verify.js';

interface Waiting {
  resolve(result: VerifyResult): void;
  reject(error: Error): void;
}

/**
 * Runs the PDF check (`verifyPdf`, same inputs and result) on a worker thread (verify-worker.ts).
 * The main thread is then free while pdfjs reads a PDF back: the browser lays out and prints the
 * next edition of the run, or shuts down after the last one, at the same time. The thread starts
 * with the first check and serves every later one; `close` ends it (and any check still running).
 */
export class VerifyThread {
  private worker?: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;

  check(bytes: Uint8Array, expected: EditionText, areas: PageArea[]): Promise<VerifyResult> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // The bytes are copied into the thread (structured clone): the caller still writes them.
      worker.postMessage({ id, bytes, expected, areas });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new Error('the PDF check was stopped'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // Beside this module when compiled (lib/pdf/ or lib/bundle/); run from the TypeScript sources
    // (the tests), the compiled thread in lib/.
    const beside = new URL('./verify-worker.js', import.meta.url);
    const worker = new Worker(existsSync(fileURLToPath(beside)) ? beside : pathToFileURL(packagePath('lib', 'pdf', 'verify-worker.js')));
    worker.on('message', (message: { id: number; result?: VerifyResult; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.result) waiting?.resolve(message.result);
      else waiting?.reject(new Error(`the PDF check failed to run: ${message.error}`));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the PDF check's thread ended (exit code ${code}) before its result`)));
    return worker;
  }

  private fail(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
