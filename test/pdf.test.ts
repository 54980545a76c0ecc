import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../src/model/load.js';
import { findBrowser } from '../src/pdf/browser.js';
import { makeWorkspace, removeWorkspace, repoRoot, runCliInProcess } from './helpers.js';
import { fixtureReport } from './pdf-fixture.js';

function tool(name: string, args: string[]): string {
  const result = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** pdftotext, one string per page (pages are separated by form feeds). */
function pagesOf(pdf: string, layout = false): string[] {
  const text = tool('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-']);
  return text.split('\f').slice(0, -1);
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

function info(pdf: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of tool('pdfinfo', [pdf]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) out[match[1]] = match[2];
  }
  return out;
}

/** Each contents entry ("2.1  Title ... 7") must be the page on which that heading stands. */
function checkContents(pages: string[], layoutPages: string[]): number {
  const tocIndex = layoutPages.findIndex((page) => /^\s*Contents\s*$/m.test(page));
  expect(tocIndex).toBeGreaterThanOrEqual(0);
  const entryPattern = /^\s*(\d+(?:\.\d+)?)\s+(\S.*?)\s{2,}(\d+)\s*$/gm;
  const entries: RegExpMatchArray[] = [];
  let last = tocIndex;
  // The contents may run over several pages.
  for (let index = tocIndex; index < layoutPages.length; index++) {
    const found = [...layoutPages[index].matchAll(entryPattern)];
    if (index > tocIndex && found.length === 0) break;
    entries.push(...found);
    last = index;
  }
  expect(entries.length).toBeGreaterThan(3);
  for (const [, number, title, page] of entries) {
    const heading = `${number} ${title.trim()}`;
    const standsOn = pages.findIndex((text, index) => index > last && squash(text).includes(heading)) + 1;
    expect({ heading, page: standsOn }).toEqual({ heading, page: Number(page) });
  }
  return entries.length;
}

/** The titles of the outline's first two levels (bookmarks), in order. */
async function outlineTitles(pdf: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.lookup(PDFName.of('Title')) as PDFHexString | PDFString;
      titles.push(title.decodeText());
      if (depth < 1) walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return titles;
}

describe('PDF of the sample report', () => {
  let out: string;
  let pdf: string;
  let pages: string[];
  beforeAll(async () => {
    out = makeWorkspace({});
    const result = await runCliInProcess(['build', 'access-to-evidence', '--format', 'pdf', '--out', out], { cwd: repoRoot });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    pdf = path.join(out, 'access-to-evidence', 'access-to-evidence.pdf');
    pages = pagesOf(pdf);
  }, 180_000);
  afterAll(() => removeWorkspace(out));

  it('has a sensible page count, every recommendation title, and contents numbers that are real pages', async () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.length).toBeLessThan(120);
    const { report } = await loadReport({ slug: 'access-to-evidence', root: repoRoot, file: path.join(repoRoot, 'reports/access-to-evidence/report.md') });
    const all = squash(pages.join(' '));
    for (const recommendation of report!.recommendations) expect(all).toContain(squash(recommendation.title));
    checkContents(pages, pagesOf(pdf, true));
  });

  it('embeds every font, CJK as TrueType, never Type 3', async () => {
    const fonts = tool('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(2);
    for (const line of fonts) {
      expect(line).not.toMatch(/Type 3/);
      expect(line).toMatch(/\byes\s+yes\s+yes\b/);
    }
    expect(fonts.join('\n')).toMatch(/SourceSerif4/);
  });

  it('carries metadata, an outline, tags, and the draft and working-group marks on every page', async () => {
    const meta = info(pdf);
    expect(meta.Title).toBe('Access to Evidence and Protection of Secrets in Trade Secret Litigation');
    expect(meta.Author).toContain('Hélène Marchetti');
    expect(meta.Subject).toBe('Trade Secrets Best Practices Dialogue');
    expect(meta.Tagged).toBe('yes');
    const outline = await outlineTitles(pdf);
    expect(outline[0]).toBe('Access to Evidence and Protection of Secrets in Trade Secret Litigation');
    expect(outline).toContain('2 Obtaining and preserving evidence');
    expect(outline).toContain('5 Summary of recommendations');
    for (const page of pages) {
      expect(page).toContain('DRAFT');
      expect(page).toContain('Working group only — not for distribution');
    }
  });
});

