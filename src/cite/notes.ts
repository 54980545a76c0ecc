import { createRequire } from 'node:module';
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast, type Handle } from 'hast-util-to-mdast';
import type { FootnoteDefinition, FootnoteReference, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { Citation, CitationEntry } from '../dialect/citation.js';
import type { Report } from '../model/types.js';
import type { CslItem } from './references.js';
import { retrieveLocale, type CitationStyle } from './styles.js';
import { expandPlacements } from './placement.js';

/**
 * Citations formatted by citeproc-js with their real note numbers. The numbers are those the
 * reader sees: the author's footnotes are numbered by their first call (as mdast-util-to-hast
 * numbers them), and with a note style each citation written in the text becomes a note of its
 * own, numbered in the same sequence; a citation written inside an author's footnote is formatted
 * inside that note. So "ibid", "(n 3)", "Id." and "supra note 3" count notes without citations too.
 */

const require = createRequire(import.meta.url);

/** citeproc-js (CPAL-1.0 or AGPL-1.0), used unmodified as an npm dependency. */
interface CiteprocEngine {
  updateItems(ids: string[]): void;
  rebuildProcessorState(citations: CiteprocCitation[], format: string): Array<[string, number, string]>;
  makeCitationCluster(items: Array<Record<string, unknown>>): string;
  makeBibliography(selection?: unknown): false | [{ entry_ids: string[][] }, string[]];
}
interface CiteprocCitation {
  citationID: string;
  citationItems: Array<Record<string, unknown>>;
  properties: { noteIndex: number };
}
interface CiteprocModule {
  Engine: new (sys: unknown, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine;
}

export function citeproc(): CiteprocModule {
  return require('citeproc') as CiteprocModule;
}

/** citeproc-js's attribution, which its licence asks for (`--version`, the HTML colophon). */
export function citeprocCredit(): string {
  return `citeproc-js by Frank Bennett and contributors (npm citeproc ${citeprocVersion()}; CPAL-1.0 or AGPL-1.0), unmodified`;
}

export function citeprocVersion(): string {
  return (require('citeproc/package.json') as { version: string }).version;
}

export interface FormattedCitation {
  /** The note the citation's text stands in (note styles), 0 when it stands in the text. */
  note: number;
  /** True when the citation is written in the text and the style makes it a note of its own. */
  ownNote: boolean;
  /** citeproc's HTML for the citation (the note text, or the inline text of an author-date style). */
  html: string;
  /** A narrative citation with a note style: what stays in the running text (the author's name). */
  inTextHtml?: string;
  /** Recommendation id or heading slug the citation is read under (for the table of authorities). */
  anchor: string;
  /** The footnote identifier of the note it stands in (`cite-3`, or the author's note), for links to it. */
  noteIdentifier?: string;
  /**
   * The element id of a citation that stands in the running text (`note` 0, in-text styles), so
   * the PDF's table of authorities can give its page. A dot, which no heading slug has, keeps it
   * apart from section ids.
   */
  textId?: string;
  keys: string[];
}

export interface FormattedCitations {
  byId: Map<string, FormattedCitation>;
  /** Ids of the references cited in this edition, in order of first citation. */
  cited: string[];
  engine: CiteprocEngine;
  items: Map<string, CslItem>;
  /** A reference's first, full form in this style, without the note's closing period (for lists). */
  fullForm(id: string): string;
}

/** The citeproc engine for a report's style and references (one per edition: its state is the edition's notes). */
function makeEngine(style: CitationStyle, items: Map<string, CslItem>, lang: string): CiteprocEngine {
  const { Engine } = citeproc();
  const sys = {
    retrieveLocale: (code: string) => retrieveLocale(code),
    retrieveItem: (id: string) => items.get(id),
  };
  // The style's own default-locale wins (OSCOLA is en-GB, law-citation-manual zh-CN); else the report's language.
  return new Engine(sys, style.xml, style.defaultLocale ?? lang);
}

interface Pending {
  citation: Citation;
  noteIdentifier?: string;
  note: number;
  ownNote: boolean;
  anchor: string;
  /** Order of reading: by note, then by place in the note. */
  order: number;
}

/**
 * Formats every citation of an edition's tree (already without comments and other systems'
 * variants) once, and keeps the result in the model for that edition.
 */
export function formattedCitations(report: Report, edition: string, tree: Root): FormattedCitations | undefined {
  const hit = report.formattedCitations.get(edition);
  if (hit) return hit;
  const style = report.citationStyle;
  if (!style) return undefined;
  const items = new Map((report.references?.items ?? []).map((item) => [item.id, item.csl]));
  const noteStyle = style.class === 'note';

  // The author's footnotes, by normalized identifier (mdast-util-to-hast compares upper case).
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier.toUpperCase(), node);

  const pending: Pending[] = [];
  const noteOf = new Map<string, number>();
  const queue: Array<{ definition: FootnoteDefinition; note: number; anchor: string }> = [];
  let notes = 0;
  let order = 0;

  // The heading a citation is read under runs on across siblings; a recommendation holds only its own content.
  let section = '';
  const walk = (node: Nodes, recommendation: string | undefined, inNote: number | undefined, noteIdentifier?: string, noteAnchor?: string): void => {
    if (node.type === 'footnoteDefinition') return; // read when its note comes
    if (node.type === 'recommendation') recommendation = node.id || recommendation;
    if (node.type === 'heading' && inNote === undefined) section = node.data?.sectionId ?? section;
    const anchor = noteAnchor ?? recommendation ?? section;
    if (node.type === 'footnoteReference') {
      const key = node.identifier.toUpperCase();
      if (!noteOf.has(key)) {
        noteOf.set(key, ++notes);
        const definition = definitions.get(key);
        if (definition) queue.push({ definition, note: notes, anchor });
      }
      return;
    }
    if (node.type === 'citation') {
      const usable = node.entries.filter((entry) => items.has(entry.key));
      if (usable.length === 0) return;
      if (inNote !== undefined) pending.push({ citation: node, note: inNote, noteIdentifier, ownNote: false, anchor, order: order++ });
      else if (noteStyle) {
        notes += 1;
        pending.push({ citation: node, note: notes, noteIdentifier: `cite-${notes}`, ownNote: true, anchor, order: order++ });
      }
      else pending.push({ citation: node, note: 0, ownNote: false, anchor, order: order++ });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child, recommendation, inNote, noteIdentifier, noteAnchor);
  };
  walk(tree, undefined, undefined);
  // Notes called from inside notes are numbered after the text's, as the footnote section lists them.
  for (let index = 0; index < queue.length; index++) {
    const { definition, note, anchor } = queue[index];
    for (const child of definition.children) walk(child, undefined, note, definition.identifier, anchor);
  }
  // Reading order: the text's notes and the notes' own citations, by note number (in-text styles: as read).
  if (noteStyle) pending.sort((a, b) => a.note - b.note || a.order - b.order);

  const engine = makeEngine(style, items, report.meta.lang);
  const citations: CiteprocCitation[] = [];
  const narrativeAuthors: CiteprocCitation[] = [];
  pending.forEach((entry, index) => {
    const citationItems = entry.citation.entries.filter((e) => items.has(e.key)).map((e) => citationItem(e));
    if (entry.citation.mode === 'narrative') {
      // Pandoc's reading: the author stands in the text, the rest is the citation (in a note with a note style).
      narrativeAuthors.push({ citationID: `a${index}`, citationItems: [{ ...citationItems[0], 'author-only': true }], properties: { noteIndex: 0 } });
      citationItems[0] = { ...citationItems[0], 'suppress-author': true };
    }
    citations.push({ citationID: `c${index}`, citationItems, properties: { noteIndex: entry.note } });
  });
  const cited: string[] = [];
  for (const entry of pending) for (const e of entry.citation.entries) if (items.has(e.key) && !cited.includes(e.key)) cited.push(e.key);
  engine.updateItems(cited);
  const result = new Map<string, string>();
  for (const [index, html] of positionedClusters(engine, citations)) result.set(citations[index].citationID, html);
  // Author names for narrative citations come from a separate engine, so they never count as citations
  // (an author-only rendering must not make the next note an "ibid").
  const authors = new Map<string, string>();
  if (narrativeAuthors.length) {
    const authorEngine = makeEngine(style, items, report.meta.lang);
    authorEngine.updateItems(cited);
    for (const [id, , html] of authorEngine.rebuildProcessorState(narrativeAuthors, 'html')) authors.set(id, html);
  }

  const byId = new Map<string, FormattedCitation>();
  pending.forEach((entry, index) => {
    if (!entry.citation.id) return;
    byId.set(entry.citation.id, {
      note: entry.note,
      ownNote: entry.ownNote,
      html: result.get(`c${index}`) ?? '',
      inTextHtml: entry.citation.mode === 'narrative' ? authors.get(`a${index}`) : undefined,
      anchor: entry.anchor,
      noteIdentifier: entry.noteIdentifier,
      textId: entry.note === 0 ? `cite.${index + 1}` : undefined,
      keys: entry.citation.entries.map((e) => e.key),
    });
  });
  const fullForm = (id: string): string => {
    const single = makeEngine(style, items, report.meta.lang);
    single.updateItems([id]);
    const [[, , html]] = single.rebuildProcessorState([{ citationID: 'full', citationItems: [{ id }], properties: { noteIndex: noteStyle ? 1 : 0 } }], 'html');
    return html.endsWith('.') ? html.slice(0, -1) : html;
  };
  const formatted: FormattedCitations = { byId, cited, engine, items, fullForm };
  report.formattedCitations.set(edition, formatted);
  return formatted;
}

/** citeproc-js's position values (CSL.POSITION_…). */
const FIRST = 0;
const SUBSEQUENT = 1;
const IBID = 2;
const IBID_WITH_LOCATOR = 3;

/**
 * Each citation formatted with its position computed here, in one pass, by CSL's rules: first,
 * subsequent, ibid (the same source as the immediately preceding cite, in the same or the previous
 * note, when that note holds one citation of one source), ibid with a locator, near-note (within
 * five notes of the first) and the first reference's note number. citeproc's own tracking
 * (rebuildProcessorState, appendCitationCluster) re-reads every earlier citation for each new one:
 * 400 citations took 40 s; this takes well under one.
 */
function positionedClusters(engine: CiteprocEngine, citations: CiteprocCitation[]): Array<[number, string]> {
  const firstNote = new Map<string, number>();
  const citationsInNote = new Map<number, number>();
  for (const citation of citations) citationsInNote.set(citation.properties.noteIndex, (citationsInNote.get(citation.properties.noteIndex) ?? 0) + 1);
  const results: Array<[number, string]> = [];
  let previous: CiteprocCitation | undefined;
  citations.forEach((citation, index) => {
    const note = citation.properties.noteIndex;
    const items = citation.citationItems.map((raw, k) => {
      const id = String(raw.id);
      const item: Record<string, unknown> = { ...raw };
      const first = firstNote.get(id);
      if (first === undefined) {
        item.position = FIRST;
        return item;
      }
      let before: Record<string, unknown> | undefined;
      if (k > 0) before = citation.citationItems[k - 1];
      else if (
        previous &&
        previous.citationItems.length === 1 &&
        previous.properties.noteIndex >= note - 1 &&
        (citationsInNote.get(previous.properties.noteIndex) === 1 || previous.properties.noteIndex === note)
      ) before = previous.citationItems[0];
      if (before && String(before.id) === id && !(before.locator && !raw.locator)) {
        item.position = raw.locator && raw.locator !== before.locator ? IBID_WITH_LOCATOR : IBID;
      } else item.position = SUBSEQUENT;
      item['first-reference-note-number'] = first;
      if (note - first <= 5) item['near-note'] = true;
      return item;
    });
    results.push([index, engine.makeCitationCluster(items)]);
    for (const raw of citation.citationItems) if (!firstNote.has(String(raw.id))) firstNote.set(String(raw.id), note);
    previous = citation;
  });
  return results;
}

function citationItem(entry: CitationEntry): Record<string, unknown> {
  const item: Record<string, unknown> = { id: entry.key };
  if (entry.locator) {
    item.locator = entry.locator;
    item.label = entry.label ?? 'page';
  }
  if (entry.prefix) item.prefix = `${entry.prefix} `;
  if (entry.suffix) item.suffix = entry.suffix;
  if (entry.suppressAuthor) item['suppress-author'] = true;
  return item;
}

/** citeproc's span with small capitals keeps its look; other markup maps to mdast as usual. */
const span: Handle = (state, node: Element) => {
  const style = String(node.properties?.style ?? '');
  const children = state.all(node) as PhrasingContent[];
  if (style.includes('small-caps')) return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: ['small-caps'] } } };
  if (style.includes('font-style:normal')) return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: ['normal-style'] } } };
  return children;
};

