import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import { toHast, type Options } from 'mdast-util-to-hast';
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
import { systemName, ui } from '../i18n/ui.js';
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
  /** Rewrites the rendered, sanitized body before it is written (the bilingual edition pairs blocks here). */
  transformBody?: (body: HastRoot) => void;
  /**
   * The @font-face rules (default: the faces as data URLs, one self-contained file). A site of
   * many pages passes rules that point at one shared copy of the font files instead.
   */
  fontCss?: string;
}

export interface RenderResult {
  html: string;
  problems: VFileMessage[];
}

/** mdast → hast with the dialect's footnote labels, then the publish sanitizer. */
export function markdownToHast(tree: Root, lang = 'en'): HastRoot {
  const options: Options & { uiLang: string } = {
    allowDangerousHtml: false,
    handlers: { ...dialectHandlers, ...renderHandlers },
    footnoteLabel: ui(lang, 'notes'),
    footnoteLabelTagName: 'h2',
    footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
      ui(lang, 'backToReference', { number: `${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}` }),
    // The dialect's hast handlers read it (src/i18n/ui.ts stateLang) for their labels.
    uiLang: lang,
  };
  const hast = toHast(tree, options) as HastRoot;
  return sanitizeTree(hast);
}

/** The report body of one edition as a sanitized hast tree, plus problems with its resources. */
export function renderBody(report: Report, edition: string = FULL): { hast: HastRoot; problems: VFileMessage[] } {
  const tree = prepareTree(report, edition);
  const problems = embedImages(tree, report);
  return { hast: markdownToHast(tree, report.meta.lang), problems };
}

export function renderHtml(report: Report, options: RenderOptions = {}): RenderResult {
  const edition = options.edition ?? FULL;
  const template = options.template ?? loadTemplate('default', report.root);
  const { hast, problems } = renderBody(report, edition);
  options.transformBody?.(hast);
  // How to cite the report and the credits of the citation processor and style (never on a redline).
  const colophon = options.kind ? [] : sanitizeTree({ type: 'root', children: citationColophon(report) }).children;
  const body: HastRoot = { type: 'root', children: [...(options.preface?.children ?? []), ...hast.children, ...colophon] };
  addPermalinks(body, report.meta.lang);
  const switcher = options.kind ? { html: '', css: '' } : viewSwitcher(report, edition);
  const meta = report.meta;
  const rapporteurs = meta.rapporteurs.map((r) => (r.affiliation ? `${r.name} (${r.affiliation})` : r.name));
  const values: Record<string, string> = {
    lang: meta.lang,
    title: meta.title,
    documentTitle: [options.kind, meta.title, edition === FULL ? '' : editionLabel(edition, meta.lang)].filter(Boolean).join(' — '),
    description: typeof meta.description === 'string' ? meta.description : `${meta.dialogue ?? 'Report'}: ${meta.title}`,
    author: rapporteurs.join(', '),
    keywords: [...new Set(report.recommendations.map((r) => r.topic).filter(Boolean) as string[])].join(', '),
    dialogue: meta.dialogue ?? '',
    version: meta.version,
    status: meta.status,
    confidentiality: meta.confidentiality,
    edition,
    editionLabel: editionLabel(edition, meta.lang),
    css: `${options.fontCss ?? embeddedFontCss()}\n${template.screenCss}\n${template.printCss}\n${switcher.css}\n${options.extraCss ?? ''}`,
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
    ui(meta.lang, 'version', { version: meta.version }),
    statusLabel(meta.status, meta.lang),
    meta.date,
    edition === FULL ? undefined : editionLabel(edition, meta.lang),
  ].filter(Boolean) as string[];
  children.push(h('p.report-facts', facts.join(' · ')));
  if (meta.rapporteurs.length) {
    children.push(
      h('div.rapporteurs', [
        h('p.rapporteurs-label', ui(meta.lang, meta.rapporteurs.length > 1 ? 'rapporteurs' : 'rapporteur')),
        h('ul', meta.rapporteurs.map((r) => h('li', [h('span.name', r.name), r.affiliation ? h('span.affiliation', `, ${r.affiliation}`) : '']))),
      ]),
    );
  }
  if (meta.confidentiality === 'working-group') children.push(h('p.confidentiality', ui(meta.lang, 'workingGroupOnly')));
  return h('header.title-block', { role: 'banner' }, children);
}

export function statusLabel(status: string, lang = 'en'): string {
  return ui(lang, status === 'final' ? 'final' : status === 'review' ? 'review' : 'draft');
}

function stampElement(report: Report, stamp?: Stamp): Element {
  const parts = [ui(report.meta.lang, 'version', { version: report.meta.version }), statusLabel(report.meta.status, report.meta.lang)];
  if (report.meta.date) parts.push(report.meta.date);
  if (stamp?.commit) parts.push(`commit ${stamp.commit}${stamp.dirty ? ' + uncommitted changes' : ''}`);
  else if (stamp?.dirty === false && !stamp.commit) parts.push('not committed to git');
  return h('p.build-stamp', { dataDirty: stamp?.dirty ? 'true' : undefined }, parts.join(' · '));
}
