import { PDFDocument } from 'pdf-lib';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from '../render/editions.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
}

/** Title, author = rapporteurs, subject = dialogue, keywords = recommendation topics. */
export function metadataOf(report: Report, edition: string): PdfMetadata {
  const meta = report.meta;
  const topics = report.recommendations.map((r) => r.topic).filter((t): t is string => Boolean(t));
  return {
    title: edition === FULL ? meta.title : `${meta.title} (${editionLabel(edition)})`,
    author: meta.rapporteurs.map((r) => r.name).join(', '),
    subject: meta.dialogue ?? '',
    keywords: [...new Set([...(meta.keywords ?? []), ...topics])],
  };
}

/** A PDF text string in UTF-16BE with its byte-order mark, written in hex: safe for any text. */
function textString(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `(D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z)`;
}

/**
 * Writes the document information into Chromium's PDF as an incremental update: a new Info
 * dictionary, a one-entry cross-reference section and a trailer appended to the file. Nothing
 * Chromium wrote is touched (outline, structure tree, fonts), and the cost does not grow with
 * the page count. Falls back to pdf-lib for a file whose trailer is not the classic kind.
 */
export async function applyMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const tailStart = Math.max(0, pdf.length - 4096);
  const tail = Buffer.from(pdf.subarray(tailStart)).toString('latin1');
  const trailerAt = tail.lastIndexOf('trailer');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = trailerAt === -1 ? '' : tail.slice(trailerAt, startxref?.index ?? tail.length);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer);
  if (!startxref || !size || !root) return applyWithPdfLib(pdf, metadata);

  const now = new Date();
  const entries: Array<[string, string]> = [
    ['Title', textString(metadata.title)],
    ['Author', metadata.author ? textString(metadata.author) : ''],
    ['Subject', metadata.subject ? textString(metadata.subject) : ''],
    ['Keywords', metadata.keywords.length ? textString(metadata.keywords.join(', ')) : ''],
    ['Creator', textString('Rapporteur')],
    ['Producer', textString('Rapporteur (Chromium, Paged.js)')],
    ['CreationDate', pdfDate(now)],
    ['ModDate', pdfDate(now)],
  ];
  const info = Number(size[1]);
  const object = `\n${info} 0 obj\n<< ${entries.filter(([, v]) => v).map(([k, v]) => `/${k} ${v}`).join(' ')} >>\nendobj\n`;
  const objectOffset = pdf.length + 1;
  const xrefOffset = pdf.length + Buffer.byteLength(object, 'latin1');
  const update =
    object +
    `xref\n0 1\n0000000000 65535 f\r\n${info} 1\n${String(objectOffset).padStart(10, '0')} 00000 n\r\n` +
    `trailer\n<< /Size ${info + 1} /Root ${root[1]} /Info ${info} 0 R /Prev ${startxref[1]}${id ? ` /ID ${id[1]}` : ''} >>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

async function applyWithPdfLib(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author) doc.setAuthor(metadata.author);
  if (metadata.subject) doc.setSubject(metadata.subject);
  if (metadata.keywords.length) doc.setKeywords(metadata.keywords);
  doc.setCreator('Rapporteur');
  doc.setProducer('Rapporteur (Chromium, Paged.js)');
  return doc.save({ useObjectStreams: false });
}
