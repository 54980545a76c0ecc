/**
 * pdfjs-dist for the PDF check: its modern build, not the legacy one.
 *
 * Why: the legacy build loads core-js polyfills that replace built-ins on Node 20 (among them
 * `Array.prototype.push`, called for every glyph run), which made up ~19 % of the check's
 * profile; reading the same 300-page PDF (structure tree and text of every page) took 3.8–4.1 s
 * of CPU with the modern build against 4.7–4.8 s with the legacy one.
 *
 * What the modern build needs on Node 20 that Node lacks is `Promise.withResolvers` (standard,
 * native from Node 22): added when missing, to the thread the check runs on (verify-worker.ts;
 * a worker thread has globals of its own) — in-process callers (tests) get the same standard
 * method. The build also prints "Warning: Please use the `legacy` build in Node.js
 * environments." with console.log while it is first evaluated; that one line, and only it, is held
 * back, since users cannot act on it and nothing else differs.
 */
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const NODE_WARNING = 'Please use the `legacy` build in Node.js environments.';

let loading: Promise<PdfjsModule> | undefined;

function addWithResolvers(): void {
  const promise = Promise as PromiseConstructor & { withResolvers?: unknown };
  if (typeof promise.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    // Spec: a new promise of `this` constructor with its resolve and reject functions.
    value: function withResolvers<T>(this: PromiseConstructor) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const created = new this<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise: created, resolve, reject };
    },
  });
}

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    addWithResolvers();
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === 'string' && args[0].includes(NODE_WARNING)) return;
      log(...args);
    };
    try {
      // The two builds have the same API; the types are the legacy build's (the package ships
      // declarations for that path only).
      return (await import('pdfjs-dist/build/pdf.mjs' as string)) as PdfjsModule;
    } finally {
      console.log = log;
    }
  })();
  return loading;
}
