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

/**
 * Writes the document information into Chromium's PDF. pdf-lib keeps every other object as it
 * is, so the outline and the structure tree (tags) survive.
 */
export async function applyMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author) doc.setAuthor(metadata.author);
  if (metadata.subject) doc.setSubject(metadata.subject);
  if (metadata.keywords.length) doc.setKeywords(metadata.keywords);
  doc.setCreator('Rapporteur');
  doc.setProducer('Rapporteur (Chromium, Paged.js, pdf-lib)');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return { bytes: await doc.save({ useObjectStreams: false }), pages: doc.getPageCount() };
}
