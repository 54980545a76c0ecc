import type { EditionText } from './in-page.js';
import { loadPdfjs } from './pdfjs.js';

/**
 * The PDF's proof of itself (DESIGN.md, "PDF that proves itself"): read the printed PDF back with
 * pdfjs-dist and check it against the edition's text taken from the document before layout.
 *  - every word of the body (headings, paragraphs, tables, contents) is in the PDF, in order;
 *  - every footnote's text begins among the notes of its call's page (the footnote area, below
 *    the body text) and is complete;
 *  - every contents entry shows the page its heading stands on;
 *  - every table of authorities entry shows the pages of the notes and running-text citations that cite it;
 *  - no text is drawn outside the page area (left and right) or outside the page box.
 * What it relies on: the PDF is tagged (Chromium's `tagged: true`), so each page's structure tree
 * gives the document's order of its marked-content runs and tells the footnote area (role="group",
 * written as `Div`) from the body; the order in which Chromium draws text is not used, except for
 * the few untagged runs (counters' digits), which go with the tagged run beside them on their line.
 * Words are compared as runs of letters and digits, lower-cased and NFKC-normalised, and matched
 * letter by letter across the PDF's own word breaks: a word hyphenated or a URL broken over two
 * lines still matches, and punctuation, running heads, page numbers and footnote numbers printed
 * between words are simply passed over.
 */

/** A page's layout as Paged.js made it, in CSS pixels from the page's top left corner. */
export interface PageArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

export interface VerifyProblem {
  page: number;
  message: string;
}

export interface VerifyResult {
  problems: VerifyProblem[];
  pages: number;
  words: number;
  footnotes: number;
  contentsEntries: number;
}

/** How far ahead (in PDF words) a word is looked for: past footnote calls, repeated table heads, generated labels. */
const WINDOW = 3000;
/** Words that must follow in order for a match found ahead to count (a lone common word proves nothing). */
const CONTEXT = 4;
/** Words at the top of a page where the body may go on (past a repeated table head, say). */
const PAGE_TOP = 200;
/** The check stops listing after this many missing words; the message stays readable. */
const MAX_MISSING = 400;
/**
 * Letters (numbers left out) from which a stretch of body text that the aligner passed over, and
 * that is also the edition's text, counts as printed twice. Generated labels ("Recommendation
 * 2.1", "Civil-law systems") are passed over too, but are short and not the edition's text.
 */
const REPEAT_MIN_LETTERS = 40;
/** Slack, in points, for glyphs whose advance reaches a hair past the area's edge. */
const EDGE = 1.5;

interface Tokens {
  /** Lower-cased, normalised words. */
  keys: string[];
  /** The words as written, for messages. */
  shown: string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/**
 * Quotation marks the PDF's text layer may give as spacing modifier letters (pdfjs maps the
 * curly quote glyphs of some fonts to U+02BB/U+02BC, which are letters to \p{L}): they are
 * punctuation to a reader, so they never join a word. (U+30FC and other CJK modifiers stay.)
 */
const MODIFIER_QUOTES = /[\u02B0-\u02FF]/gu;

function words(text: string): IterableIterator<RegExpMatchArray> {
  return text.normalize('NFKC').replace(MODIFIER_QUOTES, ' ').matchAll(WORD);
}

function tokenize(text: string, into: Tokens): void {
  for (const match of words(text)) {
    into.shown.push(match[0]);
    into.keys.push(match[0].toLowerCase());
  }
}

/** The PDF's words as one string of letters, with where each word starts and on which page. */
class PdfText {
  text = '';
  starts: number[] = [];
  pages: number[] = [];
  private parts: string[] = [];
  private length = 0;
  /** First word index of each page (1-based page → index); pageStart[pages + 1] = word count. */
  pageStart: number[] = [0, 0];

  add(page: number, text: string): void {
    for (const match of words(text)) {
      const key = match[0].toLowerCase();
      this.starts.push(this.length);
      this.pages.push(page);
      this.parts.push(key);
      this.length += key.length;
    }
  }

  endPage(page: number): void {
    this.pageStart[page + 1] = this.starts.length;
  }

  finish(): void {
    this.text = this.parts.join('');
    this.parts = [];
  }

