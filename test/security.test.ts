/**
 * Security: rendering fetches nothing (a local server counts requests, and the built page is
 * opened in real Chromium), nothing executable from the source reaches output, and a killed build
 * leaves the previous output intact. Reading outside the workspace and comment text are covered
 * by the bad-input corpus (test/bad-inputs/) and the property tests.
 */
import { findBrowser } from '../src/pdf/browser.js';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles, generateReport, toRapporteur } from '../bench/generate.js';
import { bin, commitAll, initRepo, makeWorkspace, removeWorkspace, reportSource, runCliInProcess } from './helpers.js';

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

function workspace(files: Record<string, string>): string {
  const root = makeWorkspace(files);
  workspaces.push(root);
  initRepo(root);
  commitAll(root, 'draft');
  return root;
}

describe('no network request during any render', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('build (HTML, every edition) and the built page in Chromium fetch nothing', async () => {
    const host = base.replace('http:', '');
    const root = workspace({
      'reports/r/report.md': reportSource(
        [
          '# Sources',
          '',
          `![Remote](${base}/image.png) and ![Relative scheme](${host}/scheme.png)`,
          '',
          `A [link](${base}/link) and an autolink <${base}/autolink> and ${base}/literal.`,
          '',
          `<img src="${base}/raw-img.png"> <link rel="stylesheet" href="${base}/style.css"> <script src="${base}/script.js"></script>`,
          '',
          `<iframe src="${base}/frame"></iframe> <video src="${base}/video.mp4"></video> <object data="${base}/object"></object>`,
          '',
          `[ref]: ${base}/definition`,
          '',
          `::::recommendation{#r1 title="Remote" src="${base}/directive-src"}`,
          `Text with ![inside](${base}/inside.png).`,
          '',
          ':::variant{system=civil-law}',
          `Civil ![variant](${base}/variant.png).`,
          ':::',
          '::::',
        ].join('\n'),
      ),
    });
    const result = await runCliInProcess(['build', 'r', '--edition', 'all'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('remote image');
    expect(requests, 'the build itself').toEqual([]);

    const html = readFileSync(path.join(root, 'dist/r/r.html'), 'utf8');
    for (const resource of ['image.png', 'scheme.png', 'raw-img.png', 'style.css', 'script.js', 'frame', 'video.mp4', 'object', 'inside.png', 'variant.png', 'directive-src']) {
      expect(html, resource).not.toContain(`/${resource}"`);
    }

    // Opening the published page loads nothing from the network either (links are not followed).
    // The project's one browser lookup: without a browser this fails rather than passing unchecked.
    const chromium = findBrowser();
    const puppeteer = (await import('puppeteer-core')).default;
    const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const seen: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) seen.push(request.url());
      });
      for (const file of readdirSync(path.join(root, 'dist/r')).filter((f) => f.endsWith('.html'))) {
        await page.goto(`file://${path.join(root, 'dist/r', file)}`, { waitUntil: 'networkidle0' });
      }
      expect(seen, 'requests made by the page').toEqual([]);
    } finally {
      await browser.close();
    }
    expect(requests, 'requests received by the server').toEqual([]);
  });

  it('PDF output fetches nothing', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource(`# One\n\n![Remote](${base}/pdf-image.png) and [a link](${base}/pdf-link).\n`) });
    const result = await runCliInProcess(['build', 'r', '--format', 'pdf'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(requests).toEqual([]);
  });
});

describe('nothing executable from the source reaches output', () => {
  it('scripts, iframes, event handlers, javascript: and data: links are dropped in every edition', async () => {
    const root = workspace({
      'reports/r/report.md': reportSource(
        [
          '# Attacks',
          '',
          '<script>window.PWNED_SCRIPT = 1</script>',
          '',
          '<iframe srcdoc="<script>PWNED_SRCDOC</script>"></iframe>',
          '',
          '<img src="x.png" onerror="PWNED_ONERROR()"> <svg onload="PWNED_SVG()"></svg> <a href="#" onclick="PWNED_CLICK()">x</a>',
          '',
          '[plain](javascript:PWNED_JS_LINK) [upper](JAVASCRIPT:PWNED_UPPER) [spaced](&#106;avascript:PWNED_ENTITY) [data](data:text/html,PWNED_DATA)',
          '',
          '<a href="javascript:PWNED_RAW_LINK">raw</a> <form action="javascript:PWNED_FORM"><button>go</button></form>',
          '',
          '![img](javascript:PWNED_IMG)',
          '',
          '::::recommendation{#r1 title="T" onclick="PWNED_DIRECTIVE()" style="background:url(javascript:PWNED_STYLE)"}',
          'Principle :ref[r1]{onmouseover="PWNED_REF()"}.',
          '',
          ':::variant{system=civil-law onload="PWNED_VARIANT()"}',
          'Civil.',
          ':::',
          '',
          ':::example{jurisdiction=FR href="javascript:PWNED_EXAMPLE"}',
          'Example.',
          ':::',
          '::::',
          '',
          ':::unknown{onclick="PWNED_UNKNOWN()" id="__proto__"}',
          'Unknown directive.',
          ':::',
        ].join('\n'),
      ),
    });
    const result = await runCliInProcess(['build', 'r', '--edition', 'all'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(path.join(root, 'dist/r')).filter((f) => f.endsWith('.html'));
    expect(files.length).toBe(3);
    for (const file of files) {
      const html = readFileSync(path.join(root, 'dist/r', file), 'utf8');
      expect(html, file).not.toMatch(/PWNED/);
      expect(html, file).not.toMatch(/javascript:/i);
      expect(html, file).not.toMatch(/<(iframe|object|embed|form|svg)\b/i);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
      // The template may carry its own inline script; none comes from the source.
      const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
      for (const script of scripts) expect(script).not.toMatch(/PWNED|src=/);
    }
  });
});

describe('a killed build leaves the previous output intact', () => {
  it('every output file is a complete old or new version, whenever the build is killed', { timeout: 180_000 }, async () => {
    const root = makeWorkspace({});
    workspaces.push(root);
    const report = generateReport({ pages: 40, seed: 7, slug: 'r' });
    writeFiles(path.join(root, 'reports', 'r'), toRapporteur(report));
    initRepo(root);
    commitAll(root, 'draft');
    const first = await runCliInProcess(['build', 'r', '--edition', 'all', '--no-cache'], { cwd: root });
    expect(first.code, first.stderr).toBe(0);
    const dir = path.join(root, 'dist', 'r');
    const previous = new Map(readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    expect(previous.size).toBe(3);

    // A new revision, so that a completed file differs from the previous one.
    const chapter = path.join(root, 'reports', 'r', report.chapters[0].file);
    writeFileSync(chapter, `${readFileSync(chapter, 'utf8')}\nA sentence added in the new revision.\n`);

    for (const delay of [150, 400, 800, 1500, 2500]) {
      const child = spawn(process.execPath, [bin, 'build', 'r', '--edition', 'all', '--no-cache', '-q'], { cwd: root, stdio: 'ignore' });
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await closed;
      for (const [file, before] of previous) {
        const now = readFileSync(path.join(dir, file), 'utf8');
        expect(now.trimEnd().endsWith('</html>'), `${file} complete after a kill at ${delay} ms`).toBe(true);
        if (now !== before) expect(now, `${file} is the new revision`).toContain('A sentence added in the new revision.');
      }
    }
  });
});
