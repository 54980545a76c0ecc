import type { Nodes, RootContent } from 'mdast';
import { identityOf, type Recommendation } from '../dialect/index.js';
import { footnoteKey } from './words.js';

/**
 * How blocks of two rendered trees find each other. Blocks with an identity (a recommendation
 * by its id; inside it the principle, each variant by system, each example by jurisdiction, the
 * rationale; a footnote by its label) match only that identity. Other blocks match when their
 * rendered text is equal, and otherwise by position and word similarity.
 */

export function hNameOf(node: { data?: unknown }): string {
  return (node.data as { hName?: string } | undefined)?.hName ?? '';
}

/** A block's identity: its directive's (src/dialect), or one of the blocks render adds. Never a CSS class. */
export function keyOf(node: Nodes): string | undefined {
  const identity = identityOf(node);
  if (identity !== undefined) return identity;
  if (node.type === 'principle') return 'principle';
  if (node.type === 'recommendationHeading') return 'rec-heading';
  if (node.type === 'footnoteDefinition') return `fn:${footnoteKey(node)}`;
  return undefined;
}

export function isRecommendation(node: Nodes): node is Recommendation {
  return node.type === 'recommendation';
}

const signatures = new WeakMap<object, string>();

/** The rendered words of a block, without derived numbers, for matching and similarity. */
export function signatureText(node: Nodes): string {
  const cached = signatures.get(node);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  collect(node, parts);
  const text = parts.join('').replace(/\s+/g, ' ').trim();
  signatures.set(node, text);
  return text;
}

function collect(node: Nodes, parts: string[]): void {
  if (node.type === 'footnoteReference' || node.type === 'html' || node.type === 'yaml' || node.type === 'definition') return;
  if ('value' in node && typeof node.value === 'string') {
    parts.push(node.value);
    return;
  }
  if (node.type === 'image') {
    parts.push(node.alt ?? '');
    return;
  }
  if (node.type === 'derivedNumber') return;
  if (node.type === 'xref') {
    parts.push(` \u0001#${node.target} `);
    return;
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      collect(child, parts);
      if (child.type !== 'text' && !('value' in child) && isBlock(child)) parts.push(' ');
    }
  }
}

const BLOCKS = new Set([
  'paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'code', 'containerDirective', 'leafDirective',
  'footnoteDefinition', 'thematicBreak', 'recommendation', 'variant', 'example', 'rationale', 'toc', 'recommendationSummary', 'termDefinition',
  'glossary', 'principle', 'recommendationHeading',
]);
function isBlock(node: Nodes): boolean {
  return BLOCKS.has(node.type);
}

export function signature(node: Nodes): string {
  return keyOf(node) ?? `${node.type}\u0000${hNameOf(node)}\u0000${signatureText(node)}`;
}

/** What may pair with what by similarity: same node type and rendered element. */
export function kindOf(node: Nodes): string {
  return `${node.type}:${hNameOf(node)}:${node.type === 'list' ? String(node.ordered) : ''}:${node.type === 'heading' ? node.depth : ''}`;
}

export function words(node: Nodes): string[] {
  const text = signatureText(node).toLowerCase();
  return text ? text.split(' ') : [];
}

/** Dice coefficient over word multisets: 1 for the same words, 0 for none in common. */
export function similarity(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of b) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

export const PAIR_THRESHOLD = 0.5;

export type Step =
  | { op: 'pair'; old: RootContent; new: RootContent }
  | { op: 'del'; old: RootContent }
  | { op: 'ins'; new: RootContent };

/**
 * Pairs the removed and added blocks of one change hunk, keeping their order: a weighted
 * longest-common-subsequence where two blocks of the same kind score their similarity.
 */
export function pairHunk(removed: RootContent[], added: RootContent[]): Step[] {
  if (removed.length === 0) return added.map((node) => ({ op: 'ins', new: node }));
  if (added.length === 0) return removed.map((node) => ({ op: 'del', old: node }));
  const score = (a: RootContent, b: RootContent): number => {
    if (keyOf(a) !== undefined || keyOf(b) !== undefined || kindOf(a) !== kindOf(b)) return 0;
    const s = similarity(words(a), words(b));
    return s >= PAIR_THRESHOLD ? s : 0;
  };
  const m = removed.length;
  const n = added.length;
  if (m * n > 40_000) return greedyPairs(removed, added, score);
  const table: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const s = score(removed[i], added[j]);
      table[i][j] = Math.max(table[i + 1][j], table[i][j + 1], s > 0 ? s + table[i + 1][j + 1] : 0);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const s = score(removed[i], added[j]);
    if (s > 0 && Math.abs(table[i][j] - (s + table[i + 1][j + 1])) < 1e-9) {
      steps.push({ op: 'pair', old: removed[i++], new: added[j++] });
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      steps.push({ op: 'del', old: removed[i++] });
    } else {
      steps.push({ op: 'ins', new: added[j++] });
    }
  }
  while (i < m) steps.push({ op: 'del', old: removed[i++] });
  while (j < n) steps.push({ op: 'ins', new: added[j++] });
  return steps;
}

function greedyPairs(removed: RootContent[], added: RootContent[], score: (a: RootContent, b: RootContent) => number): Step[] {
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length && j < added.length) {
    if (score(removed[i], added[j]) > 0) steps.push({ op: 'pair', old: removed[i++], new: added[j++] });
    else if (removed.length - i >= added.length - j) steps.push({ op: 'del', old: removed[i++] });
    else steps.push({ op: 'ins', new: added[j++] });
  }
  while (i < removed.length) steps.push({ op: 'del', old: removed[i++] });
  while (j < added.length) steps.push({ op: 'ins', new: added[j++] });
  return steps;
}
