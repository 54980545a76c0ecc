import { diffArrays } from 'diff';
import { ui } from '../i18n/ui.js';
import type { FootnoteDefinition, FootnoteReference, Nodes, Parents, PhrasingContent } from 'mdast';

/**
 * Word-level comparison of rendered inline content. The rendered text is cut into words and
 * punctuation (whitespace only separates them, so a re-wrapped paragraph compares equal); each
 * token remembers the inline nodes around it (emphasis, links…) so the redline keeps the
 * formatting. Things that are not words — footnote calls, images, cross-references and the
 * derived numbers of headings — are single tokens compared by what they point at, so
 * renumbering never shows up as a text change.
 */

export type Mark = 'keep' | 'ins' | 'del';

export interface Token {
  /** What is compared: the word itself, or an atom's identity. */
  key: string;
  /** What is shown. */
  text: string;
  /** Whitespace came before it. */
  space: boolean;
  /** Inline parents, outermost first (from the tree the token belongs to). */
  wrappers: Parents[];
  /** Set for non-word tokens: the node to render. */
  atom?: PhrasingContent;
  /** A derived number (heading or recommendation number): kept, with a "was" note when it changed. */
  derived?: boolean;
}

export interface Marked {
  token: Token;
  mark: Mark;
  /** For a kept derived number that changed: the old text ("Recommendation 2.3"). */
  was?: string;
  /** …and the old number alone ("2.3"), for the note beside the new one. */
  wasNumber?: string;
}

const WORD = /[\p{L}\p{N}\p{M}_]+(?:['’.,:\-/][\p{L}\p{N}\p{M}_]+)*|[^\s\p{L}\p{N}\p{M}_]/gu;

export function classesOf(node: { data?: unknown }): string[] {
  const props = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties;
  const value = props?.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/**
 * A note's identity for the diff: the label its author wrote (extract declares it on the node), so
 * adding a chapter, which renumbers the combined identifiers of later chapters' notes, changes no
 * note. Notes render made itself (a citation's `cite-3`) have no author's label; their identifier is theirs.
 */
export function footnoteKey(node: FootnoteDefinition | FootnoteReference): string {
  return node.data?.note?.label ?? node.identifier;
}

export function tokenize(children: readonly Nodes[]): Token[] {
  const tokens: Token[] = [];
  let pendingSpace = false;
  const pushText = (value: string, wrappers: Parents[]) => {
    let last = 0;
    for (const match of value.matchAll(WORD)) {
      const before = value.slice(last, match.index);
      if (/\s/.test(before)) pendingSpace = true;
      tokens.push({ key: match[0], text: match[0], space: pendingSpace, wrappers });
      pendingSpace = false;
      last = match.index + match[0].length;
    }
    if (/\s/.test(value.slice(last))) pendingSpace = true;
  };
  const pushAtom = (key: string, text: string, node: PhrasingContent, wrappers: Parents[], derived = false) => {
    tokens.push({ key, text, space: pendingSpace, wrappers, atom: node, derived });
    pendingSpace = false;
  };
  const walk = (nodes: readonly Nodes[], wrappers: Parents[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          pushText(node.value, wrappers);
          break;
        case 'inlineCode':
          // A code span is a wrapper whose content is its value.
          pushText(node.value, [...wrappers, { type: 'emphasis', children: [], data: { hName: 'code' } } as Parents]);
          break;
        case 'break':
          pushAtom('\u0000break', ' ', node, wrappers);
          break;
        case 'footnoteReference':
          pushAtom(`\u0000fn:${footnoteKey(node)}`, '', node, wrappers);
          break;
        case 'image':
          pushAtom(`\u0000img:${node.url}:${node.alt ?? ''}`, node.alt ?? '', node, wrappers);
          break;
        case 'html':
          break;
        case 'xref':
          pushAtom(`\u0000xref:#${node.target}`, textOf(node), node, wrappers);
          break;
        case 'link':
          walk(node.children, [...wrappers, node]);
          break;
        case 'derivedNumber':
          pushAtom(`\u0000derived:${node.role}`, textOf(node), node, wrappers, true);
          break;
        default:
          if ('children' in node) {
            walk(node.children as Nodes[], [...wrappers, node as Parents]);
          } else if ('value' in node && typeof node.value === 'string') {
            pushText(node.value, wrappers);
          }
      }
    }
  };
  walk(children, []);
  return tokens;
}

export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/** Counts as a word for the statistics: has a letter or a digit. */
export function isWord(token: Token): boolean {
  return !token.atom && /[\p{L}\p{N}]/u.test(token.text);
}

export function diffTokens(before: Token[], after: Token[]): Marked[] {
  const changes = diffArrays(
    before.map((t) => t.key),
    after.map((t) => t.key),
  );
  const result: Marked[] = [];
  let i = 0;
  let j = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      for (let k = 0; k < count; k++) result.push({ token: before[i++], mark: 'del' });
    } else if (change.added) {
      for (let k = 0; k < count; k++) result.push({ token: after[j++], mark: 'ins' });
    } else {
      for (let k = 0; k < count; k++) {
        const old = before[i++];
        const now = after[j++];
        // Whitespace on either side separates a kept word from a neighbouring change.
        const token = old.space && !now.space ? { ...now, space: true } : now;
        const renumbered = now.derived && old.text !== now.text;
        result.push({ token, mark: 'keep', was: renumbered ? old.text : undefined, wasNumber: renumbered ? derivedNumberOf(old) : undefined });
      }
    }
  }
  return groupChanges(sameWrappers(result, before, after, changes));
}

