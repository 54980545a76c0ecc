import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import type { Root } from 'mdast';
import type { Comparison } from '../diff/index.js';
import { changesOnly as changesOnlyTree, describeVersion, redlineTitle, statsLine, summaryHeadings, summaryNotes, summaryRows, whatChanged } from '../diff/redline.js';
import { ui } from '../i18n/ui.js';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from '../render/editions.js';
import { DocxConverter, type Revision } from './convert.js';
import { assemble, embedOrRefuse } from './document.js';
import { STYLE, TABLE_BORDERS } from './styles.js';

/**
 * The redline as a Word document whose Review pane lists every change: the per-recommendation
 * summary first (plain text: it is about the changes, not one of them), then the report with the
 * diff's marks as real tracked changes by the `to` revision's author and date: w:ins/w:del for
 * words and blocks, w:moveFrom/w:moveTo for moved recommendations and paragraphs.
 */

export interface RedlineDocxOptions {
  edition?: string;
  changesOnly?: boolean;
  template?: string;
  revision: Revision;
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ style: STYLE.tableText, children: [new TextRun({ text, bold })] })] });
}

function summary(comparison: Comparison, after: Report, edition: string): FileChild[] {
  const { versions } = comparison;
  // The same words as the HTML redline's header (src/diff/redline.ts), in the report's language.
  const lang = after.meta.lang;
  const out: FileChild[] = [
    new Paragraph({ style: STYLE.dialogue, children: [new TextRun(after.meta.dialogue ?? '')] }),
    new Paragraph({ style: STYLE.title, children: [new TextRun(after.meta.title)] }),
    new Paragraph({ style: STYLE.subtitle, children: [new TextRun(redlineTitle(comparison, lang))] }),
    new Paragraph({
      style: STYLE.facts,
      children: [
        new TextRun(ui(lang, 'redlineFrom', { version: describeVersion(versions.from, lang) })),
        new TextRun({ break: 1, text: `${ui(lang, 'redlineTo', { version: describeVersion(versions.to, lang) })}${edition === FULL ? '' : ` — ${editionLabel(edition, lang)}`}` }),
      ],
    }),
    new Paragraph({ children: [new TextRun(ui(lang, 'sentence', { text: statsLine(comparison, lang) })), new TextRun(ui(lang, 'redlineTracked'))] }),
  ];
  if (!comparison.hasChanges) out.push(new Paragraph({ children: [new TextRun({ text: ui(lang, 'redlineNoChanges'), bold: true })] }));
  const rows = summaryRows(comparison);
  if (rows.length) {
    out.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        // Twips of the 16 cm text width: number, title, what changed, and the two counts.
        columnWidths: [850, 3300, 3700, 800, 800],
        borders: TABLE_BORDERS,
        rows: [
          new TableRow({ tableHeader: true, children: summaryHeadings(lang).map((t) => cell(t, true)) }),
          ...rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: [
                  cell(r.status === 'removed' ? `(${r.from ?? ''})` : r.to ?? ''),
                  cell(r.title || r.id),
                  cell(whatChanged(r, lang)),
                  cell(r.inserted ? `+${r.inserted}` : ''),
                  cell(r.deleted ? `−${r.deleted}` : ''),
                ],
              }),
          ),
        ],
      }),
    );
  }
  for (const note of summaryNotes(comparison, lang)) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(note)] }));
  return out;
}

export async function redlineDocx(comparison: Comparison, tree: Root, after: Report, options: RedlineDocxOptions): Promise<Uint8Array> {
  const edition = options.edition ?? FULL;
  const body = options.changesOnly ? changesOnlyTree(tree, after.meta.lang) : structuredClone(tree);
  embedOrRefuse(body, after);
  const converter = new DocxConverter({ report: after, revision: options.revision });
  const children = converter.convert(body);
  return assemble({
    report: after,
    template: options.template,
    front: summary(comparison, after, edition),
    frontHeader: true,
    body: children,
    converter,
    trackRevisions: true,
    headerLabel: ui(after.meta.lang, 'redlineMark'),
    idMap: { report: after.slug, title: after.meta.title, version: after.meta.version, edition, commit: comparison.versions.to.commit, kind: 'redline' },
    title: `${redlineTitle(comparison, after.meta.lang)} — ${after.meta.title}`,
  });
}
