import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import path from 'node:path';

/**
 * Prints a report's full edition to PDF the way a reviewer receives it: through the project's
 * PDF renderer.
 */
/** A small two-recommendation report that reviewers' PDFs of other software are made from. */
export const reviewBody = `# Obtaining evidence

Evidence of misappropriation is volatile and courts need a way to secure it early.

::::recommendation{#evidence-preservation title="Preserve evidence before it disappears"}
Courts should be able to order, at short notice, that evidence of misappropriation be preserved.

:::variant{system=civil-law}
The court should be able to authorise a judicial officer to describe or seize samples.
:::

:::variant{system=common-law}
The court should be able to grant a search order supervised by an independent lawyer.
:::
::::

## Protecting secrets in the proceedings

::::recommendation{#confidentiality-orders title="Make confidentiality orders available" uniform}
Courts should be able to restrict access to documents containing alleged trade secrets to a limited circle of persons.
::::
`;

export async function printPdf(root: string, slug: string, file: string): Promise<void> {
  const { loadReport } = await import('../src/model/load.js');
  const { renderHtml } = await import('../src/render/html.js');
  const { report } = await loadReport({ slug, root, file: path.join(root, 'reports', slug, 'report.md') });
  if (!report) throw new Error(`cannot load ${slug}`);
  const { html } = renderHtml(report, { edition: 'full' });
  // The project's own PDF renderer (and its one browser lookup): a missing browser fails the test.
  const { renderPdfs } = await import('../src/pdf/index.js');
  await renderPdfs([{ report, edition: 'full', html, file }], { log: () => {} });
}

type Box = [number, number, number, number];

export interface Located {
  page: number;
  /** Left, bottom, right, top of the whole passage on its page (PDF user space). */
  box: Box;
  /** One box per printed line the passage covers, as a highlight's QuadPoints have it. */
  quads: Box[];
}

/** Where a passage is printed (it may wrap over lines), found with pdfjs; `occurrence` counts from 1. */
export async function locate(bytes: Uint8Array, passage: string, occurrence = 1): Promise<Located> {
  let seen = 0;
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const items = (content.items as Array<{ str: string; transform: number[]; width: number; height: number; hasEOL?: boolean }>).filter((i) => typeof i.str === 'string');
      // The page's text with a map from each character back to its run.
      let text = '';
      const owner: Array<{ item: number; at: number }> = [];
      items.forEach((item, index) => {
        for (let at = 0; at < item.str.length; at++) {
          text += item.str[at];
          owner.push({ item: index, at });
        }
        if (item.hasEOL && !text.endsWith(' ')) {
          text += ' ';
          owner.push({ item: -1, at: 0 });
        }
      });
      let start = -1;
      for (let from = 0; ; from = start + 1) {
        start = text.indexOf(passage, from);
        if (start < 0 || ++seen === occurrence) break;
      }
      if (start < 0) continue;
      const spans = new Map<number, [number, number]>();
      for (let i = start; i < start + passage.length; i++) {
        const { item, at } = owner[i];
        if (item < 0) continue;
        const span = spans.get(item) ?? [at, at + 1];
        spans.set(item, [Math.min(span[0], at), Math.max(span[1], at + 1)]);
      }
      const quads: Box[] = [...spans].map(([index, [from, to]]) => {
        const item = items[index];
        const x = item.transform[4];
        const y = item.transform[5];
        const perChar = item.width / item.str.length;
        const height = item.height || item.transform[3];
        return [x + from * perChar, y - height * 0.2, x + to * perChar, y + height * 0.8];
      });
      const box: Box = [Math.min(...quads.map((q) => q[0])), Math.min(...quads.map((q) => q[1])), Math.max(...quads.map((q) => q[2])), Math.max(...quads.map((q) => q[3]))];
      return { page: number, box, quads };
    }
  } finally {
    await doc.destroy();
  }
  throw new Error(`passage not found in the PDF: ${passage}`);
}

export interface NewAnnotation {
  kind: 'Text' | 'Highlight' | 'FreeText' | 'Ink';
  /** The note as rich text only (RC), with no plain Contents, as some readers write it. */
  rich?: string;
  page: number;
  box: Box;
  /** Lines of a highlight; the box when absent. */
  quads?: Box[];
  contents: string;
  author?: string;
  /** PDF date string, e.g. D:20261120093000Z */
  date?: string;
  /** Index (in this list) of the annotation this one replies to. */
  replyTo?: number;
}

/** Adds annotations as Acrobat writes them (with a popup for notes and highlights), using pdf-lib. */
export async function annotate(bytes: Uint8Array, annotations: NewAnnotation[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const refs: PDFRef[] = [];
  for (const a of annotations) {
    const page = doc.getPage(a.page - 1);
    const [x1, y1, x2, y2] = a.box;
    const fields: Record<string, unknown> = {
      Type: 'Annot',
      Subtype: a.kind,
      Rect: a.kind === 'Text' ? [x2 + 4, y2 - 20, x2 + 24, y2] : [x1, y1, x2, y2],
      F: 4,
      C: [1, 0.85, 0.2],
    };
    if (a.rich) fields.RC = PDFString.of(`<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>${a.rich}</p></body>`);
    else fields.Contents = PDFHexString.fromText(a.contents);
    if (a.kind === 'Ink') fields.InkList = [[x1, y1, x2, y2]];
    if (a.author) fields.T = PDFHexString.fromText(a.author);
    if (a.date) fields.M = PDFString.of(a.date);
    if (a.kind === 'Highlight') fields.QuadPoints = (a.quads ?? [a.box]).flatMap(([l, b, r, t]) => [l, t, r, t, l, b, r, b]);
    if (a.kind === 'Text') fields.Name = 'Comment';
    if (a.kind === 'FreeText') fields.DA = PDFString.of('/Helv 10 Tf 0 g');
    if (a.replyTo !== undefined) fields.IRT = refs[a.replyTo];
    const dict = doc.context.obj(fields as never);
    const ref = doc.context.register(dict);
    if (a.kind !== 'FreeText' && a.kind !== 'Ink') {
      const popup = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Popup', Rect: [x2 + 30, y2 - 100, x2 + 200, y2], Parent: ref, Open: false }));
      dict.set(PDFName.of('Popup'), popup);
      page.node.addAnnot(ref);
      page.node.addAnnot(popup);
    } else page.node.addAnnot(ref);
    refs.push(ref);
  }
  return doc.save();
}