/**
 * Deleted words inside the same emphasis or link as kept words use the new wrapper, so
 * `*court ~~may~~ should order*` stays one emphasis instead of three.
 */
function sameWrappers(items: Marked[], before: Token[], after: Token[], changes: Array<{ added?: boolean; removed?: boolean; count?: number; value: string[] }>): Marked[] {
  const map = new Map<Parents, Parents>();
  let i = 0;
  let j = 0;
  for (const change of changes) {
    const n = change.count ?? change.value.length;
    if (change.removed) i += n;
    else if (change.added) j += n;
    else {
      for (let k = 0; k < n; k++) {
        const a = before[i + k].wrappers;
        const b = after[j + k].wrappers;
        for (let d = 0; d < Math.min(a.length, b.length); d++) {
          if (a[d].type !== b[d].type || (a[d] as { url?: string }).url !== (b[d] as { url?: string }).url) break;
          if (!map.has(a[d])) map.set(a[d], b[d]);
        }
      }
      i += n;
      j += n;
    }
  }
  if (map.size === 0) return items;
  return items.map((item) =>
    item.mark === 'del' && item.token.wrappers.some((w) => map.has(w))
      ? { ...item, token: { ...item.token, wrappers: item.token.wrappers.map((w) => map.get(w) ?? w) } }
      : item,
  );
}

/** A blackline reads better when each change is one struck run followed by one inserted run. */
function groupChanges(items: Marked[]): Marked[] {
  const out: Marked[] = [];
  let index = 0;
  while (index < items.length) {
    if (items[index].mark === 'keep') {
      out.push(items[index++]);
      continue;
    }
    const deleted: Marked[] = [];
    const inserted: Marked[] = [];
    while (index < items.length) {
      const item = items[index];
      if (item.mark === 'del') deleted.push(item);
      else if (item.mark === 'ins') inserted.push(item);
      else break;
      index++;
    }
    // "~~cat~~ dog", not "~~cat~~dog": a struck word and the word replacing it stay apart.
    const first = inserted[0];
    if (deleted.length && first && !first.token.space && isWord(first.token) && isWord(deleted[deleted.length - 1].token)) {
      inserted[0] = { ...first, token: { ...first.token, space: true } };
    }
    out.push(...deleted, ...inserted);
  }
  return out;
}

export interface WordStats {
  inserted: number;
  deleted: number;
}

export function countWords(items: Marked[]): WordStats {
  let inserted = 0;
  let deleted = 0;
  for (const item of items) {
    if (!isWord(item.token)) continue;
    if (item.mark === 'ins') inserted++;
    else if (item.mark === 'del') deleted++;
  }
  return { inserted, deleted };
}

