#!/usr/bin/env node
// PDF speed: plain Chromium print of the report's HTML (no Paged.js) against Rapporteur's paged
// route (chunks laid out by Paged.js in parallel tabs, merged, printed once), on a generated report.
// Usage: node bench/pdf.js [sections=12] [--naive]   (npm run compile first)
//   about 8.5 pages per section: 12 → ~100 pages, 120 → ~1,000 pages.
// --naive also times the whole document as one Paged.js chunk.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadReport } from '../lib/model/load.js';
import { renderHtml } from '../lib/render/html.js';
import { findBrowser, launchBrowser } from '../lib/pdf/browser.js';
import { renderPdfJobs } from '../lib/pdf/index.js';

const sections = Number(process.argv[2] ?? 12);
const naive = process.argv.includes('--naive');

export function generateReport(count) {
  const lines = ['---', 'title: Generated Benchmark Report', 'shorttitle: Benchmark', 'dialogue: Trade Secrets Best Practices Dialogue',
    'version: 0.9.0', 'status: draft', 'date: 2026-11-21', 'rapporteurs: [{name: Bench Mark}]', 'systems: [civil-law, common-law]',
    'confidentiality: working-group', '---', '', '::toc', '', 'Generated text for measuring the PDF route.', ''];
  const notes = [];
  let note = 0;
  for (let s = 1; s <= count; s++) {
    lines.push(`## Chapter ${s} on access to evidence`, '');
    for (let sub = 1; sub <= 4; sub++) {
      lines.push(`### Topic ${s}.${sub}`, '');
      for (let p = 0; p < 6; p++) {
        note++;
        lines.push(`Courts weigh the interests of both parties before ordering disclosure, and the order must be precise enough to be enforced.[^g${note}] ` +
          'Evidence of misappropriation is volatile: files are deleted and devices replaced within days of the first sign that the holder has noticed, so both traditions let courts secure it early. '.repeat(2), '');
        notes.push(`[^g${note}]: Judgment ${note} of the court of appeal, paragraph ${p + 10}; see also the statute, art. ${s}.`);
      }
      lines.push(`::::recommendation{#rec-${s}-${sub} title="Recommendation on topic ${s}.${sub}" topic=t${sub}}`, 'Courts should be able to order preservation of evidence.', '',
        ':::variant{system=civil-law}', 'A bailiff describes or seizes the evidence.', ':::', '',
        ':::variant{system=common-law}', 'A search order supervised by an independent solicitor.', ':::', '',
        ':::example{jurisdiction=JP}', '日本の不正競争防止法は営業秘密を保護する。', ':::', '::::', '');
    }
  }
  return [...lines, ...notes, ''].join('\n');
}

const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-bench-pdf-'));
try {
  mkdirSync(path.join(root, 'reports', 'bench'), { recursive: true });
  writeFileSync(path.join(root, 'reports', 'bench', 'report.md'), generateReport(sections));
  const { report } = await loadReport({ slug: 'bench', root, file: path.join(root, 'reports', 'bench', 'report.md') });
  const { html } = renderHtml(report, { edition: 'full' });

  const { browser, close } = await launchBrowser(findBrowser());
  let started = performance.now();
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
