import type { Element, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import type { Report } from '../model/types.js';
import { FULL, systemLabel } from './editions.js';
import { systemName, ui } from '../i18n/ui.js';

/**
 * Publication touches for the web page: a permalink on every recommendation and numbered
 * heading, and (full edition) a view switcher made of radio buttons and CSS only, so it works
 * without JavaScript and shows every variant until the reader picks one system.
 */
export function addPermalinks(tree: HastRoot, lang = 'en'): void {
  visit(tree, 'element', (node: Element, _index, parent) => {
    const className = (node.properties.className as string[] | undefined) ?? [];
    if (className.includes('recommendation-heading') && parent?.type === 'element') {
      const id = parent.properties.id;
      if (typeof id !== 'string' || !id) return;
      const number = (parent.properties.dataNumber as string | undefined) ?? '';
      node.children.push(permalink(id, ui(lang, 'linkToRecommendation', { number }).trim()));
    } else if (/^h[2-4]$/.test(node.tagName) && typeof node.properties.id === 'string' && node.properties.id !== 'footnote-label') {
      node.children.push(permalink(node.properties.id, ui(lang, 'linkToSection')));
    }
  });
}

function permalink(id: string, label: string): Element {
  return h('a.permalink', { href: `#${id}`, ariaLabel: label }, '#');
}

export function viewSwitcher(report: Report, edition: string): { html: string; css: string } {
  const systems = report.meta.systems;
  const lang = report.meta.lang;
  if (edition !== FULL || systems.length < 2) return { html: '', css: '' };
  const option = (id: string, label: string, checked: boolean) => [
    h('input', { type: 'radio', name: 'rapporteur-view', id: `view-${id}`, value: id, checked }),
    h('label', { htmlFor: `view-${id}` }, label),
  ];
  const fieldset = h('fieldset.view-switcher', [
    h('legend', ui(lang, 'showVariantsFor')),
    ...option('all', ui(lang, 'allLegalSystems'), true),
    ...systems.flatMap((system) => option(system, ui(lang, 'systemOnly', { system: lang.startsWith('en') ? systemLabel(system) : systemName(lang, system) }), false)),
  ]);
  // System names are kebab-case (the front matter schema says so), safe inside a selector.
  const css = systems
    .map((system) => `body:has(#view-${system}:checked) .variant:not([data-system="${system}"]) { display: none; }`)
    .join('\n');
  return { html: toHtml(fieldset), css };
}
