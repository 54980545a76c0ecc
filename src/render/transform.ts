import type { Nodes, Parents, Root, RootContent, PhrasingContent, BlockContent, List, ListItem } from 'mdast';
import type {} from 'mdast-util-to-hast';
import type { Recommendation } from '../dialect/index.js';
import type { Report, RecommendationItem } from '../model/types.js';
import { termAnchor } from '../dialect/definition.js';
import { FULL, systemLabel } from './editions.js';
import type { DerivedNumber, Principle, RecommendationHeading } from './nodes.js';
import { cloneTree } from '../util/clone.js';
import { systemName, ui } from '../i18n/ui.js';
import { shownNumber } from './numbering.js';
import { resolveCitations } from '../cite/notes.js';

/**
 * The render pipeline's Markdown steps, each a named function over a private copy of the
 * report's tree. `prepareTree` runs them in order; the diff reuses the same steps so a redline
 * shows exactly what a build shows. The steps read typed nodes (src/dialect) and add typed
 * nodes (./nodes.ts); their hast handlers decide the markup.
 */
export interface RenderContext {
  report: Report;
  edition: string;
  /** The model item of each recommendation node of this copy: pairing is by identity, never by counting. */
  itemOf: (node: Recommendation) => RecommendationItem | undefined;
}

type Step = (tree: Root, context: RenderContext) => void;

export const steps: Array<[name: string, step: Step]> = [
  ['drop-comments', dropComments],
  ['select-edition', selectEdition],
  ['resolve-citations', (tree, { report, edition }) => resolveCitations(tree, report, edition)],
  ['number-headings', numberHeadings],
  ['decorate-recommendations', decorateRecommendations],
  ['resolve-references', resolveReferences],
  ['expand-contents', expandContents],
  ['expand-summary', expandSummary],
  ['expand-glossary', expandGlossary],
  ['mark-unknown-directives', markUnknownDirectives],
];

/** A render context for `report`, whose recommendations are found by node identity in `tree`'s copy. */
export function renderContext(report: Report, edition: string, copies = new Map<object, object>()): RenderContext {
  const items = new Map<object, RecommendationItem>();
  for (const item of report.recommendations) items.set(copies.get(item.node) ?? item.node, item);
  return { report, edition, itemOf: (node) => items.get(node) };
}

export function prepareTree(report: Report, edition: string = FULL): Root {
  const originals = new Set<object>(report.recommendations.map((r) => r.node));
  const copies = new Map<object, object>();
  const tree = cloneTree(report.tree, (original, copy) => {
    if (originals.has(original)) copies.set(original, copy);
  });
  const context = renderContext(report, edition, copies);
  for (const [, step] of steps) step(tree, context);
  return tree;
}

/** Nodes whose children are all phrasing (inline) content: no heading, block or leaf directive inside. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Calls `visit` on every node with its parent; `visit` may return a replacement list (or []) for the
 * node. `flowOnly` skips the inside of paragraphs, headings and table cells, for steps that only look
 * at block-level nodes: most nodes of a report are inline, so this saves most of such a walk.
 */
function rewrite(tree: Parents, visit: (node: Nodes, parent: Parents) => RootContent[] | undefined, flowOnly = false): void {
  const children = tree.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    const replacement = visit(node, tree);
    if (replacement) {
      children.splice(index, 1, ...replacement);
      index += replacement.length - 1;
      continue;
    }
    if ('children' in node && !(flowOnly && PHRASING_PARENTS.has(node.type))) rewrite(node, visit, flowOnly);
  }
}

