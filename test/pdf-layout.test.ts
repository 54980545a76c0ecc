import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript shared with the benchmark, no types.
import { writeRevisionRepo } from '../bench/generate.js';
import { run } from '../src/cli/main.js';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';
import type { EditionText } from '../src/pdf/in-page.js';
import { verifyPdf } from '../src/pdf/verify.js';
import { removeWorkspace, repoRoot, reportSource, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

/** The pages of a PDF as pdftotext lays them out (a third-party reading, not the build's own check). */
function pagesOf(pdf: string): string[] {
  const result = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext: ${result.stderr}`);
  return result.stdout.split('\f').slice(0, -1);
}

describe('footnotes of the generated bench report stay on their call\'s page', () => {
  // Seed 6 at 12 pages: footnote 6 is called on the first line of page 5, right after a page
  // whose notes hold the words the body goes on with ("… under the supervision of an independent
  // person"). The check read the page's words in drawing order, body and notes in one stream,
  // matched those body words inside the notes of page 4, put the call there and failed the build
  // ("called on page 4 but its text begins on page 5"), as on the 100-page bench report (note 28).
  let root: string;
  let built: { code: number; err: string };
  beforeAll(async () => {
    ({ root } = writeRevisionRepo({ pages: 12, seed: 6 }));
    const err: string[] = [];
    const code = await run(['build', 'generated', '--format', 'pdf'], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
    built = { code, err: err.join('\n') };
  }, 600_000);
  afterAll(() => {
    if (root) removeWorkspace(root);
  });

  it('builds and passes the check', () => {
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
  });

  it('prints every note on the page of its call (pdftotext: calls in the body, "N." at the foot)', () => {
    const pages = pagesOf(path.join(root, 'dist', 'generated', 'generated.pdf'));
    let calls = 0;
    const earlier = new Set<number>();
    const lastNote = Math.max(...pages.flatMap((page) => [...page.matchAll(/^\s*(\d+)\. /gm)].map((match) => Number(match[1]))));
    expect(lastNote).toBeGreaterThan(10);
    for (const [index, page] of pages.entries()) {
      const lines = page.split('\n');
      // The notes begin at the first line that starts with a note number ("6. See …").
      const first = lines.findIndex((line) => /^\s*\d+\. \S/.test(line));
      const body = (first === -1 ? lines : lines.slice(0, first)).join('\n');
      const notes = first === -1 ? '' : lines.slice(first).join('\n');
      // A call is a number set right after a word or its punctuation ("person.6 The").
      const called = [...body.matchAll(/(?<=\p{L}[.,;:)]?)(\d+)(?=\s|$)/gu)].map((match) => Number(match[1]));
      const printed = new Set([...notes.matchAll(/^\s*(\d+)\. /gm)].map((match) => Number(match[1])));
      // A note called again later prints its number only (src/pdf/in-page.ts, footnote-repeat).
      // (Digits glued to a word that are no call, as in a commit id of the footer, exceed the last note.)
      const firstCalls = called.filter((number) => !earlier.has(number) && number <= lastNote);
      for (const number of printed) earlier.add(number);
      for (const number of firstCalls) expect({ page: index + 1, note: number, printed: printed.has(number) }).toEqual({ page: index + 1, note: number, printed: true });
      calls += firstCalls.length;
    }
    expect(calls).toBeGreaterThan(10);
  });
});

describe('the PDF check reads tagged pages by structure, not by drawing order', () => {
  let launched: LaunchedBrowser;
  beforeAll(async () => {
    launched = await launchBrowser(findBrowser());
  }, 120_000);
  afterAll(async () => {
    await launched?.close();
  });

  /** A one-page tagged PDF printed by Chromium: a body, and a footnote area marked as the renderer marks it. */
  const print = async (body: string, notes: string): Promise<Uint8Array> => {
    const page = await launched.browser.newPage();
    try {
      await page.setContent(
        `<!doctype html><html lang="en"><body style="font: 12pt serif; margin: 0">
<div style="height: 240mm">${body}</div>
<div role="group" style="font-size: 9pt">${notes}</div>
</body></html>`,
        { waitUntil: 'load' },
      );
      return await page.pdf({ format: 'A4', tagged: true, margin: { top: '10mm', bottom: '10mm' } });
    } finally {
      await page.close();
    }
  };

  const expected: EditionText = {
    runs: [
      { text: 'The first paragraph ends with a call.' },
      { call: 0 },
      { text: 'The second paragraph is read after the first one.' },
    ],
    footnotes: ['Code of Civil Procedure, art. 234, on the preservation of evidence.'],
  };

  it('passes a page whose second paragraph is drawn first (flex order) and whose note is in the footnote area', async () => {
    const pdf = await print(
      `<div style="display: flex; flex-direction: column"><p style="order: 2">The first paragraph ends with a call.<sup>1</sup></p><p style="order: 1">The second paragraph is read after the first one.</p></div>`,
      `<p>1. Code of Civil Procedure, art. 234, on the preservation of evidence.</p>`,
    );
    const result = await verifyPdf(pdf, expected, []);
    expect(result.problems).toEqual([]);
    expect(result.footnotes).toBe(1);
  });

  it('fails a note printed in the body, not in the footnote area, and says so', async () => {
    const pdf = await print(
      `<p>The first paragraph ends with a call.<sup>1</sup></p><p>Code of Civil Procedure, art. 234, on the preservation of evidence.</p><p>The second paragraph is read after the first one.</p>`,
      '',
    );
    const result = await verifyPdf(pdf, expected, []);
    expect(result.problems.map((problem) => `page ${problem.page}: ${problem.message}`)).toEqual([
      'page 1: footnote 1 ("Code of Civil Procedure art 234 …") is called on page 1 but its text is printed in the body of page 1, not in the footnote area',
    ]);
  });

  it('fails notes drawn above the body text of their page', async () => {
    const pdf = await print(
      `<p style="margin-top: 40mm">The first paragraph ends with a call.<sup>1</sup></p><p>The second paragraph is read after the first one.</p>`,
      `<p style="position: absolute; top: 5mm">1. Code of Civil Procedure, art. 234, on the preservation of evidence.</p>`,
    );
    const result = await verifyPdf(pdf, expected, []);
    expect(result.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^footnote text is not below the body text: "/)]);
  });
});

describe('the table of authorities in the PDF gives the pages of its notes', () => {
  const REFERENCES = JSON.stringify([
    { id: 'coco', type: 'legal_case', title: 'Coco v AN Clark (Engineers) Ltd', 'container-title': 'RPC', volume: '1969', page: '41', authority: 'Ch', issued: { 'date-parts': [[1968]] } },
    { id: 'hra', type: 'legislation', title: 'Human Rights Act', issued: { 'date-parts': [[1998]] } },
  ]);
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of this section says what the working group found about preserving evidence and keeping secrets.`).join('\n\n');
  // Each section opens a page: the case is cited in notes on three pages (twice on one), the statute on one.
  const BODY = `::authorities

# One

${filler(3)} Courts should act [@coco].

# Two

${filler(3)} Again the case [@coco, 45], and again [@coco, 46]. The statute [@hra, s 3].

# Three

${filler(3)} The case once more [@coco, 50].
`;
  const build = async (template?: string) => {
    const root = workspace({ 'reports/r/report.md': reportSource(BODY), 'reports/r/references.json': REFERENCES });
    if (template) {
      cpSync(path.join(repoRoot, 'templates', 'default'), path.join(root, 'templates', 'wrong'), { recursive: true });
      writeFileSync(path.join(root, 'templates', 'wrong', 'paged.css'), `${readFileSync(path.join(root, 'templates', 'wrong', 'paged.css'), 'utf8')}\n${template}\n`);
    }
    // In-process (not a spawned CLI): a worker blocked for a minute of synchronous builds upsets vitest under load.
    const err: string[] = [];
    const code = await run(['build', 'r', '--format', 'pdf', ...(template ? ['--template', 'wrong'] : [])], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
    return { root, result: { code, stderr: err.join('\n') } };
  };

  it('prints after each authority the pages where its notes stand, and the check agrees', async () => {
    const { root, result } = await build();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pages = pagesOf(path.join(root, 'dist', 'r', 'r.pdf'));
    const pageOfNote = (number: number) => pages.findIndex((page) => new RegExp(`^\\s*${number}\\. `, 'm').test(page)) + 1;
    const notes = [1, 2, 3, 4, 5].map(pageOfNote);
    // Notes 1 (section One), 2–4 (Two), 5 (Three): three different pages.
    expect(new Set(notes).size).toBe(3);
    const table = pages.find((page) => page.includes('Table of authorities')) ?? '';
    const flat = table.replace(/\s+/g, ' ');
    expect(flat).toContain(`nn 1, 2, 3, 5 — pp. ${notes[0]}, ${notes[1]}, ${notes[4]}`);
    expect(flat).toContain(`n 4 — p. ${notes[3]}`);
  }, 300_000);

  it('fails a PDF whose table of authorities does not show the pages, naming the entry and the pages', async () => {
    const { result } = await build('.authority-page { visibility: hidden; }');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the PDF check failed.*page 2: table of authorities entry "[^"]*nn 1 2 3 5" gives no page, but its notes are on page\(s\) \d+, \d+, \d+/);
  }, 300_000);
});

