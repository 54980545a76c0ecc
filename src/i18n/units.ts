import { createHash } from 'node:crypto';
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { Report } from '../model/types.js';

/**
 * Translation units over the Report model: every piece of reader-visible text, keyed by the
 * structure it stands in rather than by its position in the file, so a translation outlives
 * renumbering and reordering. Recommendation parts are keyed by the recommendation's stable id
 * (`identify-secrets/title`, `…/principle`, `…/variant/civil-law`, `…/example/JP`, `…/rationale`),
 * headings by slug (`<slug>/heading`), other blocks by section slug and index (`<slug>/2`),
 * footnotes by label (`_footnote/<label>`), the title page by field (`_meta/title`).
 */

/** Inline content of a unit: text, paired codes (emphasis, links…) and standalone placeholders. */
export type Inline = string | PairedCode | Placeholder;
export interface PairedCode {
  kind: 'pc';
  id: string;
  children: Inline[];
}
export interface Placeholder {
  kind: 'ph';
  id: string;
}

/** What a placeholder stands for, for translators (XLIFF `type`/`subType`/`disp`) and for rebuilding. */
export interface Code {
  id: string;
  kind: 'pc' | 'ph';
  /** The mdast node it came from (its children are replaced by the translation's for a `pc`). */
  node: Nodes;
  type: 'fmt' | 'link' | 'image' | 'other';
  subType?: string;
  /** What a translation tool shows for it. */
  disp: string;
}

export interface Unit {
  id: string;
  /** The unit's source content. */
  source: Inline[];
  codes: Map<string, Code>;
  /** The phrasing container it was read from (paragraph, heading, table cell), when it is a block. */
  node?: Parent;
  /** Hash of the source text with its placeholders: a translation made from another hash is stale. */
  hash: string;
}

const PAIRED: Record<string, { type: Code['type']; subType?: string }> = {
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  delete: { type: 'fmt' },
  link: { type: 'link' },
  linkReference: { type: 'link' },
  termUse: { type: 'other' },
};

const STANDALONE: Record<string, { type: Code['type']; subType?: string }> = {
  footnoteReference: { type: 'other' },
  xref: { type: 'link' },
  inlineCode: { type: 'other' },
  image: { type: 'image' },
  imageReference: { type: 'image' },
  break: { type: 'fmt', subType: 'xlf:lb' },
};

/** Blocks whose children are phrasing content: each is one unit. */
const CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);
/** Blocks whose text is generated, not written, or never published. */
const SKIP = new Set(['comment', 'code', 'html', 'yaml', 'toc', 'recommendationSummary', 'glossary', 'definition', 'thematicBreak', 'math']);

function dispOf(node: Nodes): string {
  switch (node.type) {
    case 'footnoteReference':
      return `[^${node.label ?? node.identifier}]`;
    case 'xref':
      return `:ref[${node.target}]`;
    case 'inlineCode':
      return node.value;
    case 'image':
      return node.alt ?? 'image';
    case 'link':
      return node.url;
    case 'termUse':
      return `:term[${node.term}]`;
    case 'emphasis':
      return '*';
    case 'strong':
      return '**';
    case 'delete':
      return '~~';
    default:
      return node.type;
  }
}

/** Reads a run of phrasing content into inline content, numbering its codes in order. */
export function readInline(children: PhrasingContent[], codes: Map<string, Code>): Inline[] {
  const out: Inline[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      out.push(child.value.replace(/\s+/g, ' '));
    } else if (child.type === 'comment') {
      // Comments are never published, so never translated.
      continue;
    } else if (PAIRED[child.type]) {
      const id = String(codes.size + 1);
      codes.set(id, { id, kind: 'pc', node: child, ...PAIRED[child.type], disp: dispOf(child) });
      out.push({ kind: 'pc', id, children: readInline((child as Parent).children as PhrasingContent[], codes) });
    } else if (STANDALONE[child.type]) {
      const id = String(codes.size + 1);
      codes.set(id, { id, kind: 'ph', node: child, ...STANDALONE[child.type], disp: dispOf(child) });
      out.push({ kind: 'ph', id });
    } else if ('children' in child) {
      out.push(...readInline(child.children as PhrasingContent[], codes));
    } else if ('value' in child && typeof child.value === 'string') {
      out.push(child.value);
    }
  }
  return trimInline(mergeText(out));
}

function mergeText(inline: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const part of inline) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = (last + part).replace(/\s+/g, ' ');
    else out.push(part);
  }
  return out;
}

function trimInline(inline: Inline[]): Inline[] {
  const out = [...inline];
  if (typeof out[0] === 'string') out[0] = out[0].replace(/^\s+/, '');
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).replace(/\s+$/, '');
  return out.filter((part) => part !== '');
}

/** Canonical text of inline content: `<1>…</1>` for paired codes, `<2/>` for placeholders. Used for hashes and PO. */
export function inlineToText(inline: Inline[]): string {
  return inline
    .map((part) => {
      if (typeof part === 'string') return part.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      if (part.kind === 'ph') return `<${part.id}/>`;
      return `<${part.id}>${inlineToText(part.children)}</${part.id}>`;
    })
    .join('');
}

