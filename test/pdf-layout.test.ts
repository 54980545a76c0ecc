import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript shared with the benchmark, no types.
import { writeRevisionRepo } from '../bench/generate.js';
import { run } from '../src/cli/main.js';
import { type EditionText, mergePages } from '../src/pdf/in-page.js';
import { verifyPdf } from '../src/pdf/verify.js';
import { removeWorkspace, repoRoot, reportSource, tempWorkspaces } from './helpers.js';
import { useBrowser } from './browser-fixture.js';

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
  const launched = useBrowser();

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
  const build = async (template?: string, front: Record<string, string> = {}) => {
    const root = workspace({ 'reports/r/report.md': reportSource(BODY, front), 'reports/r/references.json': REFERENCES });
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

  describe('with an in-text (author-date) style, the pages of the citations in the running text', () => {
    const TEXT = `::authorities

# One

${filler(3)} Courts in section one act quickly [@coco].

# Two

${filler(3)} The statute in section two [@hra, s 3].

# Three

${filler(3)} The case once more in section three [@coco, 50].
`;
    const buildInText = async (template?: string) => {
      const root = workspace({ 'reports/r/report.md': reportSource(TEXT, { 'citation-style': 'apa' }), 'reports/r/references.json': REFERENCES });
      if (template) {
        cpSync(path.join(repoRoot, 'templates', 'default'), path.join(root, 'templates', 'wrong'), { recursive: true });
        writeFileSync(path.join(root, 'templates', 'wrong', 'paged.css'), `${readFileSync(path.join(root, 'templates', 'wrong', 'paged.css'), 'utf8')}\n${template}\n`);
      }
      const err: string[] = [];
      const code = await run(['build', 'r', '--format', 'pdf', ...(template ? ['--template', 'wrong'] : [])], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
      return { root, code, stderr: err.join('\n') };
    };

    it('are given after each authority, as pdftotext finds them, and the check agrees', async () => {
      const { root, code, stderr } = await buildInText();
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const pages = pagesOf(path.join(root, 'dist', 'r', 'r.pdf')).map((page) => page.replace(/\s+/g, ' '));
      const pageOf = (words: string) => pages.findIndex((page) => page.includes(words)) + 1;
      const [one, two, three] = ['section one act quickly (Coco', 'section two (Human Rights Act', 'section three (Coco'].map(pageOf);
      expect(new Set([one, two, three]).size).toBe(3);
      const table = pages.find((page) => page.includes('Table of authorities')) ?? '';
      expect(table).toContain(`Section 1, Section 3 — pp. ${one}, ${three}`);
      expect(table).toContain(`Section 2 — p. ${two}`);
    }, 300_000);

    it('are checked: a table that does not show them fails, naming the entry and the pages', async () => {
      const { code, stderr } = await buildInText('.authority-page { visibility: hidden; }');
      expect(code).toBe(2);
      expect(stderr).toMatch(/the PDF check failed.*table of authorities entry "[^"]*Section 1 Section 3" gives no page, but its notes are on page\(s\) \d+, \d+/);
    }, 300_000);
  });

  it('labels the notes and the pages in the report\'s language (Japanese: 注, 頁), and the check agrees', async () => {
    const { root, result } = await build(undefined, { lang: 'ja' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pages = pagesOf(path.join(root, 'dist', 'r', 'r.pdf'));
    const pageOfNote = (number: number) => pages.findIndex((page) => new RegExp(`^\\s*${number}\\. `, 'm').test(page)) + 1;
    const notes = [1, 2, 3, 4, 5].map(pageOfNote);
    const table = (pages.find((page) => page.includes('法令・判例索引')) ?? '').replace(/\s+/g, ' ');
    expect(table).toContain(`注 1, 2, 3, 5 — ${notes[0]}, ${notes[1]}, ${notes[4]} 頁`);
    expect(table).toContain(`注 4 — ${notes[3]} 頁`);
    expect(table).not.toMatch(/\bnn? \d|\bpp?\. \d/);
  }, 300_000);

  it('fails a PDF whose table of authorities does not show the pages, naming the entry and the pages', async () => {
    const { result } = await build('.authority-page { visibility: hidden; }');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the PDF check failed.*page 2: table of authorities entry "[^"]*nn 1 2 3 5" gives no page, but its notes are on page\(s\) \d+, \d+, \d+/);
  }, 300_000);

  it('fails a PDF whose table of authorities prints a wrong page, naming the entry, the page printed and the right ones', async () => {
    // The template hides the numbers filled in after layout and prints its own: 99, after each
    // entry's label — a page the report does not have.
    const { result } = await build('.authority-page { display: none; } .authority-pages-label::after { content: " 99"; }');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the PDF check failed.*page 2: table of authorities entry "[^"]*nn 1 2 3 5" gives page\(s\) 99, but its notes are on page\(s\) \d+, \d+, \d+/);
  }, 300_000);
});