describe('a footnote longer than the room left on the page of its call', () => {
  // Paged.js kept the note on the page where it first laid it out, moved the paragraph with its
  // call to a later page, and laid the note out again there, numbered 2: one note printed twice,
  // the first copy with no call on its page. Reading the PDF back cannot see it (the second copy
  // stands on its call's page), so the laid-out pages are asked.
  const sentence = 'The court of first instance considered at length whether the applicant had shown that the information was secret, that it had commercial value because it was secret, and that reasonable steps had been taken to keep it secret.';
  const note = Array.from({ length: 42 }, () => sentence).join(' ');
  const body = `# Evidence\n\nCourts should act quickly and fairly.[^long] ${'Evidence matters. '.repeat(40)}\n\n${'Another paragraph of text that follows the call. '.repeat(30)}\n\n[^long]: ${note}\n`;

  it('fails the build naming the note and its pages, and writes nothing', async () => {
    const root = workspace({ 'reports/long/report.md': reportSource(body, { title: 'Long note' }) });
    const err: string[] = [];
    const code = await run(['build', 'long', '--format', 'pdf'], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/long\.pdf: the PDF check failed, so the file was not written: footnote 1 \("long"\) is printed 2 times, on pages \d+ and \d+: it is longer than the room left on the page of its call/);
    expect(existsSync(path.join(root, 'dist', 'long', 'long.pdf'))).toBe(false);
  }, 300_000);
});
