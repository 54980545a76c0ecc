import { afterAll, beforeAll } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';

/**
 * One real Chromium for the tests of the calling `describe` block: started before its first test,
 * closed after its last. What it returns stands for that browser (it is not there before
 * `beforeAll`, so it is reached through a getter; a test that runs without it fails, never skips).
 */
export function useBrowser(): LaunchedBrowser {
  let current: LaunchedBrowser | undefined;
  beforeAll(async () => {
    current = await launchBrowser(findBrowser());
  }, 120_000);
  afterAll(async () => {
    await current?.close();
  });
  const started = (): LaunchedBrowser => {
    if (!current) throw new Error('the browser of this block did not start');
    return current;
  };
  return {
    get browser() {
      return started().browser;
    },
    close: () => started().close(),
  };
}
