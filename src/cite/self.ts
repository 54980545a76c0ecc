import { createRequire } from 'node:module';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Report } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { citeproc, citeprocCredit } from './notes.js';
import type { CslItem } from './references.js';
import { DEFAULT_STYLE, resolveStyle, retrieveLocale, type CitationStyle } from './styles.js';

/**
 * How to cite the report itself: its own reference (CSL-JSON, and BibTeX and RIS through
 * citation.js) written beside the outputs, and the sentence every HTML edition carries, formatted
 * in the report's citation style.
 */

const require = createRequire(import.meta.url);

/** Where the report is published (the site's page for it), when known. */
export interface SelfReferenceOptions {
  url?: string;
}

/** The report as a CSL item: a report by its rapporteurs, published by the dialogue. */
export function selfReference(report: Report, options: SelfReferenceOptions = {}): CslItem {
  const meta = report.meta;
  const [year, month, day] = (meta.date ?? '').split('-').map(Number);
  const item: CslItem = {
    id: report.slug,
    type: 'report',
    title: meta.title,
    // A rapporteur's name is kept whole: "Daniel K. Osei" is not split by guessing which part is the family name.
    author: meta.rapporteurs.map((r) => ({ literal: r.name })),
    publisher: meta.dialogue ?? undefined,
    genre: meta.status === 'final' ? 'Report' : meta.status === 'review' ? 'Review draft' : 'Working draft',
    version: meta.version,
    URL: options.url,
    // BibTeX and RIS keep the report's slug as the key (citation.js would invent "Helene2026Access").
    'citation-key': report.slug,
  };
  if (meta.subtitle) item['collection-title'] = meta.subtitle;
  if (year) item.issued = { 'date-parts': [[year, month, day].filter((part) => Number.isFinite(part) && part > 0)] };
  for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
  return item;
}

function styleFor(report: Report): CitationStyle | undefined {
  if (report.citationStyle) return report.citationStyle;
  const found = resolveStyle(DEFAULT_STYLE, { root: report.root, dir: report.dir });
  return found.ok ? found.style : undefined;
}

/** The report's reference formatted in its style (a first, full note for note styles), as HTML. */
export function howToCiteHtml(report: Report, options: SelfReferenceOptions = {}): string | undefined {
  const style = styleFor(report);
  if (!style) return undefined;
  const item = selfReference(report, options);
  const { Engine } = citeproc();
  const engine = new Engine({ retrieveLocale, retrieveItem: () => item }, style.xml, style.defaultLocale ?? report.meta.lang);
  engine.updateItems([item.id]);
  const bibliography = style.class === 'in-text' ? engine.makeBibliography() : false;
  if (bibliography) return bibliography[1][0];
  const [[, , html]] = engine.rebuildProcessorState([{ citationID: 'self', citationItems: [{ id: item.id }], properties: { noteIndex: 1 } }], 'html');
  return html;
}

/** The same sentence as plain text (a site page, a share card). */
export function howToCiteText(report: Report, options: SelfReferenceOptions = {}): string | undefined {
  const html = howToCiteHtml(report, options);
  return html === undefined ? undefined : toString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

/** The report's own reference as CSL-JSON, BibTeX and RIS: file name and content of each. */
export function selfReferenceFiles(report: Report, options: SelfReferenceOptions = {}): Array<[name: string, content: string]> {
  const item = selfReference(report, options);
  const core = require('@citation-js/core') as {
    Cite: new (data: unknown) => { format(kind: string): string };
    plugins: { config: { get(name: string): { format: { checkLabel: boolean } } } };
  };
  const { Cite } = core;
  require('@citation-js/plugin-bibtex');
  // BibTeX keys may hold hyphens; citation.js's strict label check would replace the slug with an invented key.
  core.plugins.config.get('@bibtex').format.checkLabel = false;
  require('@citation-js/plugin-ris');
  const cite = new Cite([item]);
  const files: Array<[string, string]> = [
    [`${report.slug}.csl.json`, `${JSON.stringify([item], null, 2)}\n`],
    [`${report.slug}.bib`, cite.format('bibtex')],
    [`${report.slug}.ris`, cite.format('ris')],
  ];
  return files;
}

/** The files of the report's own reference, written beside its outputs: `<slug>.csl.json`, `.bib`, `.ris`. */
export async function writeSelfReference(report: Report, dir: string): Promise<string[]> {
  const files = selfReferenceFiles(report);
  const written: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    await writeFileAtomic(file, content, { within: dir });
    written.push(file);
  }
  return written;
}

/**
 * What an HTML edition says at its end: how to cite it (with links to its reference files) and,
 * when it formats citations, the credits of citeproc-js and of the CSL style, kept as the
 * style's CC BY-SA licence asks.
 */
export function citationColophon(report: Report): Element[] {
  const elements: Element[] = [];
  const cite = howToCiteHtml(report);
  if (cite) {
    const formatted = fromHtml(cite, { fragment: true }).children as ElementContent[];
    elements.push(
      h('section.how-to-cite', { ariaLabel: 'How to cite this report' }, [
        h('h2', 'How to cite this report'),
        h('p.how-to-cite-text', formatted),
        h('p.how-to-cite-files', [
          'Reference: ',
          h('a', { href: `${report.slug}.csl.json` }, 'CSL-JSON'),
          ', ',
          h('a', { href: `${report.slug}.bib` }, 'BibTeX'),
          ', ',
          h('a', { href: `${report.slug}.ris` }, 'RIS'),
        ]),
      ]),
    );
  }
  const style = report.citations.length > 0 ? report.citationStyle : undefined;
  if (style) {
    const credit = [
      `Citations formatted by ${citeprocCredit()}, in the CSL style “${style.title}”`,
      style.credits.length ? ` by ${style.credits.join(', ')}` : '',
      ' (Citation Style Language project',
      style.license ? `, ${licenseName(style.license)}` : '',
      ').',
    ].join('');
    elements.push(h('p.colophon', credit));
  }
  return elements;
}

function licenseName(url: string): string {
  return url.includes('by-sa/3.0') ? 'CC BY-SA 3.0' : url;
}