describe('PDF of a fixture report', () => {
  let root: string;
  let server: http.Server;
  const requests: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const remote = `http://127.0.0.1:${port}`;
    const hostile = [
      `![remote](${remote}/image.png)`,
      '',
      `<iframe src="${remote}/frame"></iframe>`,
      '',
      `<script src="${remote}/script.js"></script><script>fetch("${remote}/inline")</script>`,
      '',
      `<img src="${remote}/raw.png" onerror="fetch('${remote}/onerror')">`,
      '',
      `<link rel="stylesheet" href="${remote}/style.css">`,
      '',
      `[a link](javascript:fetch('${remote}/js'))`,
      '',
    ].join('\n');
    root = makeWorkspace({
      // Enough sections for the contents to run over two pages.
      'reports/draft/report.md': fixtureReport({}, 16),
      'reports/final/report.md': fixtureReport({ status: 'final', confidentiality: 'public', version: '1.0.0', paper: 'Letter' }, 2),
      'reports/hostile/report.md': fixtureReport({}, 1).replace('This report is a fixture for the PDF renderer.', hostile),
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    removeWorkspace(root);
  });

  it('sets footnotes on the page of their call, numbers the contents, and extracts Japanese and Korean', async () => {
    // One section per chunk: numbering of pages, footnotes and contents must run on across chunks.
    const result = await runCliInProcess(['build', 'draft', '--format', 'pdf', '--quiet'], { cwd: root, env: { RAPPORTEUR_PDF_CHUNK: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdf = path.join(root, 'dist', 'draft', 'draft.pdf');
    const pages = pagesOf(pdf);
    for (let note = 1; note <= 40; note++) {
      const call = pages.findIndex((page) => new RegExp(`\\bQ${note}C\\b`).test(page));
      const text = pages.findIndex((page) => new RegExp(`\\bQ${note}N\\b`).test(page));
      expect({ note, call }).not.toEqual({ note, call: -1 });
      expect({ note, page: text }).toEqual({ note, page: call });
      expect(squash(pages[text])).toContain(`${note}. Note text with marker Q${note}N`);
    }
    expect(pages.at(-1)).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}`));
    expect(pages[2]).toMatch(/Page 3 of \d+/);
    expect(checkContents(pages, pagesOf(pdf, true))).toBe(16 * 3);
    const all = pages.join('\n');
    expect(all).toContain('日本の不正競争防止法は営業秘密を保護する。');
    expect(all).toContain('부정경쟁방지법은 영업비밀을 보호한다.');
    expect(all).not.toContain('SECRETCOMMENTTEXT');
    const fonts = tool('pdffonts', [pdf]);
    expect(fonts).toMatch(/IPA\w*\s+CID TrueType/);
    expect(fonts).toMatch(/Nanum\w*\s+CID TrueType/);
    expect(fonts).not.toMatch(/Type 3/);
    const meta = info(pdf);
    expect(meta.Title).toBe('Test Report');
    expect(meta.Author).toBe('Ada Rapporteur, Ben Second');
    expect(meta.Keywords).toContain('topic1');
    expect(meta['Page size']).toMatch(/A4/);
  }, 240_000);

  it('prints neither watermark nor notice on a final public report, on Letter paper', async () => {
    const result = await runCliInProcess(['build', 'final', '--format', 'pdf,html', '--edition', 'all', '--quiet'], { cwd: root });
    expect(result.code).toBe(0);
    for (const name of ['final.pdf', 'final-civil-law.pdf', 'final-common-law.pdf']) {
      const pdf = path.join(root, 'dist', 'final', name);
      const pages = pagesOf(pdf);
      expect(pages.join('\n')).not.toMatch(/DRAFT|Working group only/);
      expect(info(pdf)['Page size']).toMatch(/612 x 792/);
    }
    const civil = pagesOf(path.join(root, 'dist', 'final', 'final-civil-law.pdf')).join('\n');
    expect(civil).toContain('appoint an expert');
    expect(civil).not.toContain('confidentiality club');
  }, 240_000);

  it('strips remote resources, scripts and frames, and makes no request while building', async () => {
    const result = await runCliInProcess(['build', 'hostile', '--format', 'html,pdf', '--quiet'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/reports\/hostile\/report\.md:\d+:\d+ warning .*remote image/);
    expect(requests).toEqual([]);
    const html = readFileSync(path.join(root, 'dist', 'hostile', 'hostile.html'), 'utf8');
    expect(html).not.toMatch(/<script|<iframe|onerror|javascript:|127\.0\.0\.1|SECRETCOMMENTTEXT/i);
    const text = pagesOf(path.join(root, 'dist', 'hostile', 'hostile.pdf')).join('\n');
    expect(text).not.toMatch(/SECRETCOMMENTTEXT|127\.0\.0\.1/);
  }, 240_000);

  it('stops with a clear message when Paged.js does not finish in time, and keeps the previous PDF', async () => {
    const pdf = path.join(root, 'dist', 'final', 'final.pdf');
    // The previous PDF: the Letter-paper test above wrote it (built here when this test runs alone).
    if (!existsSync(pdf)) expect((await runCliInProcess(['build', 'final', '--format', 'pdf', '--quiet'], { cwd: root })).code).toBe(0);
    const before = readFileSync(pdf);
    const result = await runCliInProcess(['build', 'final', '--format', 'pdf'], { cwd: root, env: { RAPPORTEUR_PDF_TIMEOUT: '0.001' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Paged\.js did not finish laying out .*final\.pdf \(full edition\) within 0\.001 s/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(1000);
  }, 240_000);

  it('says how to install a browser when none is found', async () => {
    const result = await runCliInProcess(['build', 'final', '--format', 'pdf'], { cwd: root, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PUPPETEER_EXECUTABLE_PATH names \/nonexistent\/chrome, which does not exist; install one/);
    expect(() => findBrowser(undefined, { HOME: root }, [])).toThrow(/PDF output needs Chrome or Chromium and none was found; install one \(Debian\/Ubuntu: `sudo apt-get install chromium`/);
    expect(findBrowser(undefined, { CHROME_PATH: process.execPath }, [])).toBe(process.execPath);
  });
});
