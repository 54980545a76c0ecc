import { createHash } from 'node:crypto';
import { readAnnotationEntries, type RawAnnotationEntries } from './pdf-raw.js';

/**
 * Reading reviewers' annotations out of a PDF with pdfjs-dist (legacy build: Node without
 * browser globals). Only what a reviewer writes is kept: sticky notes, free text and text
 * markup (highlight, underline, strike-out, squiggly) with the words under it; links, form
 * fields and popups (which only display another annotation's note) are skipped.
 */

/** Annotations that are not a reviewer's remark: navigation, forms, and the popup windows of notes. */
const IGNORED = new Set(['Link', 'Widget', 'Popup']);

export type AnnotationKind = 'note' | 'highlight' | 'free-text' | 'underline' | 'strike-out' | 'squiggly' | 'caret' | 'shape' | 'ink' | 'stamp' | 'replacement';

/** Kinds imported whatever they say (text markup marks words even without a note). */
const KINDS: Record<string, AnnotationKind> = {
  Text: 'note',
  FreeText: 'free-text',
  Highlight: 'highlight',
  Underline: 'underline',
  StrikeOut: 'strike-out',
  Squiggly: 'squiggly',
};

/** Kinds imported when the reviewer wrote a note on them (Acrobat's insert-text caret, drawings, stamps). */
const NOTE_KINDS: Record<string, AnnotationKind> = {
  Caret: 'caret',
  Square: 'shape',
  Circle: 'shape',
  Polygon: 'shape',
  PolyLine: 'shape',
  Line: 'shape',
  Ink: 'ink',
  Stamp: 'stamp',
};

export interface PdfAnnotation {
  /**
   * Stable across imports of the same annotation, and not the note (which may be edited): page,
   * kind, author and the annotation's own name (`/NM`) when it has one, so a moved note is the
   * same remark and two notes of one reviewer at one spot are two; page, kind, rectangle and
   * author when it has none.
   */
  id: string;
  /**
   * The ids earlier versions gave the same annotation, newest first (page, kind, rectangle and
   * author; page, kind, rectangle and note), so the ledgers they wrote are still recognised.
   */
  formerIds: string[];
  /** For Acrobat's replace (a strike-out grouped with a caret): the words struck out and the words to insert. */
  old?: string;
  new?: string;
  page: number;
  kind: AnnotationKind;
  author?: string;
  date?: string;
  contents: string;
  /** Text under a markup annotation, or '' for notes. */
  marked: string;
  /** The line nearest the annotation and its neighbours, for placing notes. */
  nearest: string;
  nearby: string;
  /** Id (ours) of the annotation this one replies to. */
  re?: string;
  /** Position on the page (PDF user space, y up), for ordering and destination lookup. */
  rect: [number, number, number, number];
}

export interface PdfRead {
  annotations: PdfAnnotation[];
  /** Annotations of kinds that carry no reviewer text we can use (ink, stamps…), by PDF subtype. */
  skipped: Record<string, number>;
  title?: string;
  pages: number;
  /** Named destinations (element ids of the HTML the PDF was printed from): page and y. */
  destinations: Map<string, { page: number; y: number }>;
  /** Problems the reader worked around, for the user to know (a damaged last save…). */
  warnings: string[];
}

/**
 * Whether the PDF's last incremental save is damaged: its trailer must end the file with
 * `startxref N %%EOF`, N pointing at a cross-reference table or stream. pdfjs recovers from a
 * broken one silently by scanning the file, which can lose the annotations saved last.
 */
export function lastSaveDamaged(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) return true;
  const offset = Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return true;
  const at = Buffer.from(bytes.subarray(offset, Math.min(bytes.length, offset + 32))).toString('latin1');
  return !/^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(at);
}

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface RawAnnotation {
  id: string;
  subtype: string;
  rect: number[];
  quadPoints?: ArrayLike<number> | null;
  contentsObj?: { str?: string };
  titleObj?: { str?: string };
  modificationDate?: string | null;
  creationDate?: string | null;
  inReplyTo?: string | null;
  replyType?: string;
  popupRef?: string | null;
  richText?: RichText | null;
}

/** pdfjs's reading of a note's rich text (the RC entry): its plain text, and an HTML-like tree. */
interface RichText {
  str?: string;
  html?: RichNode;
}

