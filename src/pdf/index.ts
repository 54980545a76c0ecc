import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { loadConfig } from '../config.js';
import type { Report } from '../model/types.js';
import { loadTemplate } from '../render/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UserError } from '../util/problems.js';
import { AssetServer, ORIGIN, pagedPolyfillPath, registerFonts } from './assets.js';
import { findBrowser, launchBrowser } from './browser.js';
import { layOut, mergePages, prepareDocument, type LaidOut } from './in-page.js';
import { applyMetadata, metadataOf } from './metadata.js';

export interface PdfJob {
  report: Report;
  edition: string;
  html: string;
  file: string;
}

export interface PdfOptions {
  log: (line: string) => void;
  /** Path of a Chrome/Chromium binary; otherwise found as `findBrowser` describes. */
  browser?: string;
  /** Seconds Paged.js may take for one chunk before the build stops (default 120, env RAPPORTEUR_PDF_TIMEOUT). */
  timeout?: number;
  /** Characters of text per chunk laid out on its own (default 40,000; env RAPPORTEUR_PDF_CHUNK). */
  chunkChars?: number;
  /** Browser tabs laying out chunks at once (default: number of CPUs, 2–4). */
  parallel?: number;
}

export interface PdfRenderInfo {
  file: string;
  pages: number;
  chunks: number;
  /** Page of each heading id (h1–h3) in the PDF. */
  headingPages: Record<string, number>;
  ms: number;
}

const SIZES = { A4: { width: '210mm', height: '297mm', css: 'A4' }, Letter: { width: '8.5in', height: '11in', css: 'letter' } };

/**
 * Run in each layout tab before Paged.js: no automatic start, and animation-frame callbacks
 * turned into plain tasks, because Chromium does not run animation frames in tabs that are not
 * in front, and the chunks are laid out in several tabs at once.
 */
const PAGE_SETUP = `window.PagedConfig = { auto: false };
(() => {
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => { const callback = queue.shift(); if (callback) callback(performance.now()); };
  const schedule = (callback) => { queue.push(callback); channel.port2.postMessage(0); return queue.length; };
  window.requestAnimationFrame = schedule;
  window.requestIdleCallback = (callback) => schedule(() => callback({ didTimeout: false, timeRemaining: () => 50 }));
})();`;

/**
 * The diagonal DRAFT mark, drawn as strokes rather than set as text: it stays out of the text
 * layer, so copying, searching and screen readers see the report, not five letters per page.
 * (The footer line says "DRAFT · version x.y.z" in words.)
 */
const DRAFT_MARK =
  '<svg viewBox="-10 -10 580 140" role="presentation"><path fill="none" stroke="currentColor" stroke-width="17" ' +
  'stroke-linejoin="miter" d="M10 10V110H45A50 50 0 0 0 45 10Z M130 110V10H175A25 25 0 0 1 175 60H130M168 60L215 110 ' +
  'M240 110L290 10L340 110M258 76H322 M372 110V10H440M372 58H425 M460 10H550M505 10V110"/></svg>';

function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** The page rules that depend on the report: paper, short title, version line, confidentiality notice. */
export function dynamicCss(report: Report): string {
  const meta = report.meta;
  const paper = meta.paper ?? loadConfig(report.root).config.paper ?? 'A4';
  const shortTitle = typeof meta.shorttitle === 'string' && meta.shorttitle ? meta.shorttitle : meta.title;
  const status = meta.status === 'final' ? '' : `${meta.status === 'review' ? 'REVIEW DRAFT' : 'DRAFT'} · version ${meta.version}`;
  const notice = meta.confidentiality === 'working-group' ? 'Working group only — not for distribution' : '';
  const separator = notice && status ? '   ·   ' : '';
  return `@page { size: ${SIZES[paper].css}; }
:root {
  --rapporteur-short-title: ${cssString(shortTitle)};
  --rapporteur-notice: ${cssString(notice + separator)};
  --rapporteur-status-line: ${cssString(status)};
}`;
}

