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