interface RichNode {
  name?: string;
  value?: string;
  children?: RichNode[];
}

/** Text from a PDF may carry control characters (terminal escapes among them): keep lines and tabs only. */
function withoutControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function richTextOf(rich: RichText | null | undefined): string {
  if (!rich) return '';
  if (rich.str) return rich.str;
  const walk = (node: RichNode): string => {
    const text = (node.value ?? '') + (node.children ?? []).map(walk).join('');
    return node.name === 'p' || node.name === 'div' ? `${text}\n` : text;
  };
  return rich.html ? walk(rich.html) : '';
}

export class PdfReadError extends Error {}

export async function readPdfAnnotations(bytes: Uint8Array): Promise<PdfRead> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('is protected by a password; save an unprotected copy and import that');
    throw new PdfReadError(`is not a PDF that can be read (${(error as Error).message})`);
  }
  try {
    const info = (await doc.getMetadata().catch(() => undefined))?.info as { Title?: string } | undefined;
    const result: PdfRead = { annotations: [], skipped: {}, title: info?.Title || undefined, pages: doc.numPages, destinations: new Map(), warnings: [] };
    if (lastSaveDamaged(bytes)) result.warnings.push('the last save of this PDF is damaged (its cross-reference is missing or broken); it was read by recovery, and annotations saved last may be missing or outdated: ask the reviewer to save it again');
    // pdfjs gives neither /NM nor a rich text that is not a plain string: read those ourselves,
    // once, and only for a PDF that has annotations (pdf-lib parses every object: ~1 s for 4 MB).
    let entries: Map<string, RawAnnotationEntries> | undefined;
    const byPdfId = new Map<string, PdfAnnotation>();
    const replies: Array<[PdfAnnotation, string]> = [];
    const groups: Array<[PdfAnnotation, string]> = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const raw = (await page.getAnnotations({ intent: 'display' })) as RawAnnotation[];
      if (!entries && raw.some((a) => KINDS[a.subtype] || NOTE_KINDS[a.subtype])) {
        const read = await readAnnotationEntries(bytes);
        entries = read.entries;
        if (read.unreadable) result.warnings.push(`${read.unreadable}: notes stored only as rich text may be imported empty, and notes are told apart by position rather than by their own names`);
      }
      const own = (a: RawAnnotation) => entries?.get(a.id);
      const hasNote = (a: RawAnnotation) => Boolean((a.contentsObj?.str ?? '').trim() || own(a)?.richText || a.richText);
      const wanted = raw.filter((a) => KINDS[a.subtype] || (NOTE_KINDS[a.subtype] && hasNote(a)));
      for (const other of raw) {
        if (!wanted.includes(other) && !IGNORED.has(other.subtype)) result.skipped[other.subtype] = (result.skipped[other.subtype] ?? 0) + 1;
      }
      if (wanted.length === 0) continue;
      const popups = new Map(raw.filter((a) => a.subtype === 'Popup').map((a) => [a.id, a]));
      const content = await page.getTextContent();
      const items: TextItem[] = (content.items as Array<{ str?: string; transform?: number[]; width?: number; height?: number }>)
        .filter((i) => typeof i.str === 'string' && i.str.trim() !== '' && i.transform)
        .map((i) => ({ str: i.str as string, x: i.transform![4], y: i.transform![5], width: i.width ?? 0, height: i.height || Math.abs(i.transform![3]) || 10 }));
      for (const annotation of wanted) {
        const kind = KINDS[annotation.subtype] ?? NOTE_KINDS[annotation.subtype];
        const rect = normalRect(annotation.rect);
        // Some readers store the note only as rich text (/RC): our own read of it first (pdfjs
        // loses a UTF-16 or stream /RC), then pdfjs's, which it hands to the popup.
        const dictionary = own(annotation);
        const plain = annotation.contentsObj?.str ?? '';
        const rich = plain ? '' : dictionary?.richText || richTextOf(annotation.richText ?? (annotation.popupRef ? popups.get(annotation.popupRef)?.richText : undefined));
        const contents = withoutControls((plain || rich).replace(/\r\n?/g, '\n')).trim();
        const marked = !['highlight', 'underline', 'strike-out', 'squiggly'].includes(kind) ? '' : textUnderQuads(items, quads(annotation.quadPoints, rect));
        const near = textNear(items, rect);
        const author = withoutControls(annotation.titleObj?.str ?? '').replace(/\s+/g, ' ').trim() || undefined;
        const positional = annotationId(number, kind, rect, author ?? '');
        const legacy = annotationId(number, kind, rect, contents);
        const name = dictionary?.name ? withoutControls(dictionary.name) : '';
        const item: PdfAnnotation = {
          id: name ? namedAnnotationId(number, kind, name, author ?? '') : positional,
          formerIds: name ? [positional, legacy] : [legacy],
          page: number,
          kind,
          author,
          date: pdfDate(annotation.modificationDate ?? annotation.creationDate ?? undefined),
          contents,
          marked,
          nearest: near.nearest,
          nearby: near.window,
          rect,
        };
        byPdfId.set(annotation.id, item);
        if (annotation.inReplyTo && annotation.replyType === 'Group') groups.push([item, annotation.inReplyTo]);
        else if (annotation.inReplyTo) replies.push([item, annotation.inReplyTo]);
        result.annotations.push(item);
      }
      page.cleanup();
    }
    for (const [item, parent] of replies) {
      const target = byPdfId.get(parent);
      if (target) item.re = target.id;
    }
    // Acrobat's "replace text": a caret holding the new words, and a strike-out over the old words
    // grouped with it (pdfjs hands the group member its head's note). One suggestion, not two remarks.
    for (const [member, head] of groups) {
      const caret = byPdfId.get(head);
      if (!caret) continue;
      if (member.kind === 'strike-out' && caret.kind === 'caret') {
        caret.kind = 'replacement';
        caret.old = member.marked;
        caret.new = caret.contents;
        caret.marked = member.marked;
        caret.rect = member.rect;
        caret.nearest = member.nearest;
        caret.nearby = member.nearby;
        result.annotations.splice(result.annotations.indexOf(member), 1);
      } else member.re = caret.id;
    }
    result.destinations = await destinations(doc);
    return result;
  } finally {
    await doc.destroy();
  }
}