function isDirective(node: Nodes): node is Extract<Nodes, { type: 'containerDirective' | 'leafDirective' | 'textDirective' }> {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

/** The one place comments leave the tree: nothing after this step can render their text. */
export function dropComments(tree: Root): void {
  rewrite(tree, (node) => (node.type === 'comment' ? [] : undefined));
}

/**
 * An edition for one system keeps the shared principle and that system's variants only. Every
 * edition keeps every definition of a defined term: one written inside another system's variant
 * stays, where the variant stood, so that uses of the term still lead to it.
 */
export function selectEdition(tree: Root, { edition }: Pick<RenderContext, 'edition'>): void {
  if (edition === FULL) return;
  rewrite(tree, (node) => (node.type === 'variant' && node.system !== edition ? definitionsIn(node) : undefined), true);
}

function definitionsIn(node: Nodes): RootContent[] {
  const found: RootContent[] = [];
  const walk = (current: Nodes): void => {
    if (current.type === 'termDefinition') {
      found.push(current);
      return;
    }
    if ('children' in current) for (const child of current.children as Nodes[]) walk(child);
  };
  walk(node);
  return found;
}

function setH(node: Nodes, hName: string, hProperties: Record<string, unknown> = {}): void {
  node.data = { ...(node.data ?? {}), hName, hProperties: { ...(node.data?.hProperties ?? {}), ...hProperties } as never };
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function span(className: string, children: PhrasingContent[], lang?: string): PhrasingContent {
  return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: [className], ...(lang ? { lang } : {}) } } };
}

function paragraph(className: string, children: PhrasingContent[], hName = 'p'): BlockContent {
  return { type: 'paragraph', children, data: { hName, hProperties: { className: [className] } } };
}

function derived(role: DerivedNumber['role'], value: string, number = value): DerivedNumber {
  return { type: 'derivedNumber', role, number, children: [text(value)] };
}

/** Content headings start one level below the title (h2), whatever level the source uses. */
export function headingShift(report: Report): number {
  const outline = report.headings.filter((h) => h.number !== '');
  const top = outline.length ? Math.min(...outline.map((h) => h.depth)) : 2;
  return 2 - top;
}

export function numberHeadings(tree: Root, { report }: Pick<RenderContext, 'report'>): void {
  const shift = headingShift(report);
  const bySlug = new Map(report.headings.map((h) => [h.slug, h]));
  rewrite(tree, (node) => {
    if (node.type !== 'heading') return undefined;
    const id = node.data?.sectionId;
    const item = id ? bySlug.get(id) : undefined;
    node.depth = Math.min(6, Math.max(1, node.depth + shift)) as typeof node.depth;
    const number = item ? shownNumber(report, item) : '';
    if (number) node.children.unshift(derived('heading', number), text(' '));
    return undefined;
  }, true);
}

/** Gives each recommendation its heading and principle, from its own model item (found by identity). */
export function decorateRecommendations(tree: Root, { itemOf, report }: Pick<RenderContext, 'itemOf'> & Partial<Pick<RenderContext, 'report'>>): void {
  // Runs after number-headings, so depths here are already the rendered ones.
  let headingDepth = 1;
  rewrite(tree, (node) => {
    if (node.type === 'heading') {
      headingDepth = node.depth;
      return undefined;
    }
    if (node.type !== 'recommendation') return undefined;
    const item = itemOf(node);
    if (!item) return undefined;
    return [renderRecommendation(node, item, Math.min(6, headingDepth + 1), report?.meta.lang)];
  }, true);
}

function isPart(node: RootContent): boolean {
  return node.type === 'variant' || node.type === 'example' || node.type === 'rationale';
}

export function renderRecommendation(node: Recommendation, item: RecommendationItem, depth: number, lang?: string): Recommendation {
  const principle: Principle = { type: 'principle', children: node.children.filter((child) => !isPart(child)) };
  const parts = node.children.filter(isPart);
  const heading: RecommendationHeading = {
    type: 'recommendationHeading',
    depth: Math.min(6, depth) as RecommendationHeading['depth'],
    children: [derived('recommendation', ui(lang, 'recommendation', { number: item.number }), item.number), text(' '), span('recommendation-title', [text(item.title)], item.titleLang)],
  };
  return { ...node, number: item.number, children: [heading, principle, ...parts] };
}

export function resolveReferences(tree: Root, { report }: Pick<RenderContext, 'report'>): void {
  const recommendations = new Map(report.recommendations.filter((r) => r.id).map((r) => [r.id, r]));
  const headings = new Map(report.headings.map((h) => [h.slug, h]));
  rewrite(tree, (node) => {
    if (node.type !== 'xref') return undefined;
    const recommendation = recommendations.get(node.target);
    // Set by a translated copy on references inside text still shown in the source language.
    const lang = (node.data as { uiLang?: string } | undefined)?.uiLang ?? report.meta?.lang;
    if (recommendation) return [{ ...node, children: [text(ui(lang, 'recommendation', { number: recommendation.number }))] }];
    const heading = headings.get(node.target);
    if (heading) return [{ ...node, children: [text(heading.number ? ui(lang, 'section', { number: heading.number }) : heading.text)] }];
    return [span('xref-missing', [text(ui(lang, 'unknownReference', { target: node.target }))])];
  });
}

