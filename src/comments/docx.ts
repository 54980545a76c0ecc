import { DOCX_ID_MAP_NAMESPACE, DOCX_ID_MAP_PART } from '../docx/ids.js';
import { attr, descendants, elements, is, isOleCompound, isZip, NS, OoxmlError, openPackage, type Package, type XmlElement } from './ooxml.js';

/**
 * Reading a reviewer's DOCX: Word comments (ranged or at a point, replies, resolved state) and
 * tracked changes (insertions, deletions, replacements, moves, formatting changes), in the body
 * and in footnotes, each with the bookmarks it stands in. Which recommendation and part a
 * bookmark means is decided by the import (src/comments/docx-import.ts), from the id map the
 * exporter stored in the file and the names the report's own anchors give.
 *
 * Not mammoth: it drops comment ranges, deletions and moves, which are what a review is made of.
 */

const W = NS.w;

export type DocxRemarkKind = 'comment' | 'insertion' | 'deletion' | 'replacement' | 'move' | 'format';

/** Where a remark stands: the bookmarks open around it (innermost last) and the text of its paragraph. */
export interface DocxPlace {
  story: 'body' | 'footnote';
  bookmarks: string[];
  /** The paragraph as exported (deleted text kept, inserted text left out). */
  paragraph: string;
  /** The last bookmark that opened before this paragraph, for paragraphs a reviewer stripped of theirs. */
  previous: string[];
}

export interface DocxRemark {
  kind: DocxRemarkKind;
  /** The DOCX's own id (comment id, or the change's id). */
  docxId: string;
  /** Stable identity material from the file (Word's durable id, paraId), when there is any. */
  durable?: string;
  author?: string;
  /** As written by the reviewer's program, time zone kept. */
  date?: string;
  /** The comment's text (paragraphs joined by a line break); for a formatting change, what changed. */
  text: string;
  /** The commented words (a comment) or the words around a change. */
  quote: string;
  old?: string;
  new?: string;
  /** Exported text right before and after the change in its paragraph, to find it again in the source. */
  before?: string;
  after?: string;
  place: DocxPlace;
  /** Places the range also crosses (a comment over two recommendations). */
  also: DocxPlace[];
  /** For a move: where the words went. */
  to?: DocxPlace;
  /** docxId of the comment this one replies to. */
  parent?: string;
  done?: boolean;
}

export interface DocxIdMap {
  report?: string;
  title?: string;
  version?: string;
  edition?: string;
  anchors: Array<{ bookmark: string; key: string; text: string }>;
}

export interface DocxRead {
  remarks: DocxRemark[];
  map?: DocxIdMap;
  /** dc:title of the document properties. */
  title?: string;
  /** Every bookmark name in the file, for telling whether it comes from this report at all. */
  bookmarks: Set<string>;
}

export class DocxReadError extends Error {}

/** Is this a Word document (and not another zip)? Decided from the content, not the file name. */
export function looksLikeDocx(bytes: Uint8Array): 'docx' | 'encrypted' | 'zip' | 'other' {
  if (isOleCompound(bytes)) return 'encrypted';
  if (!isZip(bytes)) return 'other';
  return 'zip';
}