  /**
   * The positions after each of the (at most two) numbers that start at `position`: footnote
   * calls and the contents' page numbers stand between words.
   */
  pastNumbers(position: number): number[] {
    const after: number[] = [];
    for (let skipped = 0; skipped < 2 && position < this.text.length; skipped++) {
      const word = this.wordAt(position);
      if (this.starts[word] !== position) break;
      const end = this.starts[word + 1] ?? this.text.length;
      if (!/^\d+$/.test(this.text.slice(position, end))) break;
      position = end;
      after.push(position);
    }
    return after;
  }

  /** The text of word `index`. */
  word(index: number): string {
    return this.text.slice(this.starts[index], this.starts[index + 1] ?? this.text.length);
  }

  isWordStart(position: number): boolean {
    return position >= this.text.length || this.starts[this.wordAt(position)] === position;
  }

  /** Index of the word that holds character `position`. */
  wordAt(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  pageAt(position: number): number {
    return this.starts.length ? this.pages[this.wordAt(Math.min(position, this.text.length - 1))] : 1;
  }
}

interface Alignment {
  /** Character position in the PDF where each expected word was found, or -1 when it is missing. */
  at: number[];
  /** Position after the last character of each found word. */
  end: number[];
  missing: number;
}

/**
 * Finds `keys[from..to)` in the PDF in order, starting at character `position`. A word either
 * follows right where the last one ended, or is found at the start of a later PDF word (within
 * WINDOW words) together with the CONTEXT words after it; otherwise it is missing.
 */
interface AlignOptions {
  /** The PDF word before which the search ahead stops (the end of a page's notes). */
  limitWord?: number;
  /** How far ahead (in PDF words) a word is looked for. */
  window?: number;
  /** Indexes of the keys that a contents entry's printed page number stands before. */
  pageNumberBefore?: ReadonlySet<number>;
}

function align(pdf: PdfText, keys: string[], from: number, to: number, position: number, options: AlignOptions = {}): Alignment {
  const { limitWord = pdf.starts.length, window = WINDOW, pageNumberBefore } = options;
  const at: number[] = [];
  const end: number[] = [];
  let missing = 0;
  // The words after a candidate must follow it; the body may go on at the top of the next page
  // (past this page's footnotes), so once, after the first word, they may be found there.
  const followsAt = (k: number, start: number, mayJump: boolean): number => {
    let cursor = start;
    let jumped = !mayJump;
    const last = Math.min(to, k + CONTEXT);
    for (let i = k; i < last; i++) {
      if (pdf.text.startsWith(keys[i], cursor)) {
        cursor += keys[i].length;
        continue;
      }
      const past = pdf.pastNumbers(cursor).find((after) => pdf.text.startsWith(keys[i], after));
      if (past !== undefined) {
        cursor = past + keys[i].length;
        continue;
      }
      if (i === k || jumped) return -1;
      jumped = true;
      const nextPage = pdf.pageAt(Math.max(0, cursor - 1)) + 1;
      const first = pdf.pageStart[nextPage];
      if (first === undefined || first >= pdf.starts.length) return -1;
      const limit = Math.min(pdf.pageStart[nextPage + 1] ?? pdf.starts.length, first + PAGE_TOP);
      let resumed = -1;
      for (let word = first; word < limit && resumed === -1; word++) {
        if (pdf.text.startsWith(keys[i], pdf.starts[word])) resumed = pdf.starts[word];
      }
      if (resumed === -1) return -1;
      cursor = resumed + keys[i].length;
    }
    return cursor;
  };
  for (let k = from; k < to; k++) {
    const key = keys[k];
    // Right where the last word ended; a match that stops inside a PDF word ("2" against a
    // footnote number "25") counts only when the next word goes on from there (glued words).
    // Numbers are never glued ("2" "4" of a contents entry 2.4 are not the page number 24).
    const glues = (start: number) => !/^\d+$/.test(key) && k + 1 < to && pdf.text.startsWith(keys[k + 1], start + key.length);
    const direct = (start: number) => pdf.text.startsWith(key, start) && (k + 1 === to || pdf.isWordStart(start + key.length) || glues(start));
    // A contents entry's page number comes before the next entry's words. When those begin with
    // the same number ("… Evidence 2" then "2 Secrets"), the first one is the page number: taken
    // as the entry's number, it would leave the entry without one.
    const pageNumberEnd = pageNumberBefore?.has(k) ? pdf.pastNumbers(position)[0] : undefined;
    // Footnote calls are printed between the words; they are passed over here, not searched past.
    const start =
      pageNumberEnd !== undefined && direct(pageNumberEnd) ? pageNumberEnd : direct(position) ? position : (pdf.pastNumbers(position).find(direct) ?? -1);
    if (start !== -1) {
      at.push(start);
      position = start + key.length;
      end.push(position);
      continue;
    }
    let found = -1;
    if (missing < MAX_MISSING) {
      const first = position >= pdf.text.length ? pdf.starts.length : pdf.wordAt(position) + (pdf.starts[pdf.wordAt(position)] < position ? 1 : 0);
      const last = Math.min(limitWord, first + window);
      // A match whose words all follow on the same page wins over one that goes on at the top of
      // the next page: a lone number or common word at a page's end proves little.
      for (const mayJump of [false, true]) {
        for (let word = first; word < last && found === -1; word++) {
          if (followsAt(k, pdf.starts[word], mayJump) !== -1) found = pdf.starts[word];
        }
        if (found !== -1) break;
      }
    }
    if (found === -1) {
      missing++;
      at.push(-1);
      end.push(-1);
      continue;
    }
    at.push(found);
    position = found + key.length;
    end.push(position);
  }
  return { at, end, missing };
}

/** Runs of missing words as "page N: missing "…" (after "…")" problems. */
function missingRuns(alignment: Alignment, tokens: Tokens, offset: number, pdf: PdfText, what: string): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const { at } = alignment;
  for (let i = 0; i < at.length; i++) {
    if (at[i] !== -1) continue;
    let j = i;
    while (j < at.length && at[j] === -1) j++;
    const before = i > 0 ? at[i - 1] : -1;
    const page = before !== -1 ? pdf.pageAt(before) : j < at.length ? pdf.pageAt(at[j]) : 1;
    const words = tokens.shown.slice(offset + i, offset + j);
    const shown = words.length > 14 ? `${words.slice(0, 12).join(' ')} … ${words.slice(-2).join(' ')}` : words.join(' ');
    const context = tokens.shown.slice(Math.max(offset, offset + i - 4), offset + i).join(' ');
    problems.push({ page, message: `${what}: ${words.length} word(s) missing: "${shown}"${context ? ` (after "${context}")` : ''}` });
    i = j;
  }
  return problems;
}

/**
 * Stretches of the PDF's body that no word of the edition was matched to, and that are the
 * edition's own text: a line or passage printed twice (a layout that lays a piece out again). The
 * aligner passes over what it does not need, so without this a doubled line would go unnoticed.
 * Numbers are left out on both sides (footnote calls and page numbers stand between words).
 */
function repeatedRuns(alignment: Alignment, tokens: Tokens, pdf: PdfText, repeatable: string[]): VerifyProblem[] {
  const letters = (keys: Iterable<string>) => Array.from(keys).filter((key) => !/^\d+$/.test(key)).join('');
  const edition = letters(tokens.keys);
  const allowed = repeatable.map((text) => {
    const head: Tokens = { keys: [], shown: [] };
    tokenize(text, head);
    return letters(head.keys);
  });
  const covered = new Uint8Array(pdf.starts.length);
  for (let k = 0; k < alignment.at.length; k++) {
    if (alignment.at[k] === -1) continue;
    const last = pdf.wordAt(Math.max(alignment.at[k], alignment.end[k] - 1));
    for (let word = pdf.wordAt(alignment.at[k]); word <= last; word++) covered[word] = 1;
  }
  const problems: VerifyProblem[] = [];
  for (let word = 0; word < covered.length; word++) {
    if (covered[word]) continue;
    let end = word;
    while (end < covered.length && !covered[end]) end++;
    const keys = Array.from({ length: end - word }, (_, i) => pdf.word(word + i));
    // In pieces of whole words: a passage printed twice over text that itself repeats is longer
    // than any one stretch of the edition, but each piece of it is the edition's text.
    const pieces: string[] = [];
    let piece = '';
    for (const key of keys) {
      if (/^\d+$/.test(key)) continue;
      piece += key;
      if (piece.length >= REPEAT_MIN_LETTERS) {
        pieces.push(piece);
        piece = '';
      }
    }
    if (pieces.some((text) => edition.includes(text) && !allowed.some((head) => head.includes(text)))) {
      const shown = keys.filter((key) => !/^\d+$/.test(key));
      const text = shown.length > 14 ? `${shown.slice(0, 12).join(' ')} … ${shown.slice(-2).join(' ')}` : shown.join(' ');
      problems.push({ page: pdf.pageAt(pdf.starts[word]), message: `body text printed more than once: ${shown.length} word(s) "${text}" appear again here` });
    }
    word = end;
  }
  return problems;
}

/**
 * The structure type Chromium gives the footnote area: the renderer marks each page's footnote
 * area role="group" (mergePages), which Chromium's tagged PDF writes as `Div`; nothing else in
 * an edition has that role (plain divs are `NonStruct`, examples `Aside`).
 */
const NOTES_ROLE = 'Div';

/** A run of text of a page, with how far down the page its baseline is and its height (PDF points). */
interface PageItem {
  text: string;
  down: number;
  height: number;
}

interface PageRead {
  /** The body's text (above the footnote area), in the document's order. */
  body: PageItem[];
  /** The footnote area's text, in the document's order. */
  notes: PageItem[];
  /** The first text drawn past the page area's sides or outside the page box. */
  outside?: string;
  /** Whether the page's text could be told apart by the structure tree (false: both streams are the whole page). */
  tagged: boolean;
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>['getPage']>>;
type StructNode = Awaited<ReturnType<PdfPage['getStructTree']>>;

/**
 * A page's text inside its page area, told apart into body and notes and put in reading order.
 *
 * Reading order comes from the PDF's structure tree, not from the order Chromium draws in:
 * Chromium tags the PDF (`tagged: true`) from the document's accessibility tree, so the tree
 * lists the marked-content runs of the page in the document's order (body, then the footnote
 * area, whose DOM comes after the page's content). Every run of text is placed where its
 * marked-content id stands in that tree; text with no id of its own (none expected) stays right
 * after the run drawn before it. A footnote's text is told from the body by the structure
 * element it is in (the footnote area's `Div`), not by where it is drawn, so a note printed
 * among the body's lines is caught (and checked geometrically by the caller).
 * An untagged PDF (not the renderer's) falls back to the drawing order, with the whole page as
 * both streams: notes then cannot be told from the body.
 */
export async function readPage(page: PdfPage, area: PageArea | undefined): Promise<PageRead> {
  const [x0, y0, x1, y1] = page.view;
  const scale = (x1 - x0) / (area?.width || x1 - x0);
  const left = area ? x0 + area.left * scale : x0;
  const right = area ? x0 + area.right * scale : x1;
  const scaleY = (y1 - y0) / (area?.height || y1 - y0);
  const top = area ? area.top * scaleY : 0;
  const bottom = area ? area.bottom * scaleY : y1 - y0;

  const order = new Map<string, { index: number; note: boolean }>();
  const visit = (node: StructNode, note: boolean): void => {
    for (const child of node?.children ?? []) {
      if ('type' in child) {
        if (child.type === 'content' && !order.has(child.id)) order.set(child.id, { index: order.size, note });
        continue;
      }
      visit(child as StructNode, note || (child as StructNode).role === NOTES_ROLE);
    }
  };
  visit(await page.getStructTree().catch(() => null as unknown as StructNode), false);
  const isTagged = order.size > 0;

  const content = await page.getTextContent({ includeMarkedContent: true });
  const open: string[] = [];
  const placed: Array<{ item: PageItem; key: number; note: boolean; sequence: number }> = [];
  let outside: string | undefined;
  for (const item of content.items) {
    if (!('str' in item)) {
      if (item.type === 'endMarkedContent') open.pop();
      else open.push(item.id ?? '');
      continue;
    }
    if (!item.str.trim()) continue;
    const [a, b, , d, x, y] = item.transform as number[];
    const down = y1 - y;
    if (!outside) {
      // Horizontal text only; rotated runs (none in the template) are left to the page-box test.
      const upright = Math.abs(b) < 1e-6 && a > 0;
      const beyond = upright ? x < left - EDGE || x + item.width > right + EDGE : x < x0 || x > x1;
      if (beyond || y < y0 - EDGE || y > y1 + EDGE) outside = item.str.trim().slice(0, 60);
    }
    // A baseline sits a little below its line's top: compare with some slack at both ends.
    // Running heads and page numbers (in the margins) are read by neither stream.
    if (!(down > top && down <= bottom + EDGE)) continue;
    const mark = [...open].reverse().map((id) => order.get(id)).find((found) => found !== undefined);
    placed.push({ item: { text: item.str, down, height: Math.abs(d) || item.height }, key: mark?.index ?? Number.NaN, note: mark?.note ?? false, sequence: placed.length });
  }
  // Text drawn outside any marked content (Chromium draws counters' digits untagged: a footnote
  // call, a note's number before its "." label) belongs with the tagged run beside it on its line:
  // of the runs drawn just before and just after it, the one whose baseline is nearest.
  const tagged = (index: number, step: number): (typeof placed)[number] | undefined => {
    for (let at = index + step; at >= 0 && at < placed.length; at += step) if (!Number.isNaN(placed[at].key)) return placed[at];
    return undefined;
  };
  for (const [index, entry] of placed.entries()) {
    if (!Number.isNaN(entry.key)) continue;
    const [before, after] = [tagged(index, -1), tagged(index, 1)];
    const distance = (other: typeof before) => (other ? Math.abs(other.item.down - entry.item.down) : Infinity);
    const nearest = distance(before) <= distance(after) ? before : after;
    entry.key = nearest ? nearest.key : -1;
    entry.note = nearest?.note ?? false;
  }
  placed.sort((one, other) => one.key - other.key || one.sequence - other.sequence);
  const all = placed.map((entry) => entry.item);
  if (!isTagged) return { body: all, notes: all, outside, tagged: false };
  return {
    body: placed.filter((entry) => !entry.note).map((entry) => entry.item),
    notes: placed.filter((entry) => entry.note).map((entry) => entry.item),
    outside,
    tagged: true,
  };
}

export async function verifyPdf(bytes: Uint8Array, expected: EditionText, areas: PageArea[]): Promise<VerifyResult> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const problems: VerifyProblem[] = [];
  // Two streams of words: the body of every page, and the notes of every page (the footnote area,
  // which the renderer marks role="group" so that Chromium tags it as the one `Div` of its page).
  // Each page's words are put in the order of the PDF's structure tree (the document's order),
  // not in the order Chromium happened to draw them; see readPage.
  const pdf = new PdfText();
  const notes = new PdfText();
  const pageCount = doc.numPages;
  try {
    for (let number = 1; number <= pageCount; number++) {
      const page = await doc.getPage(number);
      const read = await readPage(page, areas[number - 1]);
      for (const item of read.body) pdf.add(number, item.text);
      for (const item of read.notes) notes.add(number, item.text);
      if (read.outside) problems.push({ page: number, message: `text drawn outside the page area: "${read.outside}"` });
      // The notes stand below the body (in the footnote area at the page's foot), never among it.
      const bodyBottom = Math.max(-Infinity, ...read.body.map((item) => item.down));
      const above = read.tagged && read.notes.find((item) => item.down - item.height < bodyBottom - EDGE);
      if (above) problems.push({ page: number, message: `footnote text is not below the body text: "${above.text.trim().slice(0, 60)}"` });
      pdf.endPage(number);
      notes.endPage(number);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  pdf.finish();
  notes.finish();

  // The body, with the marks turned into word indexes.
  const body: Tokens = { keys: [], shown: [] };
  const calls: Array<{ footnote: number; word: number }> = [];
  const headings = new Map<string, number>();
  const contents: Array<{ target: string; word: number }> = [];
  const authorities: Array<{ notes: string[]; word: number }> = [];
  const citationsInText: Array<{ id: string; word: number }> = [];
  for (const run of expected.runs) {
    if ('text' in run) tokenize(run.text, body);
    else if ('call' in run) calls.push({ footnote: run.call, word: body.keys.length });
    else if ('heading' in run) headings.set(run.heading, body.keys.length);
    else if ('tocEnd' in run) contents.push({ target: run.tocEnd, word: body.keys.length });
    else if ('citation' in run) citationsInText.push({ id: run.citation, word: body.keys.length });
    else authorities.push({ notes: run.notePages, word: body.keys.length });
  }
  const bodyAlignment = align(pdf, body.keys, 0, body.keys.length, 0, { pageNumberBefore: new Set(contents.map((entry) => entry.word)) });
  if (process.env.RAPPORTEUR_PDF_DEBUG === 'align') {
    let lastPage = 0;
    for (let k = 0; k < Math.min(body.keys.length, 3000); k++) {
      const page = bodyAlignment.at[k] === -1 ? -1 : pdf.pageAt(bodyAlignment.at[k]);
      if (page !== lastPage) process.stderr.write(`[align] ${k} ${body.keys.slice(Math.max(0, k - 3), k + 3).join(' ')} → page ${page}\n`);
      lastPage = page;
    }
  }
  problems.push(...missingRuns(bodyAlignment, body, 0, pdf, 'body text'));
  problems.push(...repeatedRuns(bodyAlignment, body, pdf, expected.repeatable ?? []));
  const pageOfWord = (word: number): number | undefined => {
    const position = bodyAlignment.at[word];
    return position === undefined || position === -1 ? undefined : pdf.pageAt(position);
  };

  // Contents: the number printed right after an entry is the page of its heading.
  for (const [index, entry] of contents.entries()) {
    const lastWord = entry.word - 1;
    const heading = headings.get(entry.target);
    if (lastWord < 0 || heading === undefined) continue;
    // The page of the heading's first word of text: its number alone could have been matched to
    // a footnote number at the foot of the page before.
    let textWord = heading;
    while (textWord < body.keys.length - 1 && textWord < heading + 6 && /^\d+$/.test(body.keys[textWord])) textWord++;
    const standsOn = pageOfWord(textWord);
    const after = bodyAlignment.end[lastWord];
    if (standsOn === undefined || after === -1) continue;
    const nextWord = bodyAlignment.at.slice(entry.word).find((position) => position !== -1) ?? pdf.text.length;
    const between = pdf.text.slice(after, nextWord);
    const printed = /^\d+/.exec(between)?.[0];
    const title = body.shown.slice(contents[index - 1]?.word ?? Math.max(0, entry.word - 8), entry.word).slice(-8).join(' ');
    if (printed === undefined) problems.push({ page: pdf.pageAt(after), message: `contents entry "${title}" shows no page number (heading on page ${standsOn})` });
    else if (Number(printed) !== standsOn) problems.push({ page: pdf.pageAt(after), message: `contents entry "${title}" says page ${printed}, but the heading is on page ${standsOn}` });
  }

  // Footnotes: each begins among the notes of its call's page and is whole; it may run on into
  // the next page's notes. Notes are looked for in the notes' own stream (the footnote areas), so
  // a note's words are never taken from the body, nor the body's from a note.
  for (const { footnote, word } of calls) {
    const note: Tokens = { keys: [], shown: [] };
    tokenize(expected.footnotes[footnote] ?? '', note);
    if (note.keys.length === 0) continue;
    const callPage = pageOfWord(Math.max(0, word - 1)) ?? pageOfWord(word);
    if (callPage === undefined) continue;
    const label = `footnote ${footnote + 1} ("${note.shown.slice(0, 6).join(' ')}${note.keys.length > 6 ? ' …' : ''}")`;
    const pageFirst = notes.starts[notes.pageStart[callPage] ?? notes.starts.length] ?? notes.text.length;
    const head = Math.min(note.keys.length, CONTEXT);
    const onPage = align(notes, note.keys, 0, head, pageFirst, { limitWord: notes.pageStart[callPage + 1] ?? notes.starts.length });
    if (onPage.at[0] === -1) {
      // Looked for from the call's page on: notes of the same text (a citation repeated) elsewhere are not it.
      const anywhere = align(notes, note.keys, 0, head, pageFirst, { window: Number.MAX_SAFE_INTEGER });
      let where = anywhere.at[0] === -1 ? 'its text is not in the PDF' : `its text begins on page ${notes.pageAt(anywhere.at[0])}`;
      if (anywhere.at[0] === -1) {
        // Printed, but not as a note: somewhere in the body text of the call's page.
        const bodyFirst = pdf.starts[pdf.pageStart[callPage] ?? pdf.starts.length] ?? pdf.text.length;
        const inBody = align(pdf, note.keys, 0, head, bodyFirst, { limitWord: pdf.pageStart[callPage + 1] ?? pdf.starts.length });
        if (inBody.at[0] !== -1) where = `its text is printed in the body of page ${pdf.pageAt(inBody.at[0])}, not in the footnote area`;
      }
      problems.push({ page: callPage, message: `${label} is called on page ${callPage} but ${where}` });
      continue;
    }
    const whole = align(notes, note.keys, 0, note.keys.length, onPage.at[0], { limitWord: notes.pageStart[callPage + 2] ?? notes.starts.length });
    problems.push(...missingRuns(whole, note, 0, notes, label));
  }

  // Table of authorities: the pages printed after an entry are the pages of the notes that cite
  // it (a note stands on its call's page, checked above), each once, in order.
  const notePage = new Map<string, number | undefined>();
  for (const { footnote, word } of calls) {
    const id = expected.footnoteIds?.[footnote];
    if (id) notePage.set(id, pageOfWord(Math.max(0, word - 1)) ?? pageOfWord(word));
  }
  // A citation in the running text: the page of its first word.
  for (const { id, word } of citationsInText) notePage.set(id, pageOfWord(word));
  for (const [index, entry] of authorities.entries()) {
    const pages = entry.notes.map((id) => notePage.get(id));
    const after = bodyAlignment.end[entry.word - 1];
    if (entry.word === 0 || after === undefined || after === -1 || pages.some((page) => page === undefined)) continue;
    const want = [...new Set(pages as number[])].sort((a, b) => a - b);
    // Where the next entry's words begin: a match found past numbers (the aligner passes over up
    // to two) is recorded where those numbers start, and these numbers are the ones to read.
    const nextIndex = bodyAlignment.at.findIndex((position, word) => word >= entry.word && position !== -1);
    let nextWord = nextIndex === -1 ? pdf.text.length : bodyAlignment.at[nextIndex];
    if (nextIndex !== -1) {
      const begins = pdf.text.indexOf(body.keys[nextIndex], nextWord);
      if (begins !== -1 && /^\d*$/.test(pdf.text.slice(nextWord, begins))) nextWord = begins;
    }
    const printed: number[] = [];
    for (let word = pdf.wordAt(after) + (pdf.starts[pdf.wordAt(after)] < after ? 1 : 0); word < pdf.starts.length && pdf.starts[word] < nextWord; word++) {
      const key = pdf.word(word);
      if (/^\d+$/.test(key)) printed.push(Number(key));
    }
    const title = body.shown.slice(authorities[index - 1]?.word ?? Math.max(0, entry.word - 8), entry.word).slice(-8).join(' ');
    if (printed.join(', ') !== want.join(', ')) {
      const says = printed.length ? `gives page(s) ${printed.join(', ')}` : 'gives no page';
      problems.push({ page: pdf.pageAt(after), message: `table of authorities entry "${title}" ${says}, but its notes are on page(s) ${want.join(', ')}` });
    }
  }

  problems.sort((a, b) => a.page - b.page);
  return { problems, pages: pageCount, words: body.keys.length, footnotes: calls.length, contentsEntries: contents.length };
}

/** The first problems on one line ("page 17: body text: 9 word(s) missing: "…"; page 18: …"). */
export function describeProblems(result: VerifyResult, limit = 3): string {
  const shown = result.problems.slice(0, limit).map((problem) => `page ${problem.page}: ${problem.message}`);
  if (result.problems.length > limit) shown.push(`and ${result.problems.length - limit} more problem(s)`);
  return shown.join('; ');
}
