import { diffArrays } from 'diff';
import type { Node } from 'unist';
import type { BlockContent, Data, Nodes, Parents, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import { isRecommendation, keyOf, kindOf, pairHunk, signature, similarity, words } from './align.js';
import { ui } from '../i18n/ui.js';
import { changed, countWords, diffTokens, isWord, markNode, rebuild, textOf, tokenize } from './words.js';


declare module 'mdast' {
  interface BlockquoteData {
    /** Both ends of a move carry its number, so a writer can pair them (DOCX w:moveFrom/w:moveTo). */
    move?: string;
  }
}

/**
 * Merges two rendered trees (the output of the render pipeline's Markdown steps, comments
 * already dropped) into one redline tree: the new text, with deleted words and blocks put back
 * struck through, inserted ones underlined, and blocks that moved shown once, where they are now,
 * with a note saying where they came from (and their edits marked inside).
 */

export interface WordCount {
  inserted: number;
  deleted: number;
}

export interface MoveRecord {
  kind: 'recommendation' | 'block';
  id?: string;
  from: string;
  to: string;
  /** First words, to name a moved paragraph. */
  excerpt: string;
}

export interface MergeResult {
  tree: Root;
  stats: WordCount & { moved: number; blocksChanged: number };
  perRecommendation: Map<string, WordCount>;
  moves: MoveRecord[];
}

/** A block whose side of a move is not known yet: a placeholder in the merged tree until resolveMoves. */
interface Pending extends Node {
  type: 'rlPending';
  data?: Data;
  side: 'del' | 'ins';
  node: RootContent;
  rec?: string;
  where: string;
  partner?: Pending;
  resolved?: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    rlPending: Pending;
  }
}

interface Context {
  pending: Pending[];
  stats: MergeResult['stats'];
  perRec: Map<string, WordCount>;
  moves: MoveRecord[];
  rec?: string;
  whereOld: string;
  whereNew: string;
  allowMoves: boolean;
  /** The language of the notes the redline adds ("Moved from Recommendation 2.3"): the newer report's. */
  lang: string | undefined;
}

const MOVE_MIN_WORDS = 5;
const MOVE_THRESHOLD = 0.6;

export function mergeTrees(before: Root, after: Root, options: { lang?: string } = {}): MergeResult {
  const { lang } = options;
  const context: Context = {
    pending: [],
    stats: { inserted: 0, deleted: 0, moved: 0, blocksChanged: 0 },
    perRec: new Map(),
    moves: [],
    whereOld: ui(lang, 'placeStart'),
    whereNew: ui(lang, 'placeStart'),
    allowMoves: true,
    lang,
  };
  const children = mergeChildren(before.children, after.children, context);
  resolveMoves(context);
  const tree: Root = { type: 'root', children: replacePending(children) };
  return { tree, stats: context.stats, perRecommendation: context.perRec, moves: context.moves };
}

function count(context: Context, words: WordCount, rec = context.rec): void {
  context.stats.inserted += words.inserted;
  context.stats.deleted += words.deleted;
  if (words.inserted || words.deleted) context.stats.blocksChanged++;
  if (rec) {
    const entry = context.perRec.get(rec) ?? { inserted: 0, deleted: 0 };
    entry.inserted += words.inserted;
    entry.deleted += words.deleted;
    context.perRec.set(rec, entry);
  }
}

function mergeChildren(before: readonly RootContent[], after: readonly RootContent[], context: Context): RootContent[] {
  const changes = diffArrays(before.map((n) => signature(n)), after.map((n) => signature(n)));
  const out: RootContent[] = [];
  let i = 0;
  let j = 0;
  let removed: RootContent[] = [];
  let added: RootContent[] = [];
  const flush = () => {
    for (const step of pairHunk(removed, added)) {
      if (step.op === 'pair') out.push(...mergePair(step.old, step.new, context));
      else if (step.op === 'del') out.push(...unmatched('del', step.old, context));
      else out.push(...unmatched('ins', step.new, context));
    }
    removed = [];
    added = [];
  };
  for (const change of changes) {
    const n = change.count ?? change.value.length;
    if (change.removed) removed.push(...before.slice(i, (i += n)));
    else if (change.added) added.push(...after.slice(j, (j += n)));
    else {
      flush();
      for (let k = 0; k < n; k++) out.push(...mergePair(before[i++], after[j++], context));
    }
  }
  flush();
  return out;
}