function pagedCss(report: Report): string {
  const template = loadTemplate('default', report.root);
  const file = path.join(template.dir, 'paged.css');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function timeoutSeconds(options: PdfOptions): number {
  const fromEnv = Number(process.env.RAPPORTEUR_PDF_TIMEOUT);
  return options.timeout ?? (fromEnv > 0 ? fromEnv : 120);
}

async function withTimeout<T>(work: Promise<T>, seconds: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserError(message, { exitCode: 2 })), seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Renders every job to PDF with one browser. Each job's HTML is cut into chunks (cover, front
 * matter, runs of sections) that Paged.js lays out in parallel tabs; their pages are then put
 * together in one tab and printed once, so the PDF has one outline, one structure tree and
 * page numbers, footnote numbers and contents entries that run on across chunks.
 */
export async function renderPdfs(jobs: PdfJob[], options: PdfOptions): Promise<string[]> {
  const written: string[] = [];
  await renderPdfJobs(jobs, options, (info) => written.push(info.file));
  return written;
}

export async function renderPdfJobs(jobs: PdfJob[], options: PdfOptions, done: (info: PdfRenderInfo) => void = () => {}): Promise<PdfRenderInfo[]> {
  if (jobs.length === 0) return [];
  const executable = findBrowser(options.browser);
  const { browser, close } = await launchBrowser(executable);
  const results: PdfRenderInfo[] = [];
  try {
    const server = new AssetServer();
    const fonts = registerFonts(server);
    server.add('/favicon.ico', 'image/x-icon', Buffer.alloc(0));
    server.add('/paged.polyfill.js', 'text/javascript', () => readFileSync(pagedPolyfillPath()));
    const shell = server.add('/layout.html', 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${PAGE_SETUP}</script><script src="${ORIGIN}/paged.polyfill.js"></script></head><body></body></html>`);
    const shellLoaded = new WeakMap<Page, Promise<Page>>();
    const parallel = options.parallel ?? Math.min(4, Math.max(2, os.cpus().length));
    const tabs: Page[] = [];
    const tab = async (index: number): Promise<Page> => {
      if (!tabs[index]) {
        const page = await browser.newPage();
        // About the width of a page, so no rule for wide screens applies while Paged.js measures.
        await page.setViewport({ width: 800, height: 1100 });
        await server.attach(page);
        if (process.env.RAPPORTEUR_PDF_DEBUG) {
          page.on('console', (message) => process.stderr.write(`[tab ${index}] ${message.type()}: ${message.text()}\n`));
          page.on('pageerror', (error) => process.stderr.write(`[tab ${index}] error: ${String(error)}\n`));
          page.on('requestfailed', (request) => process.stderr.write(`[tab ${index}] failed: ${request.url().slice(0, 120)}\n`));
        }
        tabs[index] = page;
      }
      return tabs[index];
    };
    for (const [jobIndex, job] of jobs.entries()) {
      const started = performance.now();
      const info = await renderOne(job, jobIndex, { server, fonts, tab, parallel, options, shell, shellLoaded });
      info.ms = Math.round(performance.now() - started);
      results.push(info);
      done(info);
      options.log(`${path.relative(process.cwd(), job.file)}  ${job.edition}  ${info.pages} pages  ${info.ms} ms`);
    }
    if (server.blocked.length) options.log(`blocked ${server.blocked.length} request(s) during PDF rendering (nothing is fetched): ${[...new Set(server.blocked)].slice(0, 3).join(', ')}`);
  } finally {
    await close();
  }
  return results;
}

interface Context {
  server: AssetServer;
  /** URL of the page each layout tab loads once: Paged.js and nothing else. */
  shell: string;
  shellLoaded: WeakMap<Page, Promise<Page>>;
  fonts: string;
  tab: (index: number) => Promise<Page>;
  parallel: number;
  options: PdfOptions;
}

async function renderOne(job: PdfJob, jobIndex: number, context: Context): Promise<PdfRenderInfo> {
  const { server, fonts, tab, parallel, options, shell, shellLoaded } = context;
  const shellOf = (page: Page): Promise<Page> => {
    let loading = shellLoaded.get(page);
    if (!loading) {
      loading = page.goto(shell, { waitUntil: 'load', timeout: 0 }).then(() => page);
      shellLoaded.set(page, loading);
    }
    return loading;
  };
  const { report } = job;
  const seconds = timeoutSeconds(options);
  const chunkChars = options.chunkChars ?? (Number(process.env.RAPPORTEUR_PDF_CHUNK) || 40_000);
  const shown = `${path.relative(process.cwd(), job.file)} (${job.edition} edition)`;
  // The page holds its layout until the chunks are cut out: parsing is cheap, layout is not.
  const extra = `<style id="rapporteur-hold">body { display: none !important; }</style>\n<style id="rapporteur-paged">\n${fonts}\n${pagedCss(report)}\n${dynamicCss(report)}\n</style>\n`;
  const cut = job.html.indexOf('</head>');
  const html = cut === -1 ? extra + job.html : job.html.slice(0, cut) + extra + job.html.slice(cut);
  const base = `/job-${jobIndex}`;
  const t0 = performance.now();
  const phase = (label: string) => {
    if (process.env.RAPPORTEUR_PDF_DEBUG) process.stderr.write(`[pdf] ${label} at ${Math.round(performance.now() - t0)} ms\n`);
  };
  // The layout tabs load Paged.js while the main tab loads the report.
  const warming = Array.from({ length: parallel }, (_, slot) => tab(slot + 1).then((page) => shellOf(page)));
  warming.forEach((promise) => promise.catch(() => {}));
  const master = await tab(0);
  const tooSlow = (part: string) =>
    `Paged.js did not finish laying out ${shown} within ${seconds} s (${part}); ` +
    'set RAPPORTEUR_PDF_TIMEOUT to a larger number of seconds for a very long report';
  const prepared = await withTimeout(
    (async () => {
      await master.goto(server.add(`${base}/document.html`, 'text/html; charset=utf-8', html), { waitUntil: 'load', timeout: 0 });
      return master.evaluate(prepareDocument, chunkChars);
    })(),
    seconds,
    tooSlow('loading the document'),
  );

  phase(`cut into ${prepared.chunks.length} chunks`);
  const laidOut: LaidOut[] = new Array(prepared.chunks.length);
  let next = 0;
  const worker = async (slot: number) => {
    // Tab 0 cuts and merges; tabs 1..parallel lay out.
    const page = await warming[slot];
    while (next < prepared.chunks.length) {
      const index = next++;
      await withTimeout(
        (async () => {
          laidOut[index] = await page.evaluate(layOut, { chunk: prepared.chunks[index], styles: prepared.styles, lang: prepared.lang, bodyClass: prepared.bodyClass });
          phase(`chunk ${index} laid out: ${laidOut[index].count} pages`);
        })(),
        seconds,
        tooSlow(`part ${index + 1} of ${prepared.chunks.length}`),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, prepared.chunks.length) }, (_, slot) => worker(slot)));

  const css: string[] = [];
  const seen = new Set<string>();
  for (const part of laidOut) {
    for (const rule of part.css) {
      // Paged.js resets ::first-letter on continued blocks; the template styles no first letters,
      // and a first-letter box keeps Chromium from reading a heading's number into the outline.
      if (seen.has(rule) || rule.includes('::first-letter')) continue;
      seen.add(rule);
      css.push(rule);
    }
  }
  const merged = await master.evaluate(mergePages, {
    pages: laidOut.map((part) => part.pages),
    css,
    watermark: report.meta.status === 'final' ? '' : DRAFT_MARK,
    prune: true,
  });
  phase('merged');
  const paper = SIZES[report.meta.paper ?? loadConfig(report.root).config.paper ?? 'A4'];
  const pdf = await master.pdf({
    width: paper.width,
    height: paper.height,
    printBackground: true,
    preferCSSPageSize: true,
    outline: true,
    tagged: true,
    timeout: 0,
  });
  phase('printed');
  const bytes = await applyMetadata(pdf, metadataOf(report, job.edition));
  const pages = merged.count;
  phase('metadata');
  await writeFileAtomic(job.file, bytes);
  return { file: job.file, pages, chunks: prepared.chunks.length, headingPages: merged.headingPages, ms: 0 };
}
