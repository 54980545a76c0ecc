import { ui } from '../i18n/ui.js';
import { runCwd, runEnv } from '../util/run-context.js';
import { writeFileSync } from 'node:fs';
import { childrenCpu } from '../util/children-cpu.js';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { Report } from '../model/types.js';
import { runningTitle } from '../render/running-title.js';
import { loadTemplate, type Template } from '../render/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UserError } from '../util/problems.js';
import { AssetServer, ORIGIN, pagedPolyfillPath, registerFonts } from './assets.js';
import { patchedPagedBundle } from './paged-patches.js';
import { findBrowser, launchBrowser, PROTOCOL_TIMEOUT_MS, protocolTimeoutError } from './browser.js';
import { editionText, layOut, mergePages, prepareDocument, type LaidOut } from './in-page.js';
import { applyMetadata, metadataOf } from './metadata.js';
import { describeProblems, type VerifyResult } from './verify.js';
import { VerifyThread } from './verify-thread.js';

/**
 * For RAPPORTEUR_PDF_DEBUG's phase lines: CPU used so far by this process and by the processes
 * under it (the browser's), read from /proc (Linux), so each phase's cost shows beside its time.
 */
function treeCpu(): string {
  const self = process.cpuUsage();
  const own = `node ${Math.round((self.user + self.system) / 1000)} ms`;
  const children = childrenCpu();
  return children === undefined ? own : `${own}, browser ${children} ms`;
}

export type Paper = 'A4' | 'Letter';

export interface PdfJob {
  report: Report;
  edition: string;
  html: string;
  file: string;
  /** The template the HTML was rendered with; its `paged.css` styles the pages (default: `default`). */
  template?: Template;
  /** Paper size chosen by the build (front matter, else configuration); default A4. */
  paper?: Paper;
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
  /** Read the printed PDF back and check it against the edition before writing it (default true). */
  verify?: boolean;
  /** Milliseconds one call to Chromium may take (default PROTOCOL_TIMEOUT_MS). */
  protocolTimeoutMs?: number;
}

export interface PdfRenderInfo {
  file: string;
  pages: number;
  chunks: number;
  /** Page of each heading id (h1–h3) in the PDF. */
  headingPages: Record<string, number>;
  ms: number;
  /** Time spent checking the PDF, and what the check covered (absent with `verify: false`). */
  verifyMs?: number;
  verified?: VerifyResult;
}

const SIZES = {
  A4: { width: '210mm', height: '297mm', css: 'A4', px: { width: (210 / 25.4) * 96, height: (297 / 25.4) * 96 } },
  Letter: { width: '8.5in', height: '11in', css: 'letter', px: { width: 8.5 * 96, height: 11 * 96 } },
};

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

/**
 * A CSS string token for any text: every character but letters, digits and spaces is written as a
 * hexadecimal escape, so no quote, backslash, `<` or newline of a title can end the string.
 * The result is only ever set through the CSSOM (`style.setProperty`), never written into a
 * style sheet or the page's HTML, so it cannot end a `<style>` element either.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const character of value.replace(/[\r\n\t]+/g, ' ')) {
    out += /[A-Za-z0-9 ]/.test(character) ? character : `\\${character.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

/**
 * The page values that depend on the report (short title, version line, confidentiality notice),
 * as custom properties for the root element. They are set through the CSSOM in every tab.
 */
export function pageVariables(report: Report): Record<string, string> {
  const meta = report.meta;
  const lang = meta.lang;
  const english = lang.startsWith('en');
  const mark = ui(lang, meta.status === 'review' ? 'reviewMark' : 'draftMark');
  const status = meta.status === 'final' ? '' : english ? `${mark} · version ${meta.version}` : `${mark} · ${ui(lang, 'version', { version: meta.version })}`;
  const notice = meta.confidentiality === 'working-group' ? ui(lang, 'workingGroupOnly') : '';
  // "Page {page} of {pages}" in the report's language, cut around the two counters for paged.css.
  const [beforePage, between, afterPages] = ui(lang, 'page').split(/\{page\}|\{pages\}/);
  const separator = notice && status ? '   ·   ' : '';
  return {
    '--rapporteur-short-title': cssString(runningTitle(report)),
    '--rapporteur-notice': cssString(notice + separator),
    '--rapporteur-status-line': cssString(status),
    '--rapporteur-page-before': cssString(beforePage ?? ''),
    '--rapporteur-page-between': cssString(between ?? ''),
    '--rapporteur-page-after': cssString(afterPages ?? ''),
  };
}

function pagedCss(job: PdfJob): string {
  // Read, contained and sanitized by the template loader (#18 item 5).
  return (job.template ?? loadTemplate('default', job.report.root)).pagedCss;
}