/** citeproc's HTML (its own markup only: i, b, sup, sub, span) as mdast phrasing content. */
export function htmlToPhrasing(html: string): PhrasingContent[] {
  const hast = fromHtml(html, { fragment: true }) as HastRoot;
  const tree = toMdast(hast, { handlers: { span } }) as Root;
  const phrasing: PhrasingContent[] = [];
  for (const node of tree.children) {
    if (node.type === 'paragraph') phrasing.push(...node.children);
    else phrasing.push(node as PhrasingContent);
  }
  return stripPositions(phrasing);
}

function stripPositions<T extends Nodes>(nodes: T[]): T[] {
  for (const node of nodes) {
    delete node.position;
    if ('children' in node) stripPositions(node.children as Nodes[]);
  }
  return nodes;
}

/** The render step: each citation becomes its formatted text, in a note of its own where the style says so. */
export function resolveCitations(tree: Root, report: Report, edition: string): void {
  if (report.citations.length === 0) return;
  const formatted = formattedCitations(report, edition, tree);
  const newNotes: FootnoteDefinition[] = [];
  // A citation that opens an author's note starts with a capital, as the note does ("Ibid").
  const opening = new Set<Citation>();
  for (const node of tree.children) {
    const first = node.type === 'footnoteDefinition' && node.children[0]?.type === 'paragraph' ? node.children[0].children[0] : undefined;
    if (first?.type === 'citation') opening.add(first);
  }
  const rewrite = (parent: Parents): void => {
    const children = parent.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      if (node.type === 'citation') {
        const entry = formatted?.byId.get(node.id ?? '');
        const replacement = replaceCitation(node, entry, newNotes);
        if (entry?.ownNote) placeNoteCall(children, index, replacement);
        else if (entry && entry.note > 0) {
          if (opening.has(node)) capitalizeFirst(replacement);
          // Inside a note, the style's closing period goes when the author's sentence goes on ("art 9, to be…").
          const next = children[index + 1];
          if (next && !(next.type === 'text' && next.value.trim() === '')) dropFinalPeriod(replacement);
        }
        children.splice(index, 1, ...(replacement as RootContent[]));
        index += replacement.length - 1;
        continue;
      }
      if ('children' in node) rewrite(node as Parents);
    }
  };
  rewrite(tree);
  tree.children.push(...newNotes);
  if (formatted) expandPlacements(tree, report, formatted);
}

