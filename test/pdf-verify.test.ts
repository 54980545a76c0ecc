import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';
import { verifyPdf } from '../src/pdf/verify.js';
import { contentsExpected as expected, contentsPdf } from './pdf-contents-fixture.js';

describe('PDF check of the contents page numbers', () => {
  let launched: LaunchedBrowser;
  beforeAll(async () => {
    launched = await launchBrowser(findBrowser());
  }, 120_000);
  afterAll(async () => {
    await launched?.close();
  });

  it('reads an entry whose page number is the next entry\'s number ("1 Evidence 2" then "2 Secrets") as numbered', async () => {
    const result = await verifyPdf(await contentsPdf(launched, ['2', '2']), expected, []);
    expect(result.problems).toEqual([]);
    expect(result.pages).toBe(2);
    expect(result.contentsEntries).toBe(2);
  });

  it('still finds a wrong page number and a missing one in the same place', async () => {
    const wrong = await verifyPdf(await contentsPdf(launched, ['3', '2']), expected, []);
    expect(wrong.problems.map((problem) => problem.message)).toEqual(['contents entry "Contents 1 Evidence" says page 3, but the heading is on page 2']);
    const missing = await verifyPdf(await contentsPdf(launched, ['', '2']), expected, []);
    expect(missing.problems.map((problem) => problem.message)).toEqual(['contents entry "Contents 1 Evidence" shows no page number (heading on page 2)']);
  });
});

describe('the check\'s PDF reader', () => {
  it('is pdfjs-dist\'s modern build: no built-in replaced, no warning printed, the PDF read', async () => {
    const launched = await launchBrowser(findBrowser());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-pdfjs-'));
    try {
      const file = path.join(dir, 'contents.pdf');
      writeFileSync(file, await contentsPdf(launched, ['2', '2']));
      // A process of its own, as the check's thread is: the legacy build would swap
      // Array.prototype.push for core-js's, and the modern one prints a warning on Node 20 unless held back.
      const script = `
        const push = Array.prototype.push;
        const { loadPdfjs } = await import(${JSON.stringify(path.resolve('lib/pdf/pdfjs.js'))});
        const pdfjs = await loadPdfjs();
        const doc = await pdfjs.getDocument({ data: new Uint8Array((await import('node:fs')).readFileSync(${JSON.stringify(file)})), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
        const text = await (await doc.getPage(2)).getTextContent();
        console.log(doc.numPages, Array.prototype.push === push, text.items.some((item) => 'str' in item && item.str.includes('Secrets')));
        await doc.destroy();`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('2 true true\n');
    } finally {
      await launched.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
