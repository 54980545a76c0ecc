import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { VFileMessage } from 'vfile-message';
import type { Stamp } from '../git/index.js';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from './editions.js';
import { embedImages } from './resources.js';
import { sanitizeTree } from './sanitize.js';
import { fillTemplate, loadTemplate, type Template } from './template.js';
import { embeddedFontCss } from './fonts.js';
import { addPermalinks, viewSwitcher } from './publish.js';
import { prepareTree } from './transform.js';
import { dialectHandlers } from '../dialect/index.js';
import { renderHandlers } from './nodes.js';
import { citationColophon } from '../cite/self.js';

export interface RenderOptions {
  edition?: string;
  stamp?: Stamp;
  template?: Template;
  /** Extra CSS appended after the template's (e.g. the redline's marks). */
  extraCss?: string;
  /** Label in the title and stamp, e.g. "Redline v0.2.0 → v0.3.0". */
  kind?: string;
  /** HTML placed before the report body (already sanitized by its producer). */
  preface?: HastRoot;
}

export interface RenderResult {
  html: string;
  problems: VFileMessage[];
}

/** mdast → hast with the dialect's footnote labels, then the publish sanitizer. */
export function markdownToHast(tree: Root): HastRoot {
  const hast = toHast(tree, {
    allowDangerousHtml: false,
    handlers: { ...dialectHandlers, ...renderHandlers },
    footnoteLabel: 'Notes',
    footnoteLabelTagName: 'h2',
    footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
      `Back to reference ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}`,
  }) as HastRoot;
  return sanitizeTree(hast);
}

/** The report body of one edition as a sanitized hast tree, plus problems with its resources. */
export function renderBody(report: Report, edition: string = FULL): { hast: HastRoot; problems: VFileMessage[] } {
  const tree = prepareTree(report, edition);
  const problems = embedImages(tree, report);
  return { hast: markdownToHast(tree), problems };
}

export function renderHtml(report: Report, options: RenderOptions = {}): RenderResult {
  const edition = options.edition ?? FULL;
  const template = options.template ?? loadTemplate('default', report.root);
  const { hast, problems } = renderBody(report, edition);
  // How to cite the report and the credits of the citation processor and style (never on a redline).
  const colophon = options.kind ? [] : sanitizeTree({ type: 'root', children: citationColophon(report) }).children;
  const body: HastRoot = { type: 'root', children: [...(options.preface?.children ?? []), ...hast.children, ...colophon] };
  addPermalinks(body);
  const switcher = options.kind ? { html: '', css: '' } : viewSwitcher(report, edition);
  const meta = report.meta;
  const rapporteurs = meta.rapporteurs.map((r) => (r.affiliation ? `${r.name} (${r.affiliation})` : r.name));
  const values: Record<string, string> = {
    lang: meta.lang,
    title: meta.title,
    documentTitle: [options.kind, meta.title, edition === FULL ? '' : editionLabel(edition)].filter(Boolean).join(' — '),
    description: typeof meta.description === 'string' ? meta.description : `${meta.dialogue ?? 'Report'}: ${meta.title}`,
    author: rapporteurs.join(', '),
    keywords: [...new Set(report.recommendations.map((r) => r.topic).filter(Boolean) as string[])].join(', '),
    dialogue: meta.dialogue ?? '',
    version: meta.version,
    status: meta.status,
    confidentiality: meta.confidentiality,
    edition,
    editionLabel: editionLabel(edition),
    css: `${embeddedFontCss()}\n${template.screenCss}\n${template.printCss}\n${switcher.css}\n${options.extraCss ?? ''}`,
    viewSwitcher: switcher.html,
    date: meta.date ?? '',
    titleBlock: toHtml(titleBlock(report, edition, options.kind)),
    body: toHtml(body),
    stamp: toHtml(stampElement(report, options.stamp)),
  };
  return { html: fillTemplate(template.html, values), problems };
}

function titleBlock(report: Report, edition: string, kind?: string): Element {
  const meta = report.meta;
  const children: ElementContent[] = [];
  if (meta.dialogue) children.push(h('p.dialogue', meta.dialogue));
  if (kind) children.push(h('p.document-kind', kind));
  children.push(h('h1.report-title', meta.title));
  if (typeof meta.subtitle === 'string') children.push(h('p.subtitle', meta.subtitle));
  const facts = [
    `Version ${meta.version}`,
    statusLabel(meta.status),
    meta.date,
    edition === FULL ? undefined : editionLabel(edition),
  ].filter(Boolean) as string[];
  children.push(h('p.report-facts', facts.join(' · ')));
  if (meta.rapporteurs.length) {
    children.push(
      h('div.rapporteurs', [
        h('p.rapporteurs-label', meta.rapporteurs.length > 1 ? 'Rapporteurs' : 'Rapporteur'),
        h('ul', meta.rapporteurs.map((r) => h('li', [h('span.name', r.name), r.affiliation ? h('span.affiliation', `, ${r.affiliation}`) : '']))),
      ]),
    );
  }
  if (meta.confidentiality === 'working-group') children.push(h('p.confidentiality', 'Working group only — not for distribution'));
  return h('header.title-block', { role: 'banner' }, children);
}

export function statusLabel(status: string): string {
  return status === 'final' ? 'Final' : status === 'review' ? 'Review draft' : 'Draft';
}

function stampElement(report: Report, stamp?: Stamp): Element {
  const parts = [`Version ${report.meta.version}`, statusLabel(report.meta.status)];
  if (report.meta.date) parts.push(report.meta.date);
  if (stamp?.commit) parts.push(`commit ${stamp.commit}${stamp.dirty ? ' + uncommitted changes' : ''}`);
  else if (stamp?.dirty === false && !stamp.commit) parts.push('not committed to git');
  return h('p.build-stamp', { dataDirty: stamp?.dirty ? 'true' : undefined }, parts.join(' · '));
}