export function changed(items: Marked[]): boolean {
  return items.some((item) => item.mark !== 'keep' || item.was !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Rebuilding inline content with <ins>/<del> marks.

export function markNode(mark: 'ins' | 'del' | 'moved', children: PhrasingContent[], extra: string[] = []): PhrasingContent {
  const hName = mark === 'moved' ? 'span' : mark;
  return {
    type: 'emphasis',
    children,
    data: { hName, hProperties: { className: [`rl-${mark}`, ...extra] } },
  } as PhrasingContent;
}

function cloneWrapper(wrapper: Parents, children: PhrasingContent[]): PhrasingContent {
  const { position: _position, ...rest } = wrapper as Parents & { position?: unknown };
  return { ...rest, children } as PhrasingContent;
}

/** A deleted atom must not call a footnote or carry a live reference: it shows as text. */
function deletedAtom(node: PhrasingContent): PhrasingContent | undefined {
  if (node.type === 'footnoteReference') return undefined;
  if (node.type === 'image') return node.alt ? { type: 'text', value: `[${node.alt}]` } : undefined;
  if (node.type === 'break') return { type: 'text', value: ' ' };
  return { type: 'text', value: textOf(node) };
}

/** The bare number of a derived-number token ("2.3" of "Recommendation 2.3"), as the render step set it. */
function derivedNumberOf(token: Token): string {
  const atom = token.atom as (PhrasingContent & { number?: string }) | undefined;
  return atom?.number ?? token.text;
}

/** The merged phrasing content; `lang` is the language of the notes it adds ("(was 2.3)"). */
export function rebuild(items: Marked[], lang: string | undefined): PhrasingContent[] {
  return build(items, 0, true, lang);
}

function build(items: Marked[], depth: number, atStart: boolean, lang: string | undefined): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let index = 0;
  while (index < items.length) {
    const wrapper = items[index].token.wrappers[depth];
    let end = index + 1;
    if (wrapper) {
      while (end < items.length && items[end].token.wrappers[depth] === wrapper) end++;
      const first = items[index];
      if (first.token.space && !(atStart && index === 0)) out.push({ type: 'text', value: ' ' });
      const inner = items.slice(index, end).map((item, k) => (k === 0 ? { ...item, token: { ...item.token, space: false } } : item));
      out.push(cloneWrapper(wrapper, build(inner, depth + 1, true, lang)));
    } else {
      const mark = items[index].mark;
      while (end < items.length && !items[end].token.wrappers[depth] && items[end].mark === mark) end++;
      out.push(...run(items.slice(index, end), mark, atStart && index === 0, lang));
    }
    index = end;
  }
  return out;
}

function run(items: Marked[], mark: Mark, atStart: boolean, lang: string | undefined): PhrasingContent[] {
  const content: PhrasingContent[] = [];
  let text = '';
  const flush = () => {
    if (text) content.push({ type: 'text', value: text });
    text = '';
  };
  items.forEach((item, k) => {
    const { token } = item;
    if (token.space && k > 0) text += ' ';
    if (!token.atom) {
      text += token.text;
      return;
    }
    flush();
    let node = mark === 'del' ? deletedAtom(token.atom) : token.atom;
    if (node && item.was !== undefined && 'children' in node) {
      // "Recommendation 2.4 (was 2.3)": the note sits inside the number so it stays on its line.
      const note = markNode('moved', [{ type: 'text', value: ui(lang, 'wasNumber', { number: item.wasNumber ?? item.was }) }], ['rl-was']);
      // The old number itself (in data, not rendered), for writers that show the renumbering as a change (DOCX tracked changes).
      (note.data as Record<string, unknown>).was = item.was;
      node = { ...node, children: [...node.children, note] } as PhrasingContent;
    }
    if (node) content.push(node);
  });
  flush();
  const lead: PhrasingContent[] = items[0]?.token.space && !atStart ? [{ type: 'text', value: ' ' }] : [];
  if (mark === 'keep') return [...lead, ...content];
  return content.length ? [...lead, markNode(mark, content)] : lead;
}