function locate(node: RootContent, side: 'old' | 'new', context: Context): void {
  if (node.type !== 'heading') return;
  const text = textOf(node).trim();
  const place = ui(context.lang, 'placeSection', { title: text });
  if (side === 'old') context.whereOld = place;
  else context.whereNew = place;
}

function recLabel(node: Nodes, lang: string | undefined): string {
  return ui(lang, 'recommendation', { number: isRecommendation(node) ? (node.number ?? '') : '' }).trim();
}

/** The id of a recommendation block, or undefined for any other block. */
function recId(node: Nodes): string | undefined {
  return isRecommendation(node) ? node.id || undefined : undefined;
}

function mergePair(old: RootContent, now: RootContent, context: Context): RootContent[] {
  locate(old, 'old', context);
  locate(now, 'new', context);
  if (isRecommendation(now)) {
    const saved = { rec: context.rec, whereOld: context.whereOld, whereNew: context.whereNew };
    context.rec = recId(now);
    context.whereOld = recLabel(old, context.lang);
    context.whereNew = recLabel(now, context.lang);
    const merged = { ...now, children: mergeChildren((old as Parents).children as RootContent[], (now as Parents).children as RootContent[], context) } as RootContent;
    context.rec = saved.rec;
    context.whereOld = saved.whereOld;
    context.whereNew = saved.whereNew;
    return [merged];
  }
  const key = keyOf(now);
  if (key?.startsWith('label:')) return [now];
  // Equal rendered text outside headings: nothing to mark (cross-references may have new numbers).
  if (key === undefined && now.type !== 'heading' && signature(old) === signature(now)) return [now];
  if (isPhrasingBlock(now) && isPhrasingBlock(old)) {
    const items = diffTokens(tokenize(old.children as Nodes[]), tokenize(now.children as Nodes[]));
    if (!changed(items)) return [now];
    count(context, countWords(items));
    return [{ ...now, children: rebuild(items, context.lang) } as RootContent];
  }
  if (now.type === 'tableRow' && old.type === 'tableRow') return [{ ...now, children: mergeCells(old.children, now.children, context) }];
  if ('children' in now && 'children' in old) {
    return [{ ...now, children: mergeChildren(old.children as RootContent[], now.children as RootContent[], context) } as RootContent];
  }
  if ('value' in now && 'value' in old && now.value === old.value) return [now];
  return [...unmatched('del', old, context, false), ...unmatched('ins', now, context, false)];
}

/** Cells stay in their columns: they pair by position (a table renders as many cells as it has columns). */
function mergeCells(old: TableCell[], now: TableCell[], context: Context): TableCell[] {
  const cells: TableCell[] = [];
  for (let i = 0; i < now.length; i++) {
    if (i < old.length) cells.push(...(mergePair(old[i], now[i], context) as TableCell[]));
    else cells.push(wrapBlock('ins', now[i], context) as TableCell);
  }
  // A column that no longer exists cannot be shown; its words still count as deleted.
  for (const cell of old.slice(now.length)) count(context, { inserted: 0, deleted: wordCount(cell) });
  return cells;
}

function isPhrasingBlock(node: Nodes): node is Extract<Nodes, { children: PhrasingContent[] }> {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'leafDirective' || node.type === 'recommendationHeading';
}

function movable(node: RootContent): boolean {
  if (isRecommendation(node)) return true;
  if (keyOf(node) !== undefined) return false;
  if (!['paragraph', 'heading', 'list', 'blockquote', 'code', 'table'].includes(node.type)) return false;
  return words(node).length >= MOVE_MIN_WORDS;
}

function unmatched(side: 'del' | 'ins', node: RootContent, context: Context, allowMove = true): RootContent[] {
  locate(node, side === 'del' ? 'old' : 'new', context);
  if (node.type === 'footnoteDefinition') {
    // A deleted note cannot be shown where notes are listed; the summary names it.
    if (side === 'del') return [];
    return [{ ...node, children: node.children.map((child) => wrapBlock('ins', child as RootContent, context)) } as RootContent];
  }
  if (allowMove && context.allowMoves && movable(node)) {
    const pending: Pending = {
      type: 'rlPending',
      side,
      node,
      rec: isRecommendation(node) ? recId(node) : context.rec,
      where: side === 'del' ? (isRecommendation(node) ? recLabel(node, context.lang) : context.whereOld) : isRecommendation(node) ? recLabel(node, context.lang) : context.whereNew,
    };
    context.pending.push(pending);
    return [pending];
  }
  return [wrapBlock(side, node, context, isRecommendation(node) ? recId(node) : context.rec)];
}

