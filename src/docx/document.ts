import {
  Document, Footer, Header, Packer, PageNumber, Paragraph, SectionType, TabStopType, TextRun,
  type ISectionOptions, type ICommentOptions, type FileChild,
} from 'docx';
import type { Root } from 'mdast';
import type { VFileMessage } from 'vfile-message';
import type { RegisterEntry } from '../comments/register.js';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from '../render/editions.js';
import { statusLabel } from '../render/html.js';
import { embedImages } from '../render/resources.js';
import { prepareTree } from '../render/transform.js';
import { ui } from '../i18n/ui.js';
import { formatProblem, UserError } from '../util/problems.js';
import { contentsField, DocxConverter, type Revision } from './convert.js';
import { ID_MAP_PROPS_CONTENT_TYPE, ID_MAP_RELATIONSHIP, idMapFiles, idMapXml, type IdMapHeader } from './package.js';
import { chooseStyles, NUMBERING, STYLE } from './styles.js';

/** A4 with 2.5 cm margins, as the PDF. */
export const PAGE = { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1418, right: 1418, header: 708, footer: 708 } };
const TEXT_WIDTH = 11906 - 2 * 1418;

export interface DocxEditionOptions {
  edition?: string;
  template?: string;
  /** Short commit of the sources, recorded in the id map. */
  commit?: string;
  /**
   * The open comments (and their replies) to put in as Word comments. Only `--with-comments`
   * passes them; without it no comment text can reach the file (comments are dropped from the
   * tree by the render pipeline's first step).
   */
  comments?: RegisterEntry[];
}

/** The East Asian font Word uses for CJK runs, by the report's language (Japanese by default, as most CJK material in these reports is). */
export function eastAsiaFontFor(lang: string): string {
  if (/^zh-(tw|hk|hant)/i.test(lang)) return 'PMingLiU';
  if (/^zh/i.test(lang)) return 'SimSun';
  if (/^ko/i.test(lang)) return 'Batang';
  return 'MS Mincho';
}

/** Images that cannot be embedded stop a DOCX build (a Word file that silently lacks a figure is worse than none). */
export function embedOrRefuse(tree: Root, report: Report): void {
  const problems: VFileMessage[] = embedImages(tree, report);
  if (problems.length) {
    for (const problem of problems) problem.fatal = true;
    throw new UserError(`${formatProblem(problems[0])} (DOCX)`, { problems: problems.slice(1) });
  }
}

export function rapporteurNames(report: Report): string {
  return report.meta.rapporteurs.map((r) => r.name).join('; ');
}

export function topics(report: Report): string {
  return [...new Set(report.recommendations.map((r) => r.topic).filter(Boolean) as string[])].join(', ');
}

/** The title page: what the HTML title block shows, as Word paragraphs. */
function titlePage(report: Report, edition: string, kind?: string): Paragraph[] {
  const meta = report.meta;
  const children: Paragraph[] = [];
  children.push(new Paragraph({ style: STYLE.dialogue, children: [new TextRun(meta.dialogue ?? '')] }));
  if (kind) children.push(new Paragraph({ style: STYLE.dialogue, spacing: { before: 0 }, children: [new TextRun(kind)] }));
  children.push(new Paragraph({ style: STYLE.title, children: [new TextRun(meta.title)] }));
  if (typeof meta.subtitle === 'string') children.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(meta.subtitle)] }));
  const lang = meta.lang;
  // Every word the writer adds comes from the UI strings table in the report's language, as in the HTML title block.
  const facts = [ui(lang, 'version', { version: meta.version }), statusLabel(meta.status, lang), meta.date, edition === FULL ? undefined : editionLabel(edition, lang)].filter(Boolean) as string[];
  children.push(new Paragraph({ style: STYLE.facts, children: [new TextRun(facts.join(' · '))] }));
  if (meta.rapporteurs.length) {
    children.push(new Paragraph({ style: STYLE.rapporteurs, children: [new TextRun({ text: ui(lang, meta.rapporteurs.length > 1 ? 'rapporteurs' : 'rapporteur'), bold: true })] }));
    for (const r of meta.rapporteurs) {
      children.push(new Paragraph({ style: STYLE.rapporteurs, children: [new TextRun({ text: r.name, bold: true }), new TextRun(r.affiliation ? `, ${r.affiliation}` : '')] }));
    }
  }
  if (meta.confidentiality === 'working-group') children.push(new Paragraph({ style: STYLE.confidentiality, children: [new TextRun(ui(lang, 'workingGroupOnly'))] }));
  return children;
}

/**
 * Header: short title, and "DRAFT · Version x" for drafts (the PDF's mark: "REVIEW DRAFT" for a
 * review, in the report's language: "草案 · 第 0.3.0 版"); footer: the working-group notice and the page number.
 */
export function pageFurniture(report: Report, extra?: string): Pick<ISectionOptions, 'headers' | 'footers'> {
  const meta = report.meta;
  const lang = meta.lang;
  const shortTitle = typeof meta.shorttitle === 'string' && meta.shorttitle ? meta.shorttitle : meta.title;
  const mark = meta.status === 'final' ? undefined : ui(lang, meta.status === 'review' ? 'reviewMark' : 'draftMark');
  const right = [extra, mark, ui(lang, 'version', { version: meta.version })].filter(Boolean).join(' · ');
  const tabs = [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }];
  const notice = meta.confidentiality === 'working-group' ? ui(lang, 'workingGroupOnly') : meta.dialogue ?? '';
  return {
    headers: { default: new Header({ children: [new Paragraph({ style: STYLE.header, tabStops: tabs, children: [new TextRun({ text: shortTitle, size: 16 }), new TextRun({ text: `\t${right}`, size: 16, bold: meta.status !== 'final' })] })] }) },
    footers: {
      default: new Footer({
        children: [new Paragraph({ style: STYLE.footer, tabStops: tabs, children: [new TextRun({ text: notice, size: 16 }), new TextRun({ children: ['\t', PageNumber.CURRENT], size: 16 })] })],
      }),
    },
  };
}

