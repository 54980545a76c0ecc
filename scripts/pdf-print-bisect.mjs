#!/usr/bin/env node
// Bisects the cost of printing a laid-out document (issue #12: the print grows faster than the
// document). Save the laid-out document of a build first:
//
//   RAPPORTEUR_PDF_DUMP=/tmp/laid-out.html rapporteur build <slug> --format pdf --no-verify
//   node scripts/pdf-print-bisect.mjs /tmp/laid-out.html none nolinks emptyall emptyall+nolinks none:one
//
// Each variant loads the document in a fresh tab (print media, paper-sized window, the build's
// fonts), changes it, then times `page.pdf` as the build calls it; `+` combines variants, `:one`
// prints page 1 only (layout and tagging for print, but one page painted), `:plain` neither tags
// nor outlines. CPU is that of the browser's whole process tree (read from /proc), so compare
// CPU, not wall, on a shared machine. npm run compile first.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'pdf');
const { AssetServer, registerFonts } = await import(path.join(lib, 'assets.js'));
const { launchBrowser, findBrowser } = await import(path.join(lib, 'browser.js'));
const { childrenCpu } = await import(path.join(lib, '..', 'util', 'children-cpu.js'));

const addStyle = (css) => `{ const style = document.createElement('style'); style.textContent = ${JSON.stringify(css)}; document.head.append(style); }`;
const VARIANTS = {
  none: '',
  // Internal links without their href: Chromium then has no named destinations to place.
  nolinks: `document.querySelectorAll('a[href^="#"]').forEach((link) => link.removeAttribute('href'))`,
  // The links kept, their targets' ids taken away: Chromium then finds no named destination to
  // place (each page's print looks up every destination of the document), but still draws the links.
  noids: `{ const targets = new Set([...document.querySelectorAll('a[href^="#"]')].map((link) => decodeURIComponent(link.hash.slice(1)))); for (const id of targets) document.getElementById(id)?.removeAttribute('id'); }`,
  // Every page's content and notes removed; the page boxes (margin boxes, running heads) stay.
  emptyall: `document.querySelectorAll('.pagedjs_page_content, .pagedjs_footnote_content').forEach((element) => element.replaceChildren())`,
  // Pages reduced to their outermost element (Paged.js's print rules: full height, break after).
  stripall: `document.querySelectorAll('.pagedjs_page').forEach((page) => page.replaceChildren())`,
  half: `{ const pages = [...document.querySelectorAll('.pagedjs_page')]; pages.slice(pages.length / 2).forEach((page) => page.remove()); }`,
  quarter: `{ const pages = [...document.querySelectorAll('.pagedjs_page')]; pages.slice(pages.length / 4).forEach((page) => page.remove()); }`,
  // Same DOM, three quarters of the pages not printed.
  hide3q: `{ const pages = [...document.querySelectorAll('.pagedjs_page')]; pages.slice(pages.length / 4).forEach((page) => (page.style.display = 'none')); }`,
  nomargins: `document.querySelectorAll('[class*="pagedjs_margin-"]').forEach((box) => box.remove())`,
  nowatermark: `document.querySelectorAll('.rapporteur-watermark').forEach((mark) => mark.remove())`,
  nocounters: addStyle('[data-footnote-call]::after { content: "1" !important } [data-footnote-marker]::marker { content: "1. " !important } .pagedjs_margin-content::after { content: "Page 1 of 9" !important } .pagedjs_page, .pagedjs_pages, [data-footnote-marker] { counter-increment: none !important; counter-reset: none !important }'),
  clayout: addStyle('.pagedjs_page { contain: layout }'),
  cpaint: addStyle('.pagedjs_page { contain: paint }'),
  cstrict: addStyle('.pagedjs_page { contain: strict }'),
  autoheight: addStyle('@media print { html, body, .pagedjs_pages { height: auto !important; max-height: none !important; min-height: 0 !important } }'),
  nobreak: addStyle('.pagedjs_page { break-after: auto !important }'),
};

const [file, ...variants] = process.argv.slice(2);
if (!file || variants.length === 0) {
  process.stderr.write(`usage: pdf-print-bisect.mjs <laid-out.html> <variant[+variant][:one|:plain]>...\nvariants: ${Object.keys(VARIANTS).join(', ')}\n`);
  process.exit(2);
}
const { browser, close } = await launchBrowser(findBrowser());
const server = new AssetServer();
registerFonts(server);
const url = server.add('/document.html', 'text/html; charset=utf-8', readFileSync(file, 'utf8'));
try {
  for (const variant of variants) {
    const [names, mode] = variant.split(':');
    const page = await browser.newPage();
    await server.attach(page);
    await page.emulateMediaType('print');
    await page.setViewport({ width: 794, height: 1123 });
    await page.goto(url, { waitUntil: 'load', timeout: 0 });
    for (const name of names.split('+')) {
      if (!(name in VARIANTS)) throw new Error(`unknown variant ${name}`);
      await page.evaluate(VARIANTS[name]);
    }
    await page.evaluate(() => document.fonts.ready);
    const pages = await page.evaluate(() => document.querySelectorAll('.pagedjs_page').length);
    const cpuBefore = childrenCpu();
    const started = performance.now();
    const pdf = await page.pdf({
      width: '210mm',
      height: '297mm',
      printBackground: true,
      preferCSSPageSize: true,
      outline: mode !== 'plain',
      tagged: mode !== 'plain',
      timeout: 0,
      ...(mode === 'one' ? { pageRanges: '1' } : {}),
    });
    const ms = performance.now() - started;
    const cpu = childrenCpu() - cpuBefore;
    console.log(`${variant.padEnd(32)} ${String(pages).padStart(5)} pages  ${(ms / 1000).toFixed(2)} s wall  ${(cpu / 1000).toFixed(2)} s CPU  ${(cpu / pages).toFixed(1)} ms/page  ${(pdf.length / 2 ** 20).toFixed(1)} MB  load ${os.loadavg()[0].toFixed(1)}`);
    await page.close();
  }
} finally {
  await close();
}
