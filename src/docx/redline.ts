import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import type { Root } from 'mdast';
import type { Comparison, VersionInfo } from '../diff/index.js';
import { changesOnly as changesOnlyTree, redlineTitle, whatChanged } from '../diff/redline.js';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from '../render/editions.js';
import { statusLabel } from '../render/html.js';
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

function describe(v: VersionInfo): string {
  const name = v.revision === 'worktree' ? 'working tree' : v.revision;
  const details = [`version ${v.version}`, statusLabel(v.status).toLowerCase(), v.date ? `dated ${v.date}` : undefined, v.commitDate ? `committed ${v.commitDate}` : undefined].filter(Boolean);
  return `${name} (${details.join(', ')})`;
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ style: STYLE.tableText, children: [new TextRun({ text, bold })] })] });
}

function summary(comparison: Comparison, after: Report, edition: string): FileChild[] {
  const { versions } = comparison;
  const out: FileChild[] = [
    new Paragraph({ style: STYLE.dialogue, children: [new TextRun(after.meta.dialogue ?? '')] }),
    new Paragraph({ style: STYLE.title, children: [new TextRun(after.meta.title)] }),
    new Paragraph({ style: STYLE.subtitle, children: [new TextRun(redlineTitle(comparison))] }),
    new Paragraph({ style: STYLE.facts, children: [new TextRun(`From ${describe(versions.from)}`), new TextRun({ break: 1, text: `to ${describe(versions.to)}${edition === FULL ? '' : ` — ${editionLabel(edition)}`}` })] }),
    new Paragraph({
      children: [
        new TextRun(`${comparison.stats.inserted} words inserted, ${comparison.stats.deleted} deleted, ${comparison.stats.moved} moved. `),
        new TextRun('Every change is a tracked change: Word’s Review pane lists them; Accept All gives the newer text, Reject All the older.'),
      ],
    }),
  ];
  if (!comparison.hasChanges) out.push(new Paragraph({ children: [new TextRun({ text: 'No changes between these versions.', bold: true })] }));
  const rows = comparison.recommendations.filter((r) => r.status !== 'unchanged' || r.moved || r.inserted || r.deleted);
  if (rows.length) {
    out.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        // Twips of the 16 cm text width: number, title, what changed, and the two counts.
        columnWidths: [850, 3300, 3700, 800, 800],
        borders: TABLE_BORDERS,
        rows: [
          new TableRow({ tableHeader: true, children: ['No.', 'Recommendation', 'What changed', 'Words +', 'Words −'].map((t) => cell(t, true)) }),
          ...rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: [
                  cell(r.status === 'removed' ? `(${r.from ?? ''})` : r.to ?? ''),
                  cell(r.title || r.id),
                  cell(whatChanged(r)),
                  cell(r.inserted ? `+${r.inserted}` : ''),
                  cell(r.deleted ? `−${r.deleted}` : ''),
                ],
              }),
          ),
        ],
      }),
    );
  }
  const notes: string[] = comparison.frontMatter.map((c) => `Front matter ${c.field}: ${String(c.from ?? '(none)')} → ${String(c.to ?? '(none)')}`);
  const fn = comparison.footnotes;
  if (fn.added.length + fn.removed.length + fn.modified.length) notes.push(`Footnotes: ${fn.modified.length} edited, ${fn.added.length} added, ${fn.removed.length} removed`);
  for (const note of notes) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(note)] }));
  return out;
}

export async function redlineDocx(comparison: Comparison, tree: Root, after: Report, options: RedlineDocxOptions): Promise<Uint8Array> {
  const edition = options.edition ?? FULL;
  const body = options.changesOnly ? changesOnlyTree(tree) : structuredClone(tree);
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
    headerLabel: 'REDLINE',
    idMap: { report: after.slug, title: after.meta.title, version: after.meta.version, edition, commit: comparison.versions.to.commit, kind: 'redline' },
    title: `${redlineTitle(comparison)} — ${after.meta.title}`,
  });
}
