import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';
import { makeWorkspace, removeWorkspace, repoRoot, runCliInProcess } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

describe('published web page of the sample report', () => {
  let out: string;
  let launched: LaunchedBrowser;
  const file = (edition: string) => path.join(out, 'access-to-evidence', edition === 'full' ? 'access-to-evidence.html' : `access-to-evidence-${edition}.html`);
  beforeAll(async () => {
    out = makeWorkspace({});
    const result = await runCliInProcess(['build', 'access-to-evidence', '--format', 'html', '--edition', 'all', '--out', out, '--quiet'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    launched = await launchBrowser(findBrowser());
  }, 120_000);
  afterAll(async () => {
    await launched?.close();
    removeWorkspace(out);
  });

  for (const edition of ['full', 'civil-law', 'common-law']) {
    it(`has no serious or critical axe-core violation (${edition} edition), at desktop and mobile widths`, async () => {
      const page = await launched.browser.newPage();
      try {
        for (const width of [1440, 390]) {
          await page.setViewport({ width, height: 900 });
          await page.setContent(readFileSync(file(edition), 'utf8'), { waitUntil: 'load' });
          await page.evaluate(axeSource);
          const violations = (await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
          })) as AxeViolation[];
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
        }
      } finally {
        await page.close();
      }
    });
  }

  it('switches between variants without JavaScript, links every recommendation, and carries Open Graph data', async () => {
    const html = readFileSync(file('full'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<meta property="og:title" content="Access to Evidence and Protection of Secrets in Trade Secret Litigation">/);
    expect(html).toMatch(/<meta property="og:site_name" content="Trade Secrets Best Practices Dialogue">/);
    expect(html).toMatch(/<meta property="article:published_time" content="2026-11-21">/);
    const page = await launched.browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setViewport({ width: 1440, height: 900 });
      await page.setContent(html, { waitUntil: 'load' });
      const visible = (system: string) =>
        page.$$eval(`.variant[data-system="${system}"]`, (nodes) => nodes.filter((n) => (n as HTMLElement).offsetParent !== null).length);
      const civil = await visible('civil-law');
      const common = await visible('common-law');
      expect(civil).toBeGreaterThan(0);
      expect(common).toBeGreaterThan(0);
      await page.click('label[for="view-civil-law"]');
      expect(await visible('civil-law')).toBe(civil);
      expect(await visible('common-law')).toBe(0);
      await page.click('label[for="view-all"]');
      expect(await visible('common-law')).toBe(common);
      const permalinks = await page.$$eval('section.recommendation[id]', (sections) =>
        sections.map((s) => s.querySelector('.recommendation-heading a.permalink')?.getAttribute('href') === `#${s.id}`),
      );
      expect(permalinks.length).toBeGreaterThan(3);
      expect(permalinks.every(Boolean)).toBe(true);
      // The contents stay in view on a wide screen.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const tocTop = await page.$eval('.report-body > .toc', (toc) => toc.getBoundingClientRect().top);
      expect(tocTop).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('has no view switcher in an edition for one system', async () => {
    expect(readFileSync(file('civil-law'), 'utf8')).not.toContain('<fieldset class="view-switcher"');
  });
});