/** Marks a whole block as inserted or deleted, keeping tables and lists well formed. */
function wrapBlock(mark: 'ins' | 'del', node: RootContent, context: Context, rec = context.rec): RootContent {
  const words = wordCount(node);
  count(context, mark === 'ins' ? { inserted: words, deleted: 0 } : { inserted: 0, deleted: words }, rec);
  return wrapQuietly(mark, mark === 'del' ? cleanDeleted(node) : node);
}

function wrapQuietly(mark: 'ins' | 'del', node: RootContent): RootContent {
  const className = [`rl-${mark}-block`];
  switch (node.type) {
    case 'tableRow':
      return { ...node, children: node.children.map((cell) => wrapQuietly(mark, cell)), data: addClass(node, className) } as RootContent;
    case 'tableCell':
      return { ...node, children: node.children.length ? [markNode(mark, node.children)] : [] } as RootContent;
    case 'listItem':
      // Paragraphs keep their place (a tight list stays tight); their words carry the mark.
      return {
        ...node,
        children: node.children.map((child) => (child.type === 'paragraph' ? { ...child, children: [markNode(mark, child.children)] } : wrapQuietly(mark, child))),
        data: addClass(node, className),
      } as RootContent;
    default:
      // Any block may be marked; the blockquote is only a carrier for the `ins`/`del` element.
      return { type: 'blockquote', children: [node as BlockContent], data: { hName: mark, hProperties: { className } } };
  }
}

function addClass(node: Nodes, className: string[]): Record<string, unknown> {
  const data = (node.data ?? {}) as { hProperties?: { className?: string[] } };
  const existing = data.hProperties?.className ?? [];
  return { ...data, hProperties: { ...(data.hProperties ?? {}), className: [...existing, ...className] } };
}

function wordCount(node: Nodes): number {
  return tokenize([node]).filter(isWord).length;
}

/**
 * Deleted content must not call footnotes (the numbers belong to the new text), and its
 * headings must not claim the new text's anchors.
 */
function cleanDeleted<T extends Nodes>(node: T): T {
  const clone = structuredClone(node) as Nodes;
  const strip = (current: Nodes): void => {
    if (!('children' in current)) return;
    const kept: Nodes[] = [];
    for (const child of current.children as Nodes[]) {
      if (child.type === 'footnoteReference') continue;
      if (child.type === 'xref') {
        kept.push({ type: 'emphasis', children: child.children, data: { hName: 'span' } });
        continue;
      }
      if (child.type === 'heading' && child.data?.sectionId) child.data = { ...child.data, sectionId: undefined };
      if (child.type === 'link') {
        const props = child.data?.hProperties;
        if (props?.id) child.data = { ...child.data, hProperties: { ...props, id: undefined } };
        if (child.url.startsWith('#')) {
          kept.push({ type: 'emphasis', children: child.children, data: { hName: 'span' } } as Nodes);
          continue;
        }
      }
      strip(child);
      kept.push(child);
    }
    (current as Parents).children = kept as never;
  };
  strip(clone);
  return clone as T;
}