/** Word comments for the register's open comments and their replies; ids per anchor for the converter. */
export function wordComments(entries: RegisterEntry[]): { options: ICommentOptions[]; byAnchor: Map<string, number[]> } {
  const ids = new Map<string, number>();
  const included = entries.filter((e) => e.status === 'open' || (e.re !== undefined && entries.some((p) => p.id === e.re && p.status === 'open')));
  included.forEach((entry, index) => ids.set(entry.id, index));
  const byAnchor = new Map<string, number[]>();
  const options: ICommentOptions[] = included.map((entry) => {
    const id = ids.get(entry.id) as number;
    const parent = entry.re !== undefined ? ids.get(entry.re) : undefined;
    // A reply sits on the text its thread sits on.
    const anchor = parent !== undefined ? (included.find((e) => e.id === entry.re)?.anchor ?? entry.anchor) : entry.anchor;
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), id]);
    const date = entry.date ? new Date(entry.date) : undefined;
    const author = entry.author ?? 'Working group';
    return {
      id,
      author,
      initials: author.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 4).toUpperCase(),
      date: date && !Number.isNaN(date.getTime()) ? date : undefined,
      parentId: parent,
      resolved: entry.status === 'resolved',
      children: entry.text.split(/\n{2,}/).map((text) => new Paragraph({ children: [new TextRun(text)] })),
    };
  });
  return { options, byAnchor };
}

export interface AssembleOptions {
  report: Report;
  template?: string;
  front: FileChild[];
  frontHeader?: boolean;
  body: FileChild[];
  converter: DocxConverter;
  comments?: ICommentOptions[];
  trackRevisions?: boolean;
  idMap: IdMapHeader;
  headerLabel?: string;
  title: string;
}

/** The Word package: properties, styles, two sections (front matter, body), footnotes, comments, id map. */
export async function assemble(options: AssembleOptions): Promise<Uint8Array> {
  const { report, converter } = options;
  const lang = report.meta.lang;
  const styles = chooseStyles(report.root, options.template ?? 'default', eastAsiaFontFor(lang));
  const furniture = pageFurniture(report, options.headerLabel);
  const doc = new Document({
    title: options.title,
    creator: rapporteurNames(report),
    lastModifiedBy: 'Rapporteur',
    subject: report.meta.dialogue ?? '',
    keywords: topics(report),
    description: typeof report.meta.description === 'string' ? report.meta.description : `${report.meta.dialogue ?? 'Report'}: ${report.meta.title}`,
    ...(styles.externalStyles ? { externalStyles: styles.externalStyles } : {}),
    styles: styles.styles,
    numbering: NUMBERING,
    footnotes: converter.footnotes,
    comments: options.comments?.length ? { children: options.comments } : undefined,
    features: { updateFields: true, trackRevisions: options.trackRevisions },
    sections: [
      { properties: { page: PAGE }, ...(options.frontHeader ? furniture : {}), children: options.front },
      { properties: { page: PAGE, type: SectionType.NEXT_PAGE }, ...furniture, children: options.body.length ? options.body : [new Paragraph('')] },
    ],
  });
  doc.Document.Relationships.addRelationship(ID_MAP_RELATIONSHIP.id, ID_MAP_RELATIONSHIP.type, ID_MAP_RELATIONSHIP.target);
  doc.ContentTypes.addOverride(ID_MAP_PROPS_CONTENT_TYPE.contentType, ID_MAP_PROPS_CONTENT_TYPE.partName);
  return new Uint8Array(await Packer.toBuffer(doc, false, idMapFiles(idMapXml(options.idMap, converter.anchors))));
}

/** One edition of a report as a Word document. */
export async function editionDocx(report: Report, options: DocxEditionOptions = {}): Promise<Uint8Array> {
  const edition = options.edition ?? FULL;
  const tree = prepareTree(report, edition);
  embedOrRefuse(tree, report);
  const comments = options.comments ? wordComments(options.comments) : undefined;
  const converter = new DocxConverter({ report, comments: comments?.byAnchor });
  const body = converter.convert(tree);
  const front: FileChild[] = titlePage(report, edition);
  // A report without `::toc` still gets a contents field, after its title page.
  if (!DocxConverter.hasContents(tree)) {
    front.push(new Paragraph({ style: STYLE.contentsHeading, pageBreakBefore: true, children: [new TextRun(ui(report.meta.lang, 'contents'))] }), contentsField(report));
  }
  return assemble({
    report,
    template: options.template,
    front,
    body,
    converter,
    comments: comments?.options,
    trackRevisions: report.meta.status !== 'final',
    idMap: { report: report.slug, title: report.meta.title, version: report.meta.version, edition, commit: options.commit, kind: 'edition' },
    title: [report.meta.title, edition === FULL ? '' : editionLabel(edition)].filter(Boolean).join(' — '),
  });
}

export type { Revision };