function normalRect(rect: number[]): [number, number, number, number] {
  const [a, b, c, d] = rect.map(Number);
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** pdfjs normalises QuadPoints to [minX, maxY, maxX, maxY, minX, minY, maxX, minY] per quad. */
function quads(points: ArrayLike<number> | null | undefined, rect: [number, number, number, number]): Array<[number, number, number, number]> {
  if (!points || points.length < 8) return [rect];
  const list: Array<[number, number, number, number]> = [];
  for (let i = 0; i + 7 < points.length; i += 8) {
    const xs = [points[i], points[i + 2], points[i + 4], points[i + 6]];
    const ys = [points[i + 1], points[i + 3], points[i + 5], points[i + 7]];
    list.push([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  return list;
}

/**
 * The characters of each text run that a quad covers. pdfjs gives a run's width but not each
 * glyph's, so the cut inside a run is proportional; the matcher tolerates a clipped word at
 * either end.
 */
export function textUnderQuads(items: TextItem[], boxes: Array<[number, number, number, number]>): string {
  const pieces: string[] = [];
  for (const [x1, y1, x2, y2] of boxes) {
    const line: Array<{ x: number; right: number; text: string }> = [];
    for (const item of items) {
      const bottom = item.y - item.height * 0.25;
      const top = item.y + item.height * 0.85;
      const overlap = Math.min(top, y2) - Math.max(bottom, y1);
      if (overlap < (top - bottom) * 0.5) continue;
      const right = item.x + item.width;
      if (right <= x1 || item.x >= x2 || item.width <= 0) continue;
      const length = item.str.length;
      // Glyph widths are not all equal, so a cut can land inside the first or last word: keep
      // that word whole (a clipped word is easier to match than a missing one).
      const from = snapToWord(item.str, Math.max(0, Math.round(((x1 - item.x) / item.width) * length)), 'back');
      const to = snapToWord(item.str, Math.min(length, Math.round(((x2 - item.x) / item.width) * length)), 'ahead');
      if (to > from) line.push({ x: item.x, right, text: item.str.slice(from, to) });
    }
    line.sort((a, b) => a.x - b.x);
    // Runs separated by a visible gap are separate words even when no space run lies between.
    pieces.push(line.map((p, i) => (i > 0 && p.x - line[i - 1].right > 1 ? ` ${p.text}` : p.text)).join(''));
  }
  return pieces.join(' ').replace(/\s+/g, ' ').trim();
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Moves a cut that falls inside a word to the nearer end of that word. */
export function snapToWord(text: string, index: number, prefer?: 'back' | 'ahead'): number {
  if (!isWordChar(text[index - 1]) || !isWordChar(text[index])) return index;
  let back = index;
  while (back > 0 && isWordChar(text[back - 1])) back--;
  let ahead = index;
  while (ahead < text.length && isWordChar(text[ahead])) ahead++;
  if (prefer === 'back') return back;
  if (prefer === 'ahead') return ahead;
  return index - back <= ahead - index ? back : ahead;
}

/** The text run closest to a rectangle, and a window of runs around it (about 40 words). */
export function textNear(items: TextItem[], rect: [number, number, number, number]): { nearest: string; window: string } {
  if (items.length === 0) return { nearest: '', window: '' };
  let bestIndex = 0;
  let bestDistance = Infinity;
  items.forEach((item, index) => {
    const box = [item.x, item.y - item.height * 0.25, item.x + item.width, item.y + item.height * 0.85];
    const dx = Math.max(0, box[0] - rect[2], rect[0] - box[2]);
    const dy = Math.max(0, box[1] - rect[3], rect[1] - box[3]);
    // Vertical distance counts more: a margin note sits beside its line.
    const distance = dx + dy * 4;
    if (distance < bestDistance) {
      bestDistance = distance;
      bestIndex = index;
    }
  });
  const window: string[] = [items[bestIndex].str];
  let count = items[bestIndex].str.split(/\s+/).length;
  for (let step = 1; count < 40 && (bestIndex - step >= 0 || bestIndex + step < items.length); step++) {
    const after = items[bestIndex + step];
    if (after) {
      window.push(after.str);
      count += after.str.split(/\s+/).length;
    }
    const before = items[bestIndex - step];
    if (before && count < 40) {
      window.unshift(before.str);
      count += before.str.split(/\s+/).length;
    }
  }
  return { nearest: items[bestIndex].str, window: window.join(' ') };
}

/** The id of an annotation that has its own name (`/NM`, unique on its page by the PDF standard). */
export function namedAnnotationId(page: number, kind: AnnotationKind, name: string, author: string): string {
  const key = ['nm', page, kind, name, author].join('\u0000');
  return `pdf-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

export function annotationId(page: number, kind: AnnotationKind, rect: number[], contents: string): string {
  const key = [page, kind, ...rect.map((n) => n.toFixed(1)), contents].join('\u0000');
  return `pdf-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}

/**
 * A PDF date (`D:20261126083000+09'00'`) as ISO 8601 with the zone the reviewer's program wrote:
 * converting to UTC would move a Tokyo note of 26 November, 08:30 to the 25th.
 */
export function pdfDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h, mi, se, zone] = match;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  const day = `${y}-${mo}-${d}`;
  if (h === undefined) return day;
  const time = `${h}:${mi ?? '00'}:${se ?? '00'}`;
  if (!zone) return `${day}T${time}`;
  if (zone === 'Z') return `${day}T${time}Z`;
  const digits = zone.replace(/'/g, '');
  return `${day}T${time}${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
}

async function destinations(doc: {
  getDestinations(): Promise<Record<string, unknown>>;
  getPageIndex(ref: unknown): Promise<number>;
}): Promise<Map<string, { page: number; y: number }>> {
  const result = new Map<string, { page: number; y: number }>();
  let all: Record<string, unknown>;
  try {
    all = await doc.getDestinations();
  } catch {
    return result;
  }
  for (const [name, dest] of Object.entries(all)) {
    if (!Array.isArray(dest) || !dest[0] || typeof dest[0] !== 'object') continue;
    try {
      const page = (await doc.getPageIndex(dest[0])) + 1;
      const y = typeof dest[3] === 'number' ? dest[3] : Infinity;
      result.set(name, { page, y });
    } catch {
      // A destination to a page that is not there: ignore it.
    }
  }
  return result;
}