function resolveMoves(context: Context): void {
  const deleted = context.pending.filter((p) => p.side === 'del');
  const inserted = context.pending.filter((p) => p.side === 'ins');
  const byRec = new Map<string, Pending>();
  for (const p of deleted) if (isRecommendation(p.node)) byRec.set(recId(p.node) ?? '', p);
  for (const p of inserted) {
    if (!isRecommendation(p.node)) continue;
    const partner = byRec.get(recId(p.node) ?? '');
    if (partner && !partner.partner) {
      p.partner = partner;
      partner.partner = p;
    }
  }
  // Other blocks: the most similar pairs first, each block used once.
  const candidates: Array<{ d: Pending; i: Pending; score: number }> = [];
  const freeDeleted = deleted.filter((p) => !p.partner && !isRecommendation(p.node));
  for (const i of inserted) {
    if (i.partner || isRecommendation(i.node)) continue;
    const wordsI = words(i.node);
    for (const d of freeDeleted) {
      if (kindOf(d.node) !== kindOf(i.node)) continue;
      // Dice ≥ t needs the shorter text to have at least t / (2 − t) of the longer one's words.
      const wordsD = words(d.node);
      const ratio = Math.min(wordsD.length, wordsI.length) / Math.max(wordsD.length, wordsI.length);
      if (ratio < MOVE_THRESHOLD / (2 - MOVE_THRESHOLD)) continue;
      const score = similarity(wordsD, wordsI);
      if (score >= MOVE_THRESHOLD) candidates.push({ d, i, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  for (const { d, i } of candidates) {
    if (d.partner || i.partner) continue;
    d.partner = i;
    i.partner = d;
  }

  for (const p of context.pending) {
    if (!p.partner) {
      p.resolved = [wrapBlock(p.side, p.node, context, p.rec)];
      continue;
    }
    if (p.side === 'del') continue; // resolved with its partner below
    const from = p.partner;
    const isRec = isRecommendation(p.node);
    const excerpt = firstWords(p.node, 12);
    context.moves.push({ kind: isRec ? 'recommendation' : 'block', id: isRec ? recId(p.node) : undefined, from: from.where, to: p.where, excerpt });
    context.stats.moved++;
    // The edits of a moved block are marked inside it; nested changes are not moves again.
    const saved = { rec: context.rec, allowMoves: context.allowMoves, whereOld: context.whereOld, whereNew: context.whereNew };
    context.rec = p.rec;
    context.allowMoves = false;
    const merged = mergePair(from.node, p.node, context);
    Object.assign(context, saved);
    const fromLabel = isRec ? recLabel(from.node, context.lang) : from.where;
    // Both ends of a move carry its number (in data, not rendered), so a writer can pair them (DOCX w:moveFrom/w:moveTo).
    const move = String(context.moves.length);
    const toLabel = isRec ? recLabel(p.node, context.lang) : p.where;
    p.resolved = [
      {
        type: 'blockquote',
        children: [note(ui(context.lang, 'movedFromNote', { place: fromLabel }), 'rl-move-note') as BlockContent, ...(merged as BlockContent[])],
        data: { hName: 'div', hProperties: { className: ['rl-moved-block'] }, move },
      },
    ];
    from.resolved = [
      {
        type: 'paragraph',
        children: [
          markNode('moved', [{ type: 'text', value: isRec ? `${fromLabel} ${ui(context.lang, 'quoted', { text: recTitle(from.node) })}` : ui(context.lang, 'quoted', { text: firstWords(from.node, 12) }) }], ['rl-moved-from']),
          markNode('moved', [{ type: 'text', value: ui(context.lang, 'movedTo', { place: toLabel }) }]),
        ],
        data: { hProperties: { className: ['rl-moved-away'] }, move },
      } as RootContent,
    ];
  }
}

function note(text: string, className: string): RootContent {
  return {
    type: 'paragraph',
    children: [markNode('moved', [{ type: 'text', value: text }])],
    data: { hProperties: { className: [className] } },
  } as RootContent;
}

/** A recommendation's title as its heading shows it: the heading's words after the derived number. */
function recTitle(node: Nodes): string {
  const heading = isRecommendation(node) ? node.children.find((c) => c.type === 'recommendationHeading') : undefined;
  if (heading?.type !== 'recommendationHeading') return '';
  return heading.children.filter((c) => c.type !== 'derivedNumber').map((c) => textOf(c)).join('').trim();
}

function firstWords(node: Nodes, n: number): string {
  const all = textOf(node).replace(/\s+/g, ' ').trim().split(' ');
  return all.length > n ? `${all.slice(0, n).join(' ')} …` : all.join(' ');
}

function replacePending(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    if (child.type === 'rlPending') {
      out.push(...replacePending(child.resolved ?? []));
      continue;
    }
    if ('children' in child) out.push({ ...child, children: replacePending(child.children as RootContent[]) } as RootContent);
    else out.push(child);
  }
  return out;
}

