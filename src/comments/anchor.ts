import type { Nodes, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../model/text.js';
import type { Report } from '../model/types.js';
import { FULL } from '../render/editions.js';
import { prepareTree } from '../render/transform.js';

/**
 * Placing a reviewer's PDF annotation in the report: the rendered text of the full edition is
 * cut into segments, one per recommendation and one per run of text under a heading, and the
 * words under (or next to) the annotation are looked up in them.
 */
export interface Segment {
  /** Recommendation id or heading slug ('' before the first heading). */
  anchor: string;
  kind: 'recommendation' | 'section';
  /** Letters only, lower case: what survives PDF text extraction (line breaks, hyphenation, footnote digits). */
  letters: string;
  /** Word pairs, for the fuzzy fallback. */
  shingles: Set<string>;
}

export function renderedSegments(report: Report): Segment[] {
  const tree = prepareTree(report, FULL);
  const raw: Array<{ anchor: string; kind: Segment['kind']; parts: string[] }> = [];
  const footnoteAnchor = new Map<string, string>();
  let current = { anchor: '', kind: 'section' as Segment['kind'], parts: [] as string[] };
  raw.push(current);
  const footnotes: Nodes[] = [];
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'footnoteDefinition') {
      footnotes.push(node);
      continue;
    }
    const id = node.type === 'recommendation' ? node.id || undefined : node.type === 'heading' ? node.data?.sectionId : undefined;
    const isRecommendation = node.type === 'recommendation' && typeof id === 'string';
    if (node.type === 'heading' && typeof id === 'string') {
      current = { anchor: id, kind: 'section', parts: [] };
      raw.push(current);
    }
    const segment = isRecommendation ? { anchor: id as string, kind: 'recommendation' as const, parts: [] as string[] } : current;
    if (isRecommendation) raw.push(segment);
    segment.parts.push(plainText(node as Nodes));
    visit(node as Nodes, 'footnoteReference', (call) => {
      if (!footnoteAnchor.has(call.identifier)) footnoteAnchor.set(call.identifier, segment.anchor);
    });
  }
  // A note's text is printed at the end of the document but belongs where it is called.
  for (const note of footnotes) {
    if (note.type !== 'footnoteDefinition') continue;
    const anchor = footnoteAnchor.get(note.identifier);
    const target = raw.find((s) => s.anchor === anchor) ?? current;
    target.parts.push(plainText(note.children as Nodes[]));
  }
  return raw
    .filter((s) => s.parts.length > 0)
    .map((s) => makeSegment(s.anchor, s.kind, s.parts.join(' ')));
}

export function makeSegment(anchor: string, kind: Segment['kind'], text: string): Segment {
  return { anchor, kind, letters: letters(text), shingles: shingles(words(text)) };
}

export function letters(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}]+/gu, '');
}

export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00ad]/g, '')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);
}

function shingles(list: string[]): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + 1 < list.length; i++) set.add(`${list[i]} ${list[i + 1]}`);
  return set;
}

export interface Placement {
  anchor: string;
  /** Every anchor whose text contains the passage exactly (a sentence can recur). */
  candidates?: string[];
  /** exact: the passage appears verbatim (letters only) in one place; fuzzy: best word overlap. */
  how: 'exact' | 'fuzzy' | 'none';
}

/**
 * Finds the segment a passage belongs to. An exact letters-only match wins; a passage that
 * occurs in several segments (a title repeated in the summary table) prefers a recommendation.
 * Otherwise the segment sharing most word pairs wins, if it shares at least half of them (and
 * three or more): the text may have been edited since the PDF was made.
 */
export function placePassage(passage: string, segments: Segment[]): Placement {
  const needle = letters(passage);
  if (needle.length >= 12) {
    const hits = segments.filter((s) => s.letters.includes(needle));
    if (hits.length > 0) {
      const best = hits.find((s) => s.kind === 'recommendation') ?? hits[0];
      return { anchor: best.anchor, how: 'exact', candidates: hits.map((s) => s.anchor) };
    }
    // Highlight edges often cut a word: retry without the first and last words.
    const inner = words(passage).slice(1, -1).join('');
    if (inner.length >= 12) {
      const innerHits = segments.filter((s) => s.letters.includes(inner));
      if (innerHits.length > 0) {
        const best = innerHits.find((s) => s.kind === 'recommendation') ?? innerHits[0];
        return { anchor: best.anchor, how: 'exact', candidates: innerHits.map((s) => s.anchor) };
      }
    }
  }
  const wanted = shingles(words(passage));
  if (wanted.size === 0) return { anchor: '', how: 'none' };
  let best: Segment | undefined;
  let bestScore = 0;
  for (const segment of segments) {
    let score = 0;
    for (const shingle of wanted) if (segment.shingles.has(shingle)) score++;
    if (score > bestScore || (score === bestScore && score > 0 && best?.kind === 'section' && segment.kind === 'recommendation')) {
      best = segment;
      bestScore = score;
    }
  }
  if (best && bestScore >= 3 && bestScore / wanted.size >= 0.5) return { anchor: best.anchor, how: 'fuzzy' };
  return { anchor: '', how: 'none' };
}