export function readDocx(bytes: Uint8Array): DocxRead {
  if (isOleCompound(bytes)) throw new DocxReadError('is protected by a password (an encrypted Office file); save an unprotected copy and import that');
  if (!isZip(bytes)) throw new DocxReadError('is not a DOCX file');
  try {
    const pkg = openPackage(bytes);
    if (!pkg.parts.has('word/document.xml')) throw new DocxReadError('is a zip file but not a Word document (it has no word/document.xml)');
    return readPackage(pkg);
  } catch (error) {
    if (error instanceof OoxmlError) throw new DocxReadError(error.message.startsWith('is ') ? error.message : `is damaged: ${error.message}`);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// A story (the body, or one footnote) flattened into events, in reading order.

interface Change {
  type: 'ins' | 'del' | 'moveFrom' | 'moveTo';
  id: string;
  author?: string;
  date?: string;
  /** For moves: the name that pairs the source with the destination. */
  name?: string;
}

interface Format {
  id: string;
  author?: string;
  date?: string;
  description: string;
}

type Event =
  | { t: 'p'; footnote?: string }
  | { t: '/p'; format?: Format }
  | { t: 'text'; text: string; change?: Change; format?: Format }
  | { t: 'bm'; id: string; name: string }
  | { t: '/bm'; id: string }
  | { t: 'c'; id: string }
  | { t: '/c'; id: string }
  | { t: 'cref'; id: string };

function changeOf(element: XmlElement, type: Change['type'], name?: string): Change {
  return { type, id: attr(element, W, 'id') ?? '', author: attr(element, W, 'author') || undefined, date: attr(element, W, 'date') || undefined, name };
}

/** Names of run properties, for telling what a formatting change did ("bold added, italic removed"). */
const PROPERTY_WORDS: Record<string, string> = {
  b: 'bold', i: 'italic', u: 'underline', strike: 'strikethrough', dstrike: 'double strikethrough', caps: 'capitals', smallCaps: 'small capitals',
  vertAlign: 'superscript/subscript', color: 'colour', sz: 'size', rFonts: 'font', highlight: 'highlight', rStyle: 'character style', pStyle: 'paragraph style',
  jc: 'alignment', ind: 'indentation', spacing: 'spacing', numPr: 'numbering', shd: 'shading',
};

/**
 * Word (and our writer) sets bold, italic and size twice, for ordinary and for complex-script text
 * (`w:b` + `w:bCs`): a reviewer's "bold added" changes both, and is one change.
 */
const COMPLEX_SCRIPT_TWINS: Record<string, string> = { bCs: 'b', iCs: 'i', szCs: 'sz' };

function propertySet(element: XmlElement | undefined, skip: string): Map<string, string> {
  const set = new Map<string, string>();
  if (!element) return set;
  for (const child of elements(element)) {
    if (child.local === skip || child.local === 'rPr') continue;
    const value = attr(child, W, 'val');
    if (value === 'false' || value === '0' || (child.local === 'u' && value === 'none')) continue;
    const twin = COMPLEX_SCRIPT_TWINS[child.local];
    if (twin && set.has(twin)) continue;
    set.set(twin ?? child.local, JSON.stringify(child.attrs));
  }
  return set;
}

function describeFormat(now: XmlElement, before: XmlElement | undefined, skip: string): string {
  const after = propertySet(now, skip);
  const was = propertySet(before, skip);
  const words: string[] = [];
  for (const [name, value] of after) {
    const word = PROPERTY_WORDS[name] ?? name;
    if (!was.has(name)) words.push(`${word} added`);
    else if (was.get(name) !== value) words.push(`${word} changed`);
  }
  for (const name of was.keys()) if (!after.has(name)) words.push(`${PROPERTY_WORDS[name] ?? name} removed`);
  return words.length ? `formatting: ${words.join(', ')}` : 'formatting changed';
}

function flatten(node: XmlElement, events: Event[], change: Change | undefined, moves: { from?: string; to?: string }): void {
  for (const child of elements(node)) {
    if (child.ns !== W) {
      // mc:AlternateContent and friends: read the fallback, which every reader understands.
      if (child.local === 'AlternateContent') {
        const fallback = elements(child).find((c) => c.local === 'Fallback');
        if (fallback) flatten(fallback, events, change, moves);
      }
      continue;
    }
    switch (child.local) {
      case 'p': {
        events.push({ t: 'p' });
        const pPr = elements(child).find((c) => is(c, W, 'pPr'));
        const pChange = pPr ? elements(pPr).find((c) => is(c, W, 'pPrChange')) : undefined;
        flatten(child, events, change, moves);
        events.push({
          t: '/p',
          format: pChange && pPr ? { id: attr(pChange, W, 'id') ?? '', author: attr(pChange, W, 'author'), date: attr(pChange, W, 'date'), description: describeFormat(pPr, elements(pChange).find((c) => is(c, W, 'pPr')), 'pPrChange') } : undefined,
        });
        break;
      }
      case 'pPr':
      case 'rPr':
      case 'sectPr':
      case 'tblPr':
      case 'trPr':
      case 'tcPr':
      case 'tblGrid':
      case 'instrText':
      case 'delInstrText':
      case 'drawing':
      case 'pict':
      case 'object':
        break;
      case 'ins':
        flatten(child, events, changeOf(child, 'ins'), moves);
        break;
      case 'del':
        flatten(child, events, changeOf(child, 'del'), moves);
        break;
      case 'moveFrom':
        flatten(child, events, changeOf(child, 'moveFrom', moves.from), moves);
        break;
      case 'moveTo':
        flatten(child, events, changeOf(child, 'moveTo', moves.to), moves);
        break;
      case 'moveFromRangeStart':
        moves.from = attr(child, W, 'name');
        break;
      case 'moveToRangeStart':
        moves.to = attr(child, W, 'name');
        break;
      case 'bookmarkStart':
        events.push({ t: 'bm', id: attr(child, W, 'id') ?? '', name: attr(child, W, 'name') ?? '' });
        break;
      case 'bookmarkEnd':
        events.push({ t: '/bm', id: attr(child, W, 'id') ?? '' });
        break;
      case 'commentRangeStart':
        events.push({ t: 'c', id: attr(child, W, 'id') ?? '' });
        break;
      case 'commentRangeEnd':
        events.push({ t: '/c', id: attr(child, W, 'id') ?? '' });
        break;
      case 'r':
        run(child, events, change);
        break;
      default:
        // Hyperlinks, smart tags, content controls, tables, fields: transparent containers.
        flatten(child, events, change, moves);
    }
  }
}

function run(element: XmlElement, events: Event[], change: Change | undefined): void {
  const rPr = elements(element).find((c) => is(c, W, 'rPr'));
  const rChange = rPr ? elements(rPr).find((c) => is(c, W, 'rPrChange')) : undefined;
  const format: Format | undefined =
    rChange && rPr ? { id: attr(rChange, W, 'id') ?? '', author: attr(rChange, W, 'author'), date: attr(rChange, W, 'date'), description: describeFormat(rPr, elements(rChange).find((c) => is(c, W, 'rPr')), 'rPrChange') } : undefined;
  let text = '';
  const flush = () => {
    if (text) events.push({ t: 'text', text, change, format });
    text = '';
  };
  for (const child of elements(element)) {
    if (child.ns !== W) continue;
    switch (child.local) {
      case 't':
      case 'delText':
        text += child.children.filter((c): c is string => typeof c === 'string').join('');
        break;
      case 'tab':
      case 'br':
      case 'cr':
        text += ' ';
        break;
      case 'noBreakHyphen':
        text += '\u2011';
        break;
      case 'softHyphen':
        text += '\u00ad';
        break;
      case 'commentReference':
        flush();
        events.push({ t: 'cref', id: attr(child, W, 'id') ?? '' });
        break;
      default:
        break;
    }
  }
  flush();
}

// ---------------------------------------------------------------------------------------------

/**
 * The exported words right before and after pieces i..j-1, within the same bookmark (a part's
 * label such as "civil-law: " is not in the source), up to 60 characters each side.
 */
function contextOf(pieces: Piece[], i: number, j: number): { before: string; after: string } {
  const inner = (p: Piece | undefined) => p?.bookmarks[p.bookmarks.length - 1];
  const own = inner(pieces[i]);
  const exported = (p: Piece) => (p.change?.type === 'ins' || p.change?.type === 'moveTo' ? '' : p.text);
  let before = '';
  for (let k = i - 1; k >= 0 && inner(pieces[k]) === own && before.length < 60; k--) before = exported(pieces[k]) + before;
  let after = '';
  for (let k = j; k < pieces.length && inner(pieces[k]) === own && after.length < 60; k++) after += exported(pieces[k]);
  return { before: before.slice(-60), after: after.slice(0, 60) };
}

interface Piece {
  text: string;
  change?: Change;
  format?: Format;
  bookmarks: string[];
}

interface OpenComment {
  id: string;
  places: DocxPlace[];
  old: string[];
  now: string[];
}

interface Story {
  name: DocxPlace['story'];
  root: XmlElement;
}

function readPackage(pkg: Package): DocxRead {
  const document = pkg.xml('word/document.xml');
  const body = document ? elements(document).find((c) => is(c, W, 'body')) : undefined;
  if (!document || !is(document, W, 'document') || !body) throw new DocxReadError('is not a Word document (word/document.xml holds no w:document body)');
  const stories: Story[] = [{ name: 'body', root: body }];
  // Footnotes, and endnotes (a reviewer's Word may have turned notes into endnotes).
  for (const [part, local] of [['word/footnotes.xml', 'footnote'], ['word/endnotes.xml', 'endnote']] as const) {
    const notes = pkg.xml(part);
    if (!notes) continue;
    for (const note of elements(notes).filter((c) => is(c, W, local))) {
      const type = attr(note, W, 'type');
      if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
      stories.push({ name: 'footnote', root: note });
    }
  }

  const remarks: DocxRemark[] = [];
  const commentPlaces = new Map<string, { place: DocxPlace; also: DocxPlace[]; quote: string }>();
  const moves = new Map<string, { from?: DocxRemark; to?: DocxPlace; toText?: string }>();
  const bookmarks = new Set<string>();

  for (const story of stories) {
    const events: Event[] = [];
    flatten(story.root, events, undefined, {});
    const open: Array<{ id: string; name: string }> = [];
    let previous: string[] = [];
    const comments = new Map<string, OpenComment>();
    let pieces: Piece[] = [];
    // Comment boundaries inside the paragraph, as piece indexes.
    let marks: Array<{ at: number; event: Event }> = [];

    const endParagraph = (paragraphFormat?: Format) => {
      const exported = pieces.filter((p) => p.change?.type !== 'ins' && p.change?.type !== 'moveTo').map((p) => p.text).join('');
      const current = pieces.filter((p) => p.change?.type !== 'del' && p.change?.type !== 'moveFrom').map((p) => p.text).join('');
      const placeAt = (bms: string[]): DocxPlace => ({ story: story.name, bookmarks: bms, paragraph: exported, previous });
      // Comments: the words each open range covers in this paragraph.
      const covering = new Map<string, boolean>();
      let markIndex = 0;
      const applyMarks = (upTo: number) => {
        while (markIndex < marks.length && marks[markIndex].at <= upTo) {
          const { event, at } = marks[markIndex++];
          const bms = pieces[Math.min(at, pieces.length - 1)]?.bookmarks ?? open.map((b) => b.name);
          if (event.t === 'c') {
            comments.set(event.id, { id: event.id, places: [placeAt(bms)], old: [], now: [] });
            covering.set(event.id, true);
          } else if (event.t === '/c') {
            const c = comments.get(event.id);
            if (c) {
              const quote = (c.old.join('').trim() ? c.old : c.now).join('').replace(/\s+/g, ' ').trim();
              commentPlaces.set(event.id, { place: c.places[0], also: c.places.slice(1), quote });
              comments.delete(event.id);
            }
          } else if (event.t === 'cref') {
            if (!commentPlaces.has(event.id) && !comments.has(event.id)) commentPlaces.set(event.id, { place: placeAt(bms), also: [], quote: '' });
          }
        }
      };
      // A range that was already open when this paragraph started also covers it.
      for (const c of comments.values()) {
        const here = placeAt(pieces[0]?.bookmarks ?? open.map((b) => b.name));
        const last = c.places[c.places.length - 1];
        if (last.bookmarks.join('|') !== here.bookmarks.join('|')) c.places.push(here);
      }
      pieces.forEach((piece, index) => {
        applyMarks(index);
        for (const c of comments.values()) {
          if (piece.change?.type !== 'ins' && piece.change?.type !== 'moveTo') c.old.push(piece.text);
          if (piece.change?.type !== 'del' && piece.change?.type !== 'moveFrom') c.now.push(piece.text);
          const last = c.places[c.places.length - 1];
          if (last.bookmarks.join('|') !== piece.bookmarks.join('|') && piece.text.trim()) c.places.push(placeAt(piece.bookmarks));
        }
      });
      applyMarks(Infinity);
      for (const c of comments.values()) {
        c.old.push(' ');
        c.now.push(' ');
      }

      // Tracked changes: runs of changed pieces with no unchanged text between them.
      for (let i = 0; i < pieces.length; ) {
        if (!pieces[i].change) {
          i++;
          continue;
        }
        let j = i;
        while (j < pieces.length && pieces[j].change) j++;
        const group = pieces.slice(i, j);
        const { before, after } = contextOf(pieces, i, j);
        const authors = [...new Set(group.map((p) => p.change?.author ?? ''))];
        for (const author of authors) {
          const mine = group.filter((p) => (p.change?.author ?? '') === author);
          const moved = mine.filter((p) => p.change?.type === 'moveFrom' || p.change?.type === 'moveTo');
          for (const piece of moved) {
            const change = piece.change as Change;
            const key = change.name ?? `${change.author}|${change.date}`;
            const pair = moves.get(key) ?? {};
            if (change.type === 'moveFrom') {
              if (!pair.from) {
                pair.from = {
                  kind: 'move', docxId: change.id, author: change.author, date: change.date, text: '', quote: '', old: '', new: '',
                  before, after, place: placeAt(piece.bookmarks), also: [],
                };
              }
              pair.from.old = `${pair.from.old ?? ''}${piece.text}`;
            } else {
              pair.to ??= placeAt(piece.bookmarks);
              pair.toText = `${pair.toText ?? ''}${piece.text}`;
            }
            moves.set(key, pair);
          }
          const deleted = mine.filter((p) => p.change?.type === 'del').map((p) => p.text).join('');
          const inserted = mine.filter((p) => p.change?.type === 'ins').map((p) => p.text).join('');
          if (!deleted && !inserted.trim()) continue;
          const first = mine.find((p) => p.change?.type === 'del' || p.change?.type === 'ins') as Piece;
          const kind: DocxRemarkKind = deleted && inserted ? 'replacement' : deleted ? 'deletion' : 'insertion';
          remarks.push({
            kind,
            docxId: first.change?.id ?? '',
            author: first.change?.author,
            date: first.change?.date,
            text: '',
            quote: deleted || inserted,
            old: deleted,
            new: inserted,
            before,
            after,
            place: placeAt(first.bookmarks),
            also: [],
          });
        }
        i = j;
      }
      // Formatting changes: reported, never applied.
      for (let i = 0; i < pieces.length; ) {
        const format = pieces[i].format;
        if (!format) {
          i++;
          continue;
        }
        let j = i;
        while (j < pieces.length && pieces[j].format?.id === format.id && pieces[j].format?.description === format.description) j++;
        remarks.push({
          kind: 'format', docxId: format.id, author: format.author || undefined, date: format.date || undefined, text: format.description,
          quote: pieces.slice(i, j).map((p) => p.text).join('').trim(), place: placeAt(pieces[i].bookmarks), also: [],
        });
        i = j;
      }
      if (paragraphFormat) {
        remarks.push({
          kind: 'format', docxId: paragraphFormat.id, author: paragraphFormat.author || undefined, date: paragraphFormat.date || undefined,
          text: paragraphFormat.description.replace(/^formatting/, 'paragraph formatting'), quote: current.trim(), place: placeAt(pieces[0]?.bookmarks ?? open.map((b) => b.name)), also: [],
        });
      }
      const names = open.map((b) => b.name);
      if (names.length) previous = names;
      pieces = [];
      marks = [];
    };

    for (const event of events) {
      switch (event.t) {
        case 'p':
          pieces = [];
          marks = [];
          break;
        case '/p':
          endParagraph(event.format);
          break;
        case 'bm':
          if (event.name && !event.name.startsWith('_')) {
            open.push({ id: event.id, name: event.name });
            bookmarks.add(event.name);
          }
          break;
        case '/bm': {
          const index = open.findIndex((b) => b.id === event.id);
          if (index >= 0) open.splice(index, 1);
          break;
        }
        case 'text':
          pieces.push({ text: event.text, change: event.change, format: event.format, bookmarks: open.map((b) => b.name) });
          break;
        case 'c':
        case '/c':
        case 'cref':
          marks.push({ at: pieces.length, event });
          break;
      }
    }
  }

  for (const { from, to, toText } of moves.values()) {
    if (from) remarks.push({ ...from, new: toText ?? '', quote: from.old ?? '', to });
  }
  remarks.push(...readComments(pkg, commentPlaces));
  return { remarks, map: readIdMap(pkg), title: readTitle(pkg), bookmarks };
}

/** comments.xml, with threads and resolved state from commentsExtended.xml and Word's durable ids. */
function readComments(pkg: Package, places: Map<string, { place: DocxPlace; also: DocxPlace[]; quote: string }>): DocxRemark[] {
  const comments = pkg.xml('word/comments.xml');
  if (!comments) return [];
  const extended = pkg.xml('word/commentsExtended.xml');
  const ids = pkg.xml('word/commentsIds.xml');
  const byPara = new Map<string, { parent?: string; done: boolean }>();
  if (extended) {
    for (const ex of elements(extended)) {
      const paraId = attr(ex, NS.w15, 'paraId');
      if (paraId) byPara.set(paraId.toUpperCase(), { parent: attr(ex, NS.w15, 'paraIdParent')?.toUpperCase(), done: attr(ex, NS.w15, 'done') === '1' });
    }
  }
  const durable = new Map<string, string>();
  if (ids) for (const item of elements(ids)) {
    const paraId = attr(item, NS.w16cid, 'paraId');
    const id = attr(item, NS.w16cid, 'durableId');
    if (paraId && id) durable.set(paraId.toUpperCase(), id);
  }
  const result: DocxRemark[] = [];
  const commentByPara = new Map<string, DocxRemark>();
  const parents = new Map<DocxRemark, string>();
  for (const comment of elements(comments).filter((c) => is(c, W, 'comment'))) {
    const id = attr(comment, W, 'id') ?? '';
    const paragraphs = elements(comment).filter((c) => is(c, W, 'p'));
    const text = paragraphs
      .map((p) => {
        const events: Event[] = [];
        flatten({ ...p, children: [p] }, events, undefined, {});
        return events.filter((e): e is Extract<Event, { t: 'text' }> => e.t === 'text' && e.change?.type !== 'del').map((e) => e.text).join('');
      })
      .join('\n')
      .trim();
    // Word keys the thread on the paraId of the comment's last paragraph.
    const paraId = paragraphs.length ? attr(paragraphs[paragraphs.length - 1], NS.w14, 'paraId')?.toUpperCase() : undefined;
    const ext = paraId ? byPara.get(paraId) : undefined;
    const where = places.get(id);
    const remark: DocxRemark = {
      kind: 'comment',
      docxId: id,
      durable: paraId ? durable.get(paraId) : undefined,
      author: attr(comment, W, 'author') || undefined,
      date: validDate(attr(comment, W, 'date')),
      text,
      quote: where?.quote ?? '',
      place: where?.place ?? { story: 'body', bookmarks: [], paragraph: '', previous: [] },
      also: where?.also ?? [],
      done: ext?.done ?? false,
    };
    if (paraId) commentByPara.set(paraId, remark);
    if (ext?.parent) parents.set(remark, ext.parent);
    result.push(remark);
  }
  for (const [remark, parentPara] of parents) {
    const parent = commentByPara.get(parentPara);
    if (parent && parent !== remark) {
      remark.parent = parent.docxId;
      // A reply has no range of its own in some writers: it stands where its parent does.
      if (!places.has(remark.docxId)) {
        remark.place = parent.place;
        remark.quote = parent.quote;
      }
    }
  }
  return result;
}

/** LibreOffice writes `0-00-00T00:00:00Z` for a comment without a date. */
function validDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value) || value.startsWith('0000')) return undefined;
  return value;
}

