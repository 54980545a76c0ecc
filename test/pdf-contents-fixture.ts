import type { LaunchedBrowser } from '../src/pdf/browser.js';
import type { EditionText } from '../src/pdf/in-page.js';

/**
 * A small PDF printed by Chromium for the PDF check's tests: a contents page whose entries print the
 * given page numbers, then both sections on page 2.
 */
export const contentsPdf = async (browser: LaunchedBrowser, pages: [string, string]): Promise<Uint8Array> => {
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
export const contentsExpected: EditionText = {
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