const CLOSING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?']);

/**
 * A note call goes after the punctuation that follows the citation and the space before it goes
 * (`a book [@smith].` reads "a book.¹"), as pandoc and the legal guides place it.
 */
function placeNoteCall(children: RootContent[], index: number, replacement: PhrasingContent[]): void {
  const before = children[index - 1];
  // A narrative citation keeps its author in the text, so the space before it stays.
  if (before?.type === 'text' && replacement[0]?.type === 'footnoteReference') before.value = before.value.trimEnd();
  const after = children[index + 1];
  if (after?.type === 'text' && CLOSING_PUNCTUATION.has(after.value.charAt(0))) {
    const reference = replacement.findIndex((node) => node.type === 'footnoteReference');
    replacement.splice(reference, 0, { type: 'text', value: after.value.charAt(0) });
    after.value = after.value.slice(1);
  }
}

function dropFinalPeriod(nodes: PhrasingContent[]): void {
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') {
    if (last.value.endsWith('.')) last.value = last.value.slice(0, -1);
  } else if (last && 'children' in last) dropFinalPeriod(last.children as PhrasingContent[]);
}

/** A note starts with a capital letter ("Ibid", "See"); "(n 1)" keeps its parenthesis and case. */
function capitalizeFirst(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0];
  if (first?.type === 'text') {
    const char = first.value.charAt(0);
    if (char !== char.toUpperCase()) first.value = char.toUpperCase() + first.value.slice(1);
  } else if (first && 'children' in first) capitalizeFirst(first.children as PhrasingContent[]);
  return nodes;
}