export function expandContents(tree: Root, { report }: Pick<RenderContext, 'report'>): void {
  rewrite(tree, (node) => {
    if (node.type !== 'toc') return undefined;
    const outline = report.headings.filter((h) => h.number !== '' && h.number.split('.').length <= 2);
    const items: ListItem[] = outline.map((h) => ({
      type: 'listItem',
      spread: false,
      children: [paragraph('toc-entry', [{ type: 'link', url: `#${h.slug}`, children: [span('toc-number', [text(shownNumber(report, h))]), text(' '), text(h.text)] }], 'span')],
      data: { hProperties: { className: [`toc-level-${h.number.split('.').length}`] } },
    }));
    const list: List = { type: 'list', ordered: false, spread: false, children: items, data: { hProperties: { className: ['toc-list'] } } };
    return [{ ...node, children: [list] }];
  }, true);
}

export function expandSummary(tree: Root, { report }: Pick<RenderContext, 'report'>): void {
  rewrite(tree, (node) => {
    if (node.type !== 'recommendationSummary') return undefined;
    const lang = report.meta?.lang;
    const cell = (children: PhrasingContent[]) => ({ type: 'tableCell' as const, children });
    const rows = report.recommendations.map((r) => ({
      type: 'tableRow' as const,
      children: [
        cell([text(r.number)]),
        cell([{ type: 'link', url: `#${r.id}`, children: [text(r.title || r.id)], ...(r.titleLang ? { data: { hProperties: { lang: r.titleLang } } } : {}) }]),
        cell([text(r.uniform ? ui(lang, 'allSystems') : r.variants.map((v) => (lang === 'en' ? systemLabel(v.system) : systemName(lang, v.system))).join(', '))]),
      ],
    }));
    const header = {
      type: 'tableRow' as const,
      children: [cell([text(ui(lang, 'summaryNumber'))]), cell([text(ui(lang, 'summaryRecommendation'))]), cell([text(ui(lang, 'summaryVariants'))])],
    };
    return [
      {
        ...node,
        children: [{ type: 'table', align: ['left', 'left', 'left'], children: [header, ...rows], data: { hProperties: { className: ['recommendations-summary'] } } }],
      },
    ];
  }, true);
}

/** `::glossary`: every defined term, alphabetically, with its definition and a link to where it stands. */
export function expandGlossary(tree: Root, { report }: Pick<RenderContext, 'report'>): void {
  rewrite(tree, (node) => {
    if (node.type !== 'glossary') return undefined;
    const first = new Map<string, (typeof report.definitions)[number]>();
    for (const definition of report.definitions) if (!first.has(definition.key)) first.set(definition.key, definition);
    const entries = [...first.values()].sort((a, b) => a.key.localeCompare(b.key));
    const items: ListItem[] = entries.map((definition) => ({
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'link', url: `#${termAnchor(definition.key)}`, children: [{ type: 'strong', children: [text(definition.term)] }], data: { hProperties: { className: ['glossary-term'] } } },
            text(` — ${definition.text}`),
          ],
        },
      ],
    }));
    const list: List = { type: 'list', ordered: false, spread: false, children: items, data: { hProperties: { className: ['glossary-list'] } } };
    return [{ ...node, children: [list] }];
  }, true);
}

/** Directives the dialect does not know still show their content; lint names them. */
export function markUnknownDirectives(tree: Root): void {
  rewrite(tree, (node) => {
    if (!isDirective(node)) return undefined;
    const className = [`directive-${node.name.replace(/[^a-zA-Z0-9-]/g, '')}`];
    if (node.type === 'textDirective') setH(node, 'span', { className });
    else setH(node, 'div', { className });
    return undefined;
  });
}