describe('a footnote longer than the room left on the page of its call', () => {
  // Paged.js's `footnote-policy: line` moved the paragraph with the call to a later page after it
  // had placed the note's first part: the note was printed twice (the first copy with no call on
  // its page) and numbered twice. It is now laid out as Word does: it begins under its call's line
  // and continues in the next page's notes; printed once, numbered once.
  const sentence = 'The court of first instance considered at length whether the applicant had shown that the information was secret, that it had commercial value because it was secret, and that reasonable steps had been taken to keep it secret.';
  const other = 'The appeal court held that the search order was proportionate because the respondent had been heard within days and the material was kept by an independent solicitor.';
  const repeat = (text: string, times: number) => Array.from({ length: times }, () => text).join(' ');
  // Body text whose every sentence can be told apart, so a line printed twice would show (the
  // same sentence over and over cannot: Paged.js has been seen to print lines of such text twice).
  const numbered = (times: number) => Array.from({ length: times }, (_, index) => `Body sentence number ${index + 1} follows the call.`).join(' ');
  /** The numbers of the body sentences as printed, in order (a sentence may run on to the next page). */
  const sentenceNumbers = (pages: string[]) => [...pages.join(' ').matchAll(/sentence number (\d+)/g)].map((match) => Number(match[1]));

  /** Builds one report in-process; the PDF's pages by pdftotext (flattened: one line per page). */
  const build = async (slug: string, body: string) => {
    const root = workspace({ [`reports/${slug}/report.md`]: reportSource(body, { title: 'Long note' }) });
    const err: string[] = [];
    const code = await run(['build', slug, '--format', 'pdf'], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
    const file = path.join(root, 'dist', slug, `${slug}.pdf`);
    const pages = existsSync(file) ? pagesOf(file).map((page) => page.replace(/\s+/g, ' ')) : [];
    return { code, err: err.join('\n'), pages };
  };
  /** How many times `text` is printed on each page. */
  const counts = (pages: string[], text: string) => pages.map((page) => page.split(text).length - 1);
  /** The page (1-based) whose body has the call "<words>N" — found by pdftotext, not by our check. */
  const callPage = (pages: string[], words: string, number: number) => pages.findIndex((page) => page.includes(`${words}${number} `)) + 1;
  const notePage = (pages: string[], number: number, first: string) => pages.findIndex((page) => page.includes(`${number}. ${first}`)) + 1;

  it('begins under its call and continues on the next page, printed and numbered once', async () => {
    const body = `# Evidence\n\nCourts should act quickly and fairly.[^long] ${'Evidence matters. '.repeat(40)}\n\n${numbered(30)}\n\n[^long]: ${repeat(sentence, 42)}\n`;
    const { code, err, pages } = await build('long', body);
    expect(err).toBe('');
    expect(code).toBe(0);
    const call = callPage(pages, 'fairly.', 1);
    expect(call).toBeGreaterThan(0);
    // The note's first words once, on its call's page, numbered 1; no note 2 anywhere.
    expect(notePage(pages, 1, 'The court of first instance')).toBe(call);
    expect(pages.filter((page) => page.includes('1. The court of first instance')).length).toBe(1);
    expect(pages.some((page) => /\b2\. The court/.test(page))).toBe(false);
    // Every sentence of the note once ("secret." ends each; a word is never cut between pages),
    // on the call's page and the next, nowhere else.
    const per = counts(pages, 'secret.');
    expect(per.reduce((a, b) => a + b, 0)).toBe(42);
    expect(per[call - 1]).toBeGreaterThan(0);
    expect(per[call]).toBeGreaterThan(0);
    expect(per.filter((n, index) => n > 0 && index !== call - 1 && index !== call)).toEqual([]);
    expect(sentenceNumbers(pages)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  }, 300_000);

  it('continues over two pages and more when it is longer than a page', async () => {
    const body = `# Evidence\n\nCourts should act quickly and fairly.[^huge] ${'Evidence matters. '.repeat(40)}\n\n${numbered(70)}\n\n[^huge]: ${repeat(sentence, 130)}\n`;
    const { code, err, pages } = await build('huge', body);
    expect(err).toBe('');
    expect(code).toBe(0);
    const call = callPage(pages, 'fairly.', 1);
    expect(notePage(pages, 1, 'The court of first instance')).toBe(call);
    const per = counts(pages, 'secret.');
    expect(per.reduce((a, b) => a + b, 0)).toBe(130);
    // On the call's page and the three after it, one after another, and nowhere else.
    const on = per.flatMap((n, index) => (n > 0 ? [index + 1] : []));
    expect(on.length).toBeGreaterThanOrEqual(3);
    expect(on).toEqual(Array.from({ length: on.length }, (_, index) => call + index));
    // The body goes on beside the notes: nothing lost.
    expect(sentenceNumbers(pages)).toEqual(Array.from({ length: 70 }, (_, index) => index + 1));
  }, 300_000);

  it('prints a sentence said over and over once per time it is written, beside a note of several pages', async () => {
    // Paged.js resumed a page inside a text node at the first place its rest occurs in that node
    // (indexOf): the same sentence over and over beside a long note was printed 156 times for 70
    // (src/pdf/paged-patches.ts). The check refuses such a PDF; the layout is now right.
    const same = 'Body sentence follows the call and says the same.';
    const body = `# Evidence\n\nCourts should act quickly and fairly.[^huge] ${'Evidence matters. '.repeat(40)}\n\n${repeat(same, 70)}\n\n[^huge]: ${repeat(sentence, 130)}\n`;
    const { code, err, pages } = await build('same', body);
    expect(err).toBe('');
    expect(code).toBe(0);
    // Words, not the sentence: a sentence may run on to the next page, past the running head.
    expect(pages.join(' ').match(/\bsays\b/g)?.length).toBe(70);
  }, 300_000);

  it('resumes a page in the text node it broke in, not in an earlier one that repeats it', async () => {
    // A paragraph "P P P … *relied on* P P …" whose later text node's text also stands in the first
    // one: and Paged.js took the first text node containing it as the place to resume, printing
    // the paragraph's first part again (page 539 of the generated 1,000-page report). The later
    // node is longer than a page, so a page breaks inside it.
    const phrase = 'before proceedings on the merits begin,';
    const body = `# Evidence\n\nThe first words. ${repeat(phrase, 200)} *relied on* ${repeat(phrase, 150)}\n`;
    const { code, err, pages } = await build('node', body);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const text = pages.join(' ');
    expect(text.match(/\bmerits\b/g)?.length).toBe(350);
    expect(text.split('The first words.').length - 1).toBe(1);
    expect(text.split('relied on').length - 1).toBe(1);
  }, 300_000);

  it('two long notes on one page: the first whole, the second begun under its call and continued', async () => {
    const body = `# Evidence\n\n${'Opening words of the section. '.repeat(20)}\n\nCourts should act quickly and fairly.[^a] ${'Evidence matters. '.repeat(10)} The second authority agrees.[^b] ${'Evidence matters. '.repeat(30)}\n\n${numbered(60)}\n\n[^a]: ${repeat(sentence, 20)}\n\n[^b]: ${repeat(other, 30)}\n`;
    const { code, err, pages } = await build('two', body);
    expect(err).toBe('');
    expect(code).toBe(0);
    const first = callPage(pages, 'fairly.', 1);
    expect(callPage(pages, 'agrees.', 2)).toBe(first);
    expect(notePage(pages, 1, 'The court of first instance')).toBe(first);
    expect(notePage(pages, 2, 'The appeal court held')).toBe(first);
    expect(counts(pages, 'secret.')[first - 1]).toBe(20);
    const second = counts(pages, 'solicitor.');
    expect(second.reduce((a, b) => a + b, 0)).toBe(30);
    expect(second[first - 1]).toBeGreaterThan(0);
    expect(second[first]).toBeGreaterThan(0);
    expect(sentenceNumbers(pages)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
  }, 300_000);
});

describe('a note printed twice is still caught (the safety net under the layout)', () => {
  // Laid-out pages made by hand and joined by mergePages in Chromium: the same note in the notes
  // of two pages is reported with its pages; a continuation (`data-split-from`) is not.
  const launched = useBrowser();
  const page = (notes: string) =>
    `<div class="pagedjs_page"><div class="pagedjs_pagebox"><div class="pagedjs_area"><div class="pagedjs_page_content"><p>Body.</p></div><div class="pagedjs_footnote_area"><div class="pagedjs_footnote_content"><div class="pagedjs_footnote_inner_content">${notes}</div></div></div></div></div></div>`;
  const merge = async (pages: string[]) => {
    const tab = await launched.browser.newPage();
    try {
      await tab.setContent('<!doctype html><html><head></head><body></body></html>');
      return await tab.evaluate(mergePages, { pages, css: [], watermark: '', prune: false, variables: {} });
    } finally {
      await tab.close();
    }
  };

  it('reports a note whose pieces on two pages are not a continuation', async () => {
    const merged = await merge([
      page('<span class="footnote" data-note-id="user-content-fn-long" data-ref="a">First.</span>'),
      page(''),
      page('<span class="footnote" data-note-id="user-content-fn-long" data-ref="b">First.</span>'),
    ]);
    expect(merged.count).toBe(3);
    expect(merged.repeatedNotes).toEqual([{ id: 'user-content-fn-long', pages: [1, 3] }]);
  }, 120_000);

  it('does not report a note continued on the next page', async () => {
    const merged = await merge([
      page('<span class="footnote" data-note-id="user-content-fn-long" data-ref="a">First part</span>'),
      page('<span class="footnote" data-note-id="user-content-fn-long" data-ref="a" data-split-from="a">and the rest.</span>'),
    ]);
    expect(merged.repeatedNotes).toEqual([]);
  }, 120_000);
});

describe('a variant box that breaks right after its top leaves nothing at the foot of the page', () => {
  // Paged.js left the box's empty first piece (its top padding) at the page foot, drawing a few
  // pixels of the box's brown left border under the last line (the sample's Japanese PDF, page 9).
  // Recommendations after lead-ins of 1 to 24 sentences: on the old code, page 14 of this report
  // had such a piece. Read from the pixels (pdftoppm), not from our own layout.
  const lead = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of the lead-in explains the background of the recommendation that follows.`).join(' ');
  const body = ['# Findings', ...Array.from({ length: 24 }, (_, index) => `${lead(index + 1)}

::::recommendation{#rec-${index + 1} title="Recommendation number ${index + 1}" topic=evidence}
Courts should be able to order that evidence be preserved when the applicant shows a real risk that it will be lost.

:::variant{system=civil-law}
The court should be able to authorise a judicial officer to describe products and processes and to copy documents and data, under seal until the court has ruled.
:::
::::`)].join('\n\n');

  /**
   * Each page at 100 dpi: the runs (start, length in pixels) of the civil-law border's colour in
   * the border's column (the column of the left fifth with the most of that colour over all
   * pages), above the footer.
   */
  const borderRuns = (pdf: string, folder: string): Array<Array<[number, number]>> => {
    const result = spawnSync('pdftoppm', ['-r', '100', pdf, path.join(folder, 'p')], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftoppm: ${result.stderr}`);
    const pages = readdirSync(folder)
      .filter((name) => name.endsWith('.ppm'))
      .sort()
      .map((name) => {
        const data = readFileSync(path.join(folder, name));
        // Binary PPM: "P6", width, height, 255, each after one whitespace, then RGB triples.
        const header = data.subarray(0, 40).toString('latin1').split(/\s+/);
        const [width, height] = [Number(header[1]), Number(header[2])];
        const offset = data.length - width * height * 3;
        const brown = (x: number, y: number) => {
          const at = offset + (y * width + x) * 3;
          // The civil-law colour of the default template, #7a3b00.
          return Math.abs(data[at] - 0x7a) < 25 && Math.abs(data[at + 1] - 0x3b) < 25 && data[at + 2] < 25;
        };
        return { width, bottom: Math.floor(height * 0.92), brown };
      });
    const counts = new Map<number, number>();
    for (const page of pages) {
      for (let x = 0; x < page.width / 5; x++) {
        for (let y = 0; y < page.bottom; y++) if (page.brown(x, y)) counts.set(x, (counts.get(x) ?? 0) + 1);
      }
    }
    const column = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    return pages.map((page) => {
      const runs: Array<[number, number]> = [];
      let start = -1;
      for (let y = 0; y <= page.bottom; y++) {
        const on = y < page.bottom && page.brown(column, y);
        if (on && start === -1) start = y;
        if (!on && start !== -1) {
          runs.push([start, y - start]);
          start = -1;
        }
      }
      return runs;
    });
  };

  it('draws no piece of a variant border shorter than a line', async () => {
    const root = workspace({ 'reports/stub/report.md': reportSource(body, { title: 'Stub' }) });
    const err: string[] = [];
    const code = await run(['build', 'stub', '--format', 'pdf'], { out: () => {}, err: (text) => err.push(text), cwd: root, color: false });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const folder = path.join(root, 'pixels');
    mkdirSync(folder);
    const pages = borderRuns(path.join(root, 'dist', 'stub', 'stub.pdf'), folder);
    // The borders are seen (each variant here is four lines: ~85 px at 100 dpi)…
    expect(pages.flat().filter(([, length]) => length > 60).length).toBeGreaterThanOrEqual(20);
    // …and none is a stub (a line of text is ~20 px).
    expect(pages.flatMap((runs, index) => runs.filter(([, length]) => length < 20).map(([start, length]) => `page ${index + 1}: ${length} px at ${start}`))).toEqual([]);
  }, 300_000);
});
