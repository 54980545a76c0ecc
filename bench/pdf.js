#!/usr/bin/env node
// PDF speed: plain Chromium print of the report's HTML (no Paged.js) against Rapporteur's paged
// route (chunks laid out by Paged.js in parallel tabs, merged, printed once), on a generated report.
// Usage: node bench/pdf.js [pages=100] [--naive]   (npm run compile first)
//   the report comes from the shared generator (bench/generate.js), as in `npm run bench`.
// --naive also times the whole document as one Paged.js chunk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadReport } from '../lib/model/load.js';
import { renderHtml } from '../lib/render/html.js';
import { findBrowser, launchBrowser } from '../lib/pdf/browser.js';
import { renderPdfJobs } from '../lib/pdf/index.js';
import { generateReport, writeWorkspace } from './generate.js';

const pages = Number(process.argv[2] ?? 100);
const naive = process.argv.includes('--naive');

const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-bench-pdf-'));
try {
  const { reportDir } = writeWorkspace(root, generateReport({ pages, slug: 'bench' }));
  const { report } = await loadReport({ slug: 'bench', root, file: path.join(reportDir, 'report.md') });
  const { html } = renderHtml(report, { edition: 'full' });

  // Both routes are timed from browser launch to PDF bytes.
  let started = performance.now();
  const { browser, close } = await launchBrowser(findBrowser());
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  const plainPdf = await page.pdf({ format: 'A4', printBackground: true, timeout: 0 });
  const plainMs = performance.now() - started;
  await close();
  const plainFile = path.join(root, 'plain.pdf');
  writeFileSync(plainFile, plainPdf);
  const plainPages = /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [plainFile], { encoding: 'utf8' }).stdout)?.[1];

  const run = async (label, options) => {
    started = performance.now();
    const [info] = await renderPdfJobs([{ report, edition: 'full', html, file: path.join(root, `${label}.pdf`) }], { log: () => {}, ...options });
    const ms = performance.now() - started;
    console.log(`${label.padEnd(28)} ${String(info.pages).padStart(5)} pages  ${(ms / 1000).toFixed(1).padStart(6)} s  ${(ms / plainMs).toFixed(2)}× plain  (${info.chunks} chunks)`);
  };
  console.log(`${'plain Chromium page.pdf'.padEnd(28)} ${String(plainPages).padStart(5)} pages  ${(plainMs / 1000).toFixed(1).padStart(6)} s  1.00× plain`);
  await run('rapporteur (chunked)', {});
  if (naive) await run('paged.js, one chunk', { chunkChars: Number.MAX_SAFE_INTEGER, parallel: 1 });
} finally {
  rmSync(root, { recursive: true, force: true });
}
