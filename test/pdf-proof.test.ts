import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript shared with the benchmark, no types.
import { LONG_TITLE, stressReport } from '../bench/stress.js';
import { buildReports } from '../src/build/index.js';
import { loadReport } from '../src/model/load.js';
import { renderPdfJobs, type PdfRenderInfo } from '../src/pdf/index.js';
import { renderHtml } from '../src/render/html.js';
import { bin, repoRoot, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

function tool(name: string, args: string[]): string {
  const result = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const pagesOf = (pdf: string, layout = false) => tool('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-']).split('\f').slice(0, -1);

function stressWorkspace(options: Record<string, unknown> = {}): { root: string; file: string } {
  const root = workspace({ 'reports/stress/report.md': stressReport({ sections: 7, paragraphs: 6, ...options }) });
  return { root, file: path.join(root, 'reports/stress/report.md') };
}

describe('the PDF of a report built to provoke every defect of issue #12', () => {
  let pdf: string;
  let info: PdfRenderInfo;
  let source: string;
  let pages: string[];
  beforeAll(async () => {
    const { root, file } = stressWorkspace();
    source = readFileSync(file, 'utf8');
    const { report } = await loadReport({ slug: 'stress', root, file });
    const { html } = renderHtml(report!, { edition: 'full' });
    pdf = path.join(root, 'stress.pdf');
    // Small chunks: many chunk boundaries, where lines used to be lost.
    [info] = await renderPdfJobs([{ report: report!, edition: 'full', html, file: pdf }], { log: () => {}, chunkChars: 15_000 });
    pages = pagesOf(pdf);
  }, 300_000);

  it('is laid out in several chunks and proved: every word, every note on its call page, every contents number', async () => {
    expect(info.chunks).toBeGreaterThan(4);
    expect(info.verified?.problems).toEqual([]);
    expect(info.verified?.footnotes).toBeGreaterThan(300);
    expect(info.verified?.contentsEntries).toBeGreaterThan(15);
  });

  it('has every sentence and every note, in order, by pdftotext', async () => {
    const text = pages.join('\n');
    const sentences = [...source.matchAll(/\bw\d+x\d+\b/g)].map((m) => m[0]);
    const notes = [...new Set([...source.matchAll(/\bn\d+q\b/g)].map((m) => m[0]))];
    const found = (marker: string) => new RegExp(`\\b${marker}\\b`).test(text);
    expect(sentences.filter((marker) => !found(marker))).toEqual([]);
    expect(notes.filter((marker) => !found(marker))).toEqual([]);
    const positions = sentences.map((marker) => text.search(new RegExp(`\\b${marker}\\b`)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('prints each long URL whole, wrapped inside the page', async () => {
    // pdftotext joins a word hyphenated at a line end and drops its hyphen: compare without hyphens.
    const joined = pages.join('').replace(/\s+|-/g, '');
    const urls = [...new Set([...source.matchAll(/https:\/\/\S+?\.pdf\?session=[A-Z0-9]+/g)].map((m) => m[0]))];
    expect(urls.length).toBeGreaterThan(40);
    for (const url of urls) expect(joined).toContain(url.replace(/-/g, ''));
  });

  it('embeds every face it uses (italic headings included), no Type 3 font', async () => {
    const fonts = tool('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
    for (const line of fonts) expect(line).not.toMatch(/Type 3/);
    expect(fonts.join('\n')).toMatch(/Italic/);
  });

  it('sets running heads on one line: the long title cut with an ellipsis, the section head too', async () => {
    const layout = pagesOf(pdf, true);
    const body = layout.slice(2);
    const heads = body.map((page) => page.split('\n').find((line) => line.trim()) ?? '');
    for (const head of heads) {
      // Both heads on the first line: the title cut at a word, the section (none before the first
      // section) at most 45 characters.
      const match = /^Protecting Trade Secrets in Civil Proceedings: Evidence…(?:\s{3,}(\S.*))?$/.exec(head);
      expect(match, head).toBeTruthy();
      expect((match?.[1] ?? '').length).toBeLessThanOrEqual(46);
    }
    expect(heads.some((head) => /Part 3 in…$|Part 3 in Cross…$/.test(head) || /…$/.test(head))).toBe(true);
    expect(LONG_TITLE.length).toBeGreaterThan(100);
  });

  it('keeps authored heading numbers and adds none of its own to them', async () => {
    const text = pages.join('\n');
    expect(text).toMatch(/^III\. The Increasing Role of Evidence Part 3/m);
    expect(text).not.toMatch(/\b\d+(\.\d+)* (I|II|III|A|B)\. (The|Confidentiality)/);
    expect(text).not.toMatch(/\d \(a\) Orders/);
  });
});

describe('the PDF check', () => {
  it('fails the build with exit 2, naming the page and the words, when the PDF loses lines; --no-verify writes it', async () => {
    const { root } = stressWorkspace({ sections: 2, paragraphs: 2 });
    // A template whose pages clip the fourth paragraph after one line: a PDF made to lose lines,
    // as the chunked layout once did.
    const template = path.join(root, 'templates', 'lossy');
    cpSync(path.join(repoRoot, 'templates', 'default'), template, { recursive: true });
    const paged = readFileSync(path.join(template, 'paged.css'), 'utf8');
    writeFileSync(path.join(template, 'paged.css'), `${paged}\n.report-body > p:nth-of-type(4) { height: 1.45em; overflow: hidden; }\n`);
    const paragraph = readFileSync(path.join(root, 'reports/stress/report.md'), 'utf8').split('\n\n').filter((block) => /^[A-Z]\w* w\d+x\d+/.test(block))[3];
    const lost = /w\d+x\d+/g.exec(paragraph.split('. ').slice(2).join('. '))?.[0];
    expect(lost).toBeTruthy();
    const out = path.join(root, 'dist');
    const failed = await runCliInProcess(['build', 'stress', '--format', 'pdf', '--template', 'lossy', '--out', out], { cwd: root });
    expect(failed.code).toBe(2);
    const message = failed.stderr.trim().split('\n').at(-1)!;
    expect(message).toMatch(/^rapporteur: dist\/stress\/stress\.pdf: the PDF check failed, so the file was not written: page \d+: body text: \d+ word\(s\) missing: "/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(out, 'stress', 'stress.pdf'))).toBe(false);
    const skipped = await runCliInProcess(['build', 'stress', '--format', 'pdf', '--template', 'lossy', '--out', out, '--no-verify'], { cwd: root });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/--no-verify: PDFs are written without the check/);
    const pdf = path.join(out, 'stress', 'stress.pdf');
    expect(existsSync(pdf)).toBe(true);
    // The check was right: the clipped words are not in the PDF.
    expect(tool('pdftotext', [pdf, '-'])).not.toContain(lost!);
  }, 300_000);

  it('uses the chosen template\'s paged.css and the paper size the build passes in', async () => {
    const { root, file } = stressWorkspace({ sections: 1, paragraphs: 1 });
    const template = path.join(root, 'templates', 'custom');
    cpSync(path.join(repoRoot, 'templates', 'default'), template, { recursive: true });
    writeFileSync(
      path.join(template, 'paged.css'),
      readFileSync(path.join(template, 'paged.css'), 'utf8').replace(/content: var\(--rapporteur-page-before[^;]*;/, 'content: "Folio " counter(page);'),
    );
    const out = path.join(root, 'dist');
    await buildReports([{ slug: 'stress', root, file }], { formats: ['pdf'], editions: ['full'], out, template: 'custom', paper: 'Letter' });
    const pdf = path.join(out, 'stress', 'stress.pdf');
    expect(tool('pdfinfo', [pdf])).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(tool('pdftotext', [pdf, '-'])).toMatch(/Folio 2/);
  }, 300_000);

  it('never runs a title as markup: a title that closes a <style> element is printed as text', async () => {
    const evil = '"Evil</style><script>document.body.append(String.fromCharCode(73,78,74))</script><style>x"';
    const root = workspace({ 'reports/evil/report.md': stressReport({ sections: 1, paragraphs: 1, front: { title: evil, shorttitle: evil } }) });
    const out = path.join(root, 'dist');
    const result = await runCliInProcess(['build', 'evil', '--format', 'pdf', '--out', out], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = tool('pdftotext', [path.join(out, 'evil', 'evil.pdf'), '-']);
    expect(text).not.toMatch(/\bINJ\b/);
    expect(text).toContain('Evil</style><script>');
  }, 300_000);
});

describe('a killed PDF build', () => {
  // Chromium's processes name their profile as --user-data-dir=…; the reaper names it bare.
  const browsersOf = (profile: string) => spawnSync('pgrep', ['-f', '--', `user-data-dir=\\S*${profile}`], { encoding: 'utf8' }).stdout.trim();
  // The build's own profile, named by the reaper it starts beside its browser
  // (`reaper-worker.js <build pid> <profile>`): other test files build PDFs at the same time.
  const profileOf = (buildPid: number): string | undefined => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let argv: string[];
      try {
        argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      } catch {
        continue;
      }
      const at = argv.findIndex((arg) => arg.endsWith('reaper-worker.js'));
      if (at >= 0 && argv[at + 1] === String(buildPid) && argv[at + 2]) return path.basename(argv[at + 2]);
    }
    return undefined;
  };

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`leaves no Chromium, no profile and (after the next build) no temporary file: ${signal}`, async () => {
      const { root } = stressWorkspace({ sections: 6, paragraphs: 6 });
      const out = path.join(root, 'dist');
      const child = spawn(process.execPath, [bin, 'build', 'stress', '--format', 'pdf', '--out', out], { cwd: root, stdio: 'ignore' });
      // Wait for its browser: its profile folder with a Chromium using it.
      let profile: string | undefined;
      for (let tries = 0; tries < 600 && !profile; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const own = profileOf(child.pid!);
        if (own && browsersOf(own)) profile = own;
      }
      expect(profile).toBeTruthy();
      // A half-written output from an earlier killed build of some process that is gone.
      const stale = path.join(out, 'stress', '.stress.pdf.999999.0badc0de.tmp');
      mkdirSync(path.dirname(stale), { recursive: true });
      writeFileSync(stale, 'half');
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.kill(signal);
      await exited;
      // Bounded, not timed: under a loaded machine (CI, or many builds at once) dying Chromium
      // helpers and the reaper's sweep take seconds; the test ends as soon as they are gone.
      for (let tries = 0; tries < 600 && (browsersOf(profile!) || existsSync(path.join(os.tmpdir(), profile!))); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(browsersOf(profile!)).toBe('');
      expect(existsSync(path.join(os.tmpdir(), profile!))).toBe(false);
      const again = await runCliInProcess(['build', 'stress', '--format', 'html', '--out', out], { cwd: root });
      expect(again.code).toBe(0);
      expect(existsSync(stale)).toBe(false);
    }, 300_000);
  }
});
