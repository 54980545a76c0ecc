import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import type { Stamp } from '../git/index.js';
import type { Report } from '../model/types.js';
import { renderBody, renderHtml, type RenderResult } from '../render/html.js';
import type { Template } from '../render/template.js';
import { cloneTree } from '../util/clone.js';
import { localizeReport } from './localize.js';

/**
 * The bilingual edition (`--lang en+ja`): the translated report, each block paired with its
 * source block side by side, the way international bodies publish for capacity building. Blocks
 * are paired by their unit id (`data-unit`, set on both copies by localizeReport) and
 * recommendation headings by recommendation id: never by position.
 */

const BILINGUAL_CSS = `
.title-block, .report-body, .report-footer { max-width: 72rem; }
.bilingual-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; align-items: start; break-inside: avoid; }
.bilingual-pair > * { min-width: 0; }
.bilingual-pair > .bilingual-source { color: #39424c; }
@media print { .bilingual-pair { gap: 0 6mm; font-size: 92%; } }
`;

function className(element: Element): string[] {
  return (element.properties.className as string[] | undefined) ?? [];
}

/** A copy of a source block for the left column: no ids (the right column keeps them), in the source language. */
function sourceCopy(element: Element, lang: string): Element {
  const copy = cloneTree(element);
  visit(copy, 'element', (node: Element) => {
    delete node.properties.id;
    delete node.properties.dataUnit;
  });
  copy.properties = { ...copy.properties, lang, className: [...className(copy), 'bilingual-source'] };
  // Fallback marks belong to the translation side only.
  return copy;
}

function pair(source: Element | undefined, translation: Element, sourceLang: string): Element {
  const right: Element = { ...translation, properties: { ...translation.properties, className: [...className(translation), 'bilingual-target'] } };
  const children: ElementContent[] = source ? [sourceCopy(source, sourceLang), right] : [{ type: 'element', tagName: 'div', properties: {}, children: [] }, right];
  return { type: 'element', tagName: 'div', properties: { className: ['bilingual-pair'] }, children };
}

export function pairBodies(source: HastRoot, translation: HastRoot, sourceLang: string): void {
  const units = new Map<string, Element>();
  const headings = new Map<string, Element>();
  visit(source, 'element', (node: Element) => {
    const unit = node.properties.dataUnit;
    if (typeof unit === 'string') units.set(unit, node);
    if (node.tagName === 'section' && className(node).includes('recommendation') && typeof node.properties.id === 'string') {
      const heading = node.children.find((child): child is Element => child.type === 'element' && className(child).includes('recommendation-heading'));
      if (heading) headings.set(node.properties.id, heading);
    }
  });
  visit(translation, 'element', (node: Element, index, parent) => {
    if (!parent || index === undefined) return;
    const unit = node.properties.dataUnit;
    if (typeof unit === 'string') {
      parent.children[index] = pair(units.get(unit), node, sourceLang);
      return SKIP;
    }
    if (className(node).includes('recommendation-heading') && parent.type === 'element' && typeof parent.properties.id === 'string') {
      parent.children[index] = pair(headings.get(parent.properties.id), node, sourceLang);
      return SKIP;
    }
    return undefined;
  });
}

export function renderBilingualHtml(source: Report, translated: Report, options: { edition: string; stamp?: Stamp; template?: Template }): RenderResult {
  const tagged = localizeReport(source, undefined, source.meta.lang).report;
  const { hast: sourceBody, problems } = renderBody(tagged, options.edition);
  const result = renderHtml(translated, {
    ...options,
    extraCss: BILINGUAL_CSS,
    transformBody: (body) => pairBodies(sourceBody, body, source.meta.lang),
  });
  // The source side embeds the same images: its problems are the translated side's, reported once.
  void problems;
  return result;
}
