import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../src/pdf/browser.js';
import { verifyPdf } from '../src/pdf/verify.js';
import { contentsExpected as expected, contentsPdf } from './pdf-contents-fixture.js';
import { useBrowser } from './browser-fixture.js';

describe('PDF check of the contents page numbers', () => {
  const launched = useBrowser();

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

describe('PDF check of text printed twice', () => {
  const launched = useBrowser();

  const sentence = 'Courts should order the preservation of evidence when a party shows a real risk of loss.';
  const head = 'Jurisdiction Remedy Time limit for an application to the court';
  // Printed by Chromium as written: the edition's text is given apart, as the build takes it from the document.
  const print = async (html: string): Promise<Uint8Array> => {
    const page = await launched.browser.newPage();
    try {
      await page.setContent(`<!doctype html><html lang="en"><body style="font: 12pt serif">${html}</body></html>`, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4' });
    } finally {
      await page.close();
    }
  };

  it('fails a passage printed again (a layout that laid a piece out twice), naming the page and the words', async () => {
    const pdf = await print(`<p>${sentence}</p><p style="break-before: page">${sentence}</p><p>The second paragraph closes.</p>`);
    const result = await verifyPdf(pdf, { runs: [{ text: sentence }, { text: 'The second paragraph closes.' }], footnotes: [] }, []);
    expect(result.problems).toEqual([
      { page: 2, message: 'body text printed more than once: 16 word(s) "courts should order the preservation of evidence when a party shows a … of loss" appear again here' },
    ]);
  });

  it('passes a table head printed again on the next page, and a short label the template adds', async () => {
    const table = (rows: string) => `<table><thead><tr><th>${head}</th></tr></thead><tbody>${rows}</tbody></table>`;
    const pdf = await print(`<p>Recommendation 2.1</p><p>${sentence}</p>${table('<tr><td>Germany: three months.</td></tr>')}<div style="break-before: page">${table('<tr><td>Japan: one month.</td></tr>')}</div>`);
    const expected = {
      runs: [{ text: sentence }, { text: head }, { text: 'Germany: three months.' }, { text: 'Japan: one month.' }],
      footnotes: [],
      repeatable: [head],
    };
    expect((await verifyPdf(pdf, expected, [])).problems).toEqual([]);
    // Without knowing the head may repeat, the same PDF fails: the test can tell.
    expect((await verifyPdf(pdf, { ...expected, repeatable: [] }, [])).problems.map((problem) => problem.page)).toEqual([2]);
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