function paperOf(job: PdfJob): (typeof SIZES)[Paper] {
  return SIZES[job.paper ?? job.report.meta.paper ?? 'A4'];
}

function timeoutSeconds(options: PdfOptions): number {
  const fromEnv = Number(runEnv().RAPPORTEUR_PDF_TIMEOUT);
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
  const protocolTimeoutMs = options.protocolTimeoutMs ?? PROTOCOL_TIMEOUT_MS;
  const { browser, close } = await launchBrowser(executable, { protocolTimeoutMs });
  const results: PdfRenderInfo[] = [];
  // The previous job's check and write; once one fails, no further job is laid out.
  let finishing: Promise<void> = Promise.resolve();
  let failed = false;
  const checks = new VerifyThread();
  try {
    const server = new AssetServer();
    const fonts = registerFonts(server);
    server.add('/favicon.ico', 'image/x-icon', Buffer.alloc(0));
    server.add('/paged.polyfill.js', 'text/javascript', () => patchedPagedBundle(pagedPolyfillPath()));
    const shell = server.add('/layout.html', 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${PAGE_SETUP}</script><script src="${ORIGIN}/paged.polyfill.js"></script></head><body></body></html>`);
    const shellLoaded = new WeakMap<Page, Promise<Page>>();
    const parallel = options.parallel ?? Math.min(4, Math.max(2, os.cpus().length));
    for (const [jobIndex, job] of jobs.entries()) {
      const started = performance.now();
      // Each job gets a browser context of its own (its own storage, its own tabs): nothing that
      // one report's pages could run would see another report laid out in the same browser.
      const context = await browser.createBrowserContext();
      const tabs: Page[] = [];
      const tab = async (index: number): Promise<Page> => {
        if (!tabs[index]) {
          const page = await context.newPage();
          // About the width of a page, so no rule for wide screens applies while Paged.js measures.
          await page.setViewport({ width: 800, height: 1100 });
          // Rapporteur's own scripts run through page.evaluate; the pages need none of their own.
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
      try {
        const printed = await renderOne(job, jobIndex, { server, fonts, tab, parallel, options, shell, shellLoaded, checks });
        // The check runs on its own thread while this loop lays out and prints the next edition
        // (or the browser shuts down). Each job still ends in order: its file is written only
        // once the jobs before it were checked and written, as when they ran one after another.
        const before = finishing;
        finishing = (async () => {
          const info = await printed.finish(before);
          info.ms = Math.round(performance.now() - started);
          results.push(info);
          done(info);
          const check = info.verified ? `checked in ${info.verifyMs} ms` : 'not checked (--no-verify)';
          options.log(`${path.relative(runCwd(), job.file)}  ${job.edition}  ${info.pages} pages  ${info.ms} ms  ${check}`);
        })();
        // Awaited below; a failure meanwhile stops the loop before the next job.
        finishing.catch(() => {
          failed = true;
        });
      } finally {
        await context.close().catch(() => {});
      }
      if (failed) break;
    }
    if (server.blocked.length) options.log(`blocked ${server.blocked.length} request(s) during PDF rendering (nothing is fetched): ${[...new Set(server.blocked)].slice(0, 3).join(', ')}`);
  } catch (error) {
    // Stopped while laying out or printing: the editions before still end as they would have
    // (checked and written, or refused), then the run ends with this error.
    await finishing.catch(() => {});
    await checks.close();
    throw (await protocolTimeoutError(error, protocolTimeoutMs)) ?? error;
  } finally {
    // The last check runs on while the browser closes.
    await close();
    if (process.env.RAPPORTEUR_PDF_DEBUG) process.stderr.write(`[pdf] browser closed; CPU ${treeCpu()}\n`);
  }
  try {
    await finishing;
  } finally {
    await checks.close();
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
  /** The thread that checks the printed PDFs. */
  checks: VerifyThread;
}

/** A job laid out and printed; `finish` checks the PDF (on a thread) and writes it once `before` has settled. */
interface Printed {
  finish(before: Promise<void>): Promise<PdfRenderInfo>;
}

async function renderOne(job: PdfJob, jobIndex: number, context: Context): Promise<Printed> {
  const { server, fonts, tab, parallel, options, shell, shellLoaded, checks } = context;
  const shellOf = (page: Page): Promise<Page> => {
    let loading = shellLoaded.get(page);
    if (!loading) {
      loading = page.goto(shell, { waitUntil: 'load', timeout: 0 }).then(() => page);
      shellLoaded.set(page, loading);
    }
    return loading;
  };
  const { report } = job;
  const verify = options.verify !== false;
  const seconds = timeoutSeconds(options);
  const chunkChars = options.chunkChars ?? (Number(runEnv().RAPPORTEUR_PDF_CHUNK) || 40_000);
  const shown = `${path.relative(runCwd(), job.file)} (${job.edition} edition)`;
  // The page holds its layout until the chunks are cut out: parsing is cheap, layout is not.
  // Only Rapporteur's own CSS goes into the page as text: the fonts, the template's paged.css and
  // the paper size (one of two keywords). Text from the report reaches the pages via the CSSOM.
  const paper = paperOf(job);
  const extra = `<style id="rapporteur-hold">body { display: none !important; }</style>\n<style id="rapporteur-paged">\n${fonts}\n${pagedCss(job)}\n@page { size: ${paper.css}; }\n</style>\n`;
  const variables = pageVariables(report);
  const cut = job.html.indexOf('</head>');
  const html = cut === -1 ? extra + job.html : job.html.slice(0, cut) + extra + job.html.slice(cut);
  const base = `/job-${jobIndex}`;
  const t0 = performance.now();
  const phase = (label: string) => {
    if (process.env.RAPPORTEUR_PDF_DEBUG) process.stderr.write(`[pdf] ${label} at ${Math.round(performance.now() - t0)} ms; CPU ${treeCpu()}\n`);
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
      const document = await master.evaluate(prepareDocument, chunkChars);
      const text = verify ? await master.evaluate(editionText) : undefined;
      return { ...document, text };
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
          laidOut[index] = await page.evaluate(layOut, { chunk: prepared.chunks[index], styles: prepared.styles, lang: prepared.lang, bodyClass: prepared.bodyClass, variables });
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
  // Measured as printed: print media, and a window the size of the paper (Paged.js's print
  // sheet makes each page as tall as the window).
  await master.emulateMediaType('print');
  await master.setViewport({ width: Math.ceil(paper.px.width), height: Math.ceil(paper.px.height) });
  const merged = await master.evaluate(mergePages, {
    pages: laidOut.map((part) => part.pages),
    css,
    watermark: report.meta.status === 'final' ? '' : DRAFT_MARK,
    prune: true,
    variables,
  });
  // For bisecting the print's cost (scripts/pdf-print-bisect.mjs): the laid-out document as
  // printed, saved only when a developer names a file.
  if (process.env.RAPPORTEUR_PDF_DUMP) writeFileSync(process.env.RAPPORTEUR_PDF_DUMP, await master.content());
  phase(`merged (${laidOut.reduce((n, part) => n + part.pages.length, 0)} characters of pages)`);
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
  const info: PdfRenderInfo = { file: job.file, pages, chunks: prepared.chunks.length, headingPages: merged.headingPages, ms: 0 };
  // The check starts now, on a thread, and runs before the file is written: a PDF that lost
  // words never replaces the last good one.
  const checkStarted = performance.now();
  const checking = prepared.text ? checks.check(bytes, prepared.text, merged.areas) : undefined;
  // Settled later (by finish); a failure meanwhile must not count as unhandled.
  checking?.catch(() => {});
  return {
    async finish(before) {
      // The jobs before first: when one of them failed, its error is the one the run ends with.
      await before;
      const result = checking ? await checking : undefined;
      // Read from the laid-out pages, not the PDF: a note printed twice has its text on its call's
      // page, so reading the PDF back cannot tell it from a note printed once.
      const repeated = checking ? merged.repeatedNotes[0] : undefined;
      if (repeated) {
        const number = (prepared.text?.footnoteIds?.indexOf(repeated.id) ?? -1) + 1;
        const label = repeated.id.replace(/^user-content-fn-/, '');
        throw new UserError(
          `${path.relative(runCwd(), job.file)}: the PDF check failed, so the file was not written: footnote ${number || label} ("${label}") is printed ${repeated.pages.length} times, on pages ${repeated.pages.join(' and ')}: ` +
            'the layout went wrong — please report this as a bug (`build --no-verify` writes the PDF unchecked)',
          { exitCode: 2 },
        );
      }
      if (result) {
        info.verifyMs = Math.round(performance.now() - checkStarted);
        info.verified = result;
        phase(`verified: ${result.words} words, ${result.footnotes} footnotes, ${result.contentsEntries} contents entries, ${result.problems.length} problem(s)`);
        if (result.problems.length) {
          if (process.env.RAPPORTEUR_PDF_DEBUG) for (const problem of result.problems) process.stderr.write(`[pdf] page ${problem.page}: ${problem.message}\n`);
          throw new UserError(
            `${path.relative(runCwd(), job.file)}: the PDF check failed, so the file was not written: ${describeProblems(result)}` +
              ' — please report this as a bug; `build --no-verify` writes the PDF unchecked',
            { exitCode: 2 },
          );
        }
      }
      await writeFileAtomic(job.file, bytes);
      return info;
    },
  };
}
