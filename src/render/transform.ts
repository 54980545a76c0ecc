import type { Nodes, Parents, Root, RootContent, PhrasingContent, BlockContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { directiveBody } from '../model/extract.js';
import { jurisdiction } from '../model/jurisdictions.js';
import type { Report, RecommendationItem } from '../model/types.js';
import { FULL, systemLabel } from './editions.js';
import { cloneTree } from '../util/clone.js';
import { shownNumber } from './numbering.js';

/**
 * The render pipeline's Markdown steps, each a named function over a private copy of the
 * report's tree. `prepareTree` runs them in order; the diff reuses the same steps so a redline
 * shows exactly what a build shows.
 */
export interface RenderContext {
  report: Report;
  edition: string;
}

type Step = (tree: Root, context: RenderContext) => void;

export const steps: Array<[name: string, step: Step]> = [
  ['drop-comments', dropComments],
  ['select-edition', selectEdition],
  ['number-headings', numberHeadings],
  ['decorate-recommendations', decorateRecommendations],
  ['resolve-references', resolveReferences],
  ['expand-contents', expandContents],
  ['expand-summary', expandSummary],
  ['mark-unknown-directives', markUnknownDirectives],
];

export function prepareTree(report: Report, edition: string = FULL): Root {
  const tree = cloneTree(report.tree);
  const context = { report, edition };
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

function isDirective(node: Nodes): node is Extract<Nodes, { name: string }> {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

/** The one place comments leave the tree: nothing after this step can render their text. */
export function dropComments(tree: Root): void {
  rewrite(tree, (node) => (isDirective(node) && node.name === 'comment' ? [] : undefined));
}

/** An edition for one system keeps the shared principle and that system's variants only. */
function selectEdition(tree: Root, { edition }: RenderContext): void {
  if (edition === FULL) return;
  rewrite(
    tree,
    (node) => (node.type === 'containerDirective' && node.name === 'variant' && (node.attributes?.system ?? '') !== edition ? [] : undefined),
    true,
  );
}

function setH(node: Nodes, hName: string, hProperties: Record<string, unknown> = {}): void {
  node.data = { ...(node.data ?? {}), hName, hProperties: { ...(node.data?.hProperties ?? {}), ...hProperties } as never };
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function span(className: string, children: PhrasingContent[]): PhrasingContent {
  return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: [className] } } } as PhrasingContent;
}

function block(hName: string, className: string[], children: RootContent[], extra: Record<string, unknown> = {}): BlockContent {
  return { type: 'blockquote', children, data: { hName, hProperties: { className, ...extra } } } as unknown as BlockContent;
}

function paragraph(className: string, children: PhrasingContent[], hName = 'p'): BlockContent {
  return { type: 'paragraph', children, data: { hName, hProperties: { className: [className] } } } as BlockContent;
}

/** Content headings start one level below the title (h2), whatever level the source uses. */
export function headingShift(report: Report): number {
  const outline = report.headings.filter((h) => h.number !== '');
  const top = outline.length ? Math.min(...outline.map((h) => h.depth)) : 2;
  return 2 - top;
}

function numberHeadings(tree: Root, { report }: RenderContext): void {
  const shift = headingShift(report);
  const bySlug = new Map(report.headings.map((h) => [h.slug, h]));
  rewrite(tree, (node) => {
    if (node.type !== 'heading') return undefined;
    const id = (node.data?.hProperties as { id?: string } | undefined)?.id;
    const item = id ? bySlug.get(id) : undefined;
    node.depth = Math.min(6, Math.max(1, node.depth + shift)) as typeof node.depth;
    const number = item ? shownNumber(report, item) : '';
    if (number) node.children.unshift(span('heading-number', [text(number)]), text(' '));
    return undefined;
  }, true);
}

function decorateRecommendations(tree: Root, { report }: RenderContext): void {
  let index = 0;
  // Runs after number-headings, so depths here are already the rendered ones.
  let headingDepth = 1;
  rewrite(tree, (node) => {
    if (node.type === 'heading') {
      headingDepth = node.depth;
      return undefined;
    }
    if (node.type !== 'containerDirective' || node.name !== 'recommendation') return undefined;
    const item = report.recommendations[index++];
    if (!item) return undefined;
    return [renderRecommendation(node, item, Math.min(6, headingDepth + 1))];
  }, true);
}

function renderRecommendation(node: ContainerDirective, item: RecommendationItem, depth: number): BlockContent {
  const principle: RootContent[] = [];
  const parts: RootContent[] = [];
  for (const child of directiveBody(node)) {
    if (child.type === 'containerDirective' && ['variant', 'example', 'rationale'].includes(child.name)) {
      parts.push(renderPart(child));
    } else {
      principle.push(child);
    }
  }
  const heading = {
    type: 'heading',
    depth: Math.min(6, depth),
    children: [span('recommendation-number', [text(`Recommendation ${item.number}`)]), text(' '), span('recommendation-title', [text(item.title)])],
    data: { hProperties: { className: ['recommendation-heading'] } },
  } as unknown as BlockContent;
  const attributes: Record<string, unknown> = { id: item.id || undefined, dataNumber: item.number };
  if (item.topic) attributes.dataTopic = item.topic;
  if (item.uniform) attributes.dataUniform = 'true';
  const content: RootContent[] = [heading, block('div', ['principle'], principle), ...parts];
  if (item.uniform) content.splice(2, 0, paragraph('uniform-note', [text('This recommendation is the same for every legal system.')]));
  return block('section', ['recommendation'], content, attributes);
}

function renderPart(node: ContainerDirective): BlockContent {
  const body = directiveBody(node).map((child) =>
    child.type === 'containerDirective' && ['variant', 'example', 'rationale'].includes(child.name) ? renderPart(child) : child,
  ) as RootContent[];
  const attributes = node.attributes ?? {};
  if (node.name === 'variant') {
    const system = attributes.system ?? '';
    return block('div', ['variant'], [paragraph('variant-label', [text(`${systemLabel(system)} systems`)]), ...body], { dataSystem: system });
  }
  if (node.name === 'example') {
    const code = (attributes.jurisdiction ?? '').toUpperCase();
    const name = jurisdictionName(code);
    return block('aside', ['example'], [paragraph('example-label', [text(`Example: ${name}`)]), ...body], {
      dataJurisdiction: code,
      ariaLabel: `Example: ${name}`,
    });
  }
  return block('div', ['rationale'], [paragraph('rationale-label', [text('Rationale')]), ...body]);
}

function jurisdictionName(code: string): string {
  return jurisdiction(code)?.name ?? code;
}

function resolveReferences(tree: Root, { report }: RenderContext): void {
  const recommendations = new Map(report.recommendations.filter((r) => r.id).map((r) => [r.id, r]));
  const headings = new Map(report.headings.map((h) => [h.slug, h]));
  rewrite(tree, (node) => {
    if (node.type !== 'textDirective' || node.name !== 'ref') return undefined;
    const target = node.children.map((c) => ('value' in c ? c.value : '')).join('').trim();
    const recommendation = recommendations.get(target);
    if (recommendation) {
      return [{ type: 'link', url: `#${target}`, children: [text(`Recommendation ${recommendation.number}`)], data: { hProperties: { className: ['xref'] } } } as RootContent];
    }
    const heading = headings.get(target);
    if (heading) {
      const label = heading.number ? `Section ${heading.number}` : heading.text;
      return [{ type: 'link', url: `#${target}`, children: [text(label)], data: { hProperties: { className: ['xref'] } } } as RootContent];
    }
    return [span('xref-missing', [text(`[unknown reference: ${target}]`)]) as RootContent];
  });
}

function expandContents(tree: Root, { report }: RenderContext): void {
  rewrite(tree, (node) => {
    if (node.type !== 'leafDirective' || node.name !== 'toc') return undefined;
    const outline = report.headings.filter((h) => h.number !== '' && h.number.split('.').length <= 2);
    const items = outline.map((h) => ({
      type: 'listItem',
      spread: false,
      children: [paragraph('toc-entry', [{ type: 'link', url: `#${h.slug}`, children: [span('toc-number', [text(shownNumber(report, h))]), text(' '), text(h.text)] } as PhrasingContent], 'span')],
      data: { hProperties: { className: [`toc-level-${h.number.split('.').length}`] } },
    }));
    const list = { type: 'list', ordered: false, spread: false, children: items, data: { hProperties: { className: ['toc-list'] } } } as RootContent;
    return [block('nav', ['toc'], [paragraph('toc-title', [text('Contents')], 'h2'), list], { ariaLabel: 'Contents', id: 'contents' })];
  }, true);
}

function expandSummary(tree: Root, { report }: RenderContext): void {
  rewrite(tree, (node) => {
    if (node.type !== 'leafDirective' || node.name !== 'recommendations') return undefined;
    const cell = (children: PhrasingContent[]) => ({ type: 'tableCell', children });
    const rows = report.recommendations.map((r) => ({
      type: 'tableRow',
      children: [
        cell([text(r.number)]),
        cell([{ type: 'link', url: `#${r.id}`, children: [text(r.title || r.id)] } as PhrasingContent]),
        cell([text(r.uniform ? 'All systems' : r.variants.map((v) => systemLabel(v.system)).join(', '))]),
      ],
    }));
    const header = { type: 'tableRow', children: [cell([text('No.')]), cell([text('Recommendation')]), cell([text('Variants')])] };
    return [
      {
        type: 'table',
        align: ['left', 'left', 'left'],
        children: [header, ...rows],
        data: { hProperties: { className: ['recommendations-summary'] } },
      } as unknown as RootContent,
    ];
  }, true);
}

/** Directives the dialect does not know still show their content; lint names them. */
function markUnknownDirectives(tree: Root): void {
  rewrite(tree, (node) => {
    if (!isDirective(node)) return undefined;
    const className = [`directive-${node.name.replace(/[^a-zA-Z0-9-]/g, '')}`];
    if (node.type === 'textDirective') setH(node, 'span', { className });
    else setH(node, 'div', { className });
    return undefined;
  });
}