function readIdMap(pkg: Package): DocxIdMap | undefined {
  // The exporter writes the map to DOCX_ID_MAP_PART, but a program that re-saves the file may
  // renumber custom XML items: look for our namespace in every item.
  const candidates = [DOCX_ID_MAP_PART, ...[...pkg.parts.keys()].filter((p) => /^customXml\/item\d+\.xml$/.test(p) && p !== DOCX_ID_MAP_PART)];
  for (const part of candidates) {
    if (!pkg.parts.has(part)) continue;
    let root: XmlElement | undefined;
    try {
      root = pkg.xml(part);
    } catch {
      continue;
    }
    if (!root || root.ns !== DOCX_ID_MAP_NAMESPACE || root.local !== 'rapporteur') continue;
    const anchors = elements(root)
      .filter((a) => a.ns === DOCX_ID_MAP_NAMESPACE && a.local === 'anchor')
      .map((a) => ({
        bookmark: a.attrs.bookmark ?? '',
        key: a.attrs.key ?? '',
        text: descendants(a, DOCX_ID_MAP_NAMESPACE, 'text').map((t) => t.children.filter((c): c is string => typeof c === 'string').join('')).join(' '),
      }))
      .filter((a) => a.bookmark && a.key);
    return { report: root.attrs.report, title: root.attrs.title, version: root.attrs.version, edition: root.attrs.edition, anchors };
  }
  return undefined;
}

function readTitle(pkg: Package): string | undefined {
  try {
    const core = pkg.xml('docProps/core.xml');
    const title = core ? descendants(core, NS.dc, 'title')[0] : undefined;
    const text = title?.children.filter((c): c is string => typeof c === 'string').join('').trim();
    return text || undefined;
  } catch {
    return undefined;
  }
}
