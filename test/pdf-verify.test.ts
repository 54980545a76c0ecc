import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';
import type { EditionText } from '../src/pdf/in-page.js';
import { verifyPdf } from '../src/pdf/verify.js';

/**
 * The PDF check against small PDFs printed by Chromium: a contents page whose entries print the
 * given page numbers, then both sections on page 2.
 */
const contentsPdf = async (browser: LaunchedBrowser, pages: [string, string]): Promise<Uint8Array> => {
  const page = await browser.browser.newPage();
  try {
    await page.setContent(
      `<!doctype html><html lang="en"><body style="font: 12pt serif">
<h1>Contents</h1>
<p>1 Evidence ........ ${pages[0]}</p>
<p>2 Secrets ........ ${pages[1]}</p>
<h2 style="break-before: page">1 Evidence</h2><p>The first section opens here.</p>
<h2>2 Secrets</h2><p>The second section opens here.</p>
</body></html>`,
      { waitUntil: 'load' },
    );
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await page.close();
  }
};

/** The text the edition should show: the entries (their page numbers are checked apart), then the sections. */
const expected: EditionText = {
  runs: [
    { text: 'Contents' },
    { text: '1 Evidence' },
    { tocEnd: 'evidence' },
    { text: '2 Secrets' },
    { tocEnd: 'secrets' },
    { heading: 'evidence' },
    { text: '1 Evidence' },
    { text: 'The first section opens here.' },
    { heading: 'secrets' },
    { text: '2 Secrets' },
    { text: 'The second section opens here.' },
  ],
  footnotes: [],
};

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