/** The plain words of inline content (placeholders dropped). */
export function inlinePlain(inline: Inline[]): string {
  return inline.map((part) => (typeof part === 'string' ? part : part.kind === 'pc' ? inlinePlain(part.children) : '')).join('');
}

export function hashOf(inline: Inline[]): string {
  return createHash('sha256').update(inlineToText(inline)).digest('hex').slice(0, 16);
}

function makeUnit(id: string, source: Inline[], codes: Map<string, Code>, node?: Parent): Unit {
  return { id, source, codes, node, hash: hashOf(source) };
}

interface Context {
  /** Key of the part being walked (`identify-secrets/principle`, `obtaining-evidence`, `_footnote/x`). */
  base: string;
  /** For a section's own blocks, which are numbered rather than named. */
  numbered: boolean;
}

/**
 * Every translation unit of `tree` (the report's tree or a copy of it: the keys depend on
 * structure only). `labels` gives the label of each footnote definition as written.
 */
export function collectUnits(report: Report, tree: Root = report.tree, nodeMap?: (original: object) => object | undefined): Unit[] {
  const units: Unit[] = [];
  const used = new Map<string, number>();
  const unique = (id: string): string => {
    const count = (used.get(id) ?? 0) + 1;
    used.set(id, count);
    return count === 1 ? id : `${id}/${count}`;
  };
  // Parts (a variant, an example) are keys of their own: the same jurisdiction twice gets `JP-2`.
  const parts = new Map<string, number>();
  const uniquePart = (id: string): string => {
    const count = (parts.get(id) ?? 0) + 1;
    parts.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  };
  const meta = report.meta;
  for (const field of ['title', 'subtitle', 'shorttitle', 'dialogue'] as const) {
    const value = meta[field];
    if (typeof value === 'string' && value.trim()) units.push(makeUnit(`_meta/${field}`, [value.trim()], new Map()));
  }
  const recommendationOf = new Map<object, (typeof report.recommendations)[number]>();
  for (const item of report.recommendations) recommendationOf.set(nodeMap?.(item.node) ?? item.node, item);
  const footnoteLabel = new Map<object, string>();
  for (const footnote of report.footnotes) footnoteLabel.set(nodeMap?.(footnote.node) ?? footnote.node, footnote.label);

  let section = '_front';
  const sectionCount = new Map<string, number>();

  const block = (node: Parent, context: Context): void => {
    const codes = new Map<string, Code>();
    const source = readInline(node.children as PhrasingContent[], codes);
    if (!inlinePlain(source).trim()) return;
    let id: string;
    if (context.numbered) {
      const n = (sectionCount.get(context.base) ?? 0) + 1;
      sectionCount.set(context.base, n);
      id = `${context.base}/${n}`;
    } else id = unique(context.base);
    units.push(makeUnit(id, source, codes, node));
  };

  const walk = (parent: Parent, context: Context): void => {
    for (const child of parent.children as Nodes[]) {
      if (SKIP.has(child.type)) continue;
      if (child.type === 'heading') {
        const slug = child.data?.sectionId;
        if (slug) section = slug;
        const codes = new Map<string, Code>();
        const source = readInline(child.children, codes);
        if (slug && inlinePlain(source).trim()) units.push(makeUnit(unique(`${slug}/heading`), source, codes, child));
        if (context.numbered) context = { base: section, numbered: true };
        continue;
      }
      if (CONTAINERS.has(child.type)) {
        block(child as Parent, context);
        continue;
      }
      if (child.type === 'recommendation') {
        const item = recommendationOf.get(child);
        const id = item?.id || child.id;
        if (!id) {
          walk(child, context);
          continue;
        }
        if (child.title) units.push(makeUnit(unique(`${id}/title`), [child.title], new Map()));
        walk(child, { base: `${id}/principle`, numbered: false });
        continue;
      }
      if (child.type === 'variant' || child.type === 'example' || child.type === 'rationale') {
        const recommendation = context.base.split('/')[0];
        const inRecommendation = !context.numbered && !context.base.startsWith('_footnote');
        const part =
          child.type === 'variant' ? `variant/${child.system}` : child.type === 'example' ? `example/${child.jurisdiction.toUpperCase()}` : 'rationale';
        // An example inside a variant is keyed by its recommendation, like every other example.
        walk(child, inRecommendation ? { base: uniquePart(`${recommendation}/${part}`), numbered: false } : context);
        continue;
      }
      if (child.type === 'footnoteDefinition') {
        const label = footnoteLabel.get(child) ?? child.label ?? child.identifier;
        walk(child, { base: uniquePart(`_footnote/${label}`), numbered: false });
        continue;
      }
      if ('children' in child) walk(child as Parent, context);
    }
  };
  walk(tree, { base: section, numbered: true });
  return units;
}