function replaceCitation(node: Citation, formatted: FormattedCitation | undefined, newNotes: FootnoteDefinition[]): PhrasingContent[] {
  if (!formatted || !formatted.html) {
    // An unknown key (lint reports it): the citation shows as written, marked, never silently lost.
    const written = node.entries.map((e) => `@${e.key}`).join('; ');
    return [{ type: 'emphasis', children: [{ type: 'text', value: `[${written}]` }], data: { hName: 'span', hProperties: { className: ['citation-missing'] } } }];
  }
  const cite = (children: PhrasingContent[]): PhrasingContent => ({
    type: 'emphasis',
    children,
    data: { hName: 'span', hProperties: { className: ['citation'], dataCites: formatted.keys.join(' '), ...(formatted.textId ? { id: formatted.textId } : {}) } },
  });
  const inText = formatted.inTextHtml ? htmlToPhrasing(formatted.inTextHtml) : [];
  if (!formatted.ownNote) {
    if (formatted.note === 0 && inText.length) {
      // Author-date narrative: "Smith (2020, 12)" is the style's own narrative form: author then the rest.
      return [cite([...inText, { type: 'text', value: ' ' }, ...htmlToPhrasing(formatted.html)])];
    }
    return [cite(htmlToPhrasing(formatted.html))];
  }
  const identifier = `cite-${formatted.note}`;
  const reference: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier };
  newNotes.push({ type: 'footnoteDefinition', identifier, label: identifier, children: [{ type: 'paragraph', children: [cite(capitalizeFirst(htmlToPhrasing(formatted.html)))] }] });
  return inText.length ? [cite(inText), reference] : [reference];
}
