import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/pdf/browser.js';
import { bin, makeWorkspace, removeWorkspace, reportSource } from './helpers.js';

// The one browser lookup of the project: a machine without a browser fails this test, never skips it.
const CHROMIUM = findBrowser();

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const source = (text: string) =>
  reportSource(`# Introduction\n\n${text}\n`, { systems: '[civil-law, common-law]', confidentiality: 'working-group' });

/** The live reload as a reader sees it: a real browser on the preview, a file saved, the page follows. */
describe('rapporteur watch in a browser', () => {
  it('reloads the open page on save, and shows a broken save as an overlay over the last good page', async () => {
    const root = makeWorkspace({ 'reports/demo/report.md': source('First text in the browser.') });
    cleanup.push(() => removeWorkspace(root));
    const child: ChildProcess = spawn(process.execPath, [bin, 'watch', 'demo'], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanup.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch did not start: ${out}`)), 30_000);
      child.stdout!.on('data', () => {
        const found = /Preview (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });

    const browser: Browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    cleanup.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    expect(await page.$eval('main', (m) => m.textContent)).toContain('First text in the browser.');

    writeFileSync(path.join(root, 'reports/demo/report.md'), source('Second text, after a save.'));
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Second text, after a save.'), { timeout: 20_000 });

    writeFileSync(path.join(root, 'reports/demo/report.md'), '---\ntitle: [broken\n---\n\nThird text.\n');
    await page.waitForSelector('#rapporteur-overlay.has-errors', { timeout: 20_000 });
    const text = await page.$eval('main', (m) => m.textContent ?? '');
    expect(text).toContain('Second text, after a save.');
    expect(text).not.toContain('Third text.');
    expect(await page.$eval('#rapporteur-overlay summary', (s) => s.textContent)).toContain('showing the last good version');
  });
});
