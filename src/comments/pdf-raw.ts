import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { ParseSpeeds, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, decodePDFRawStream, type PDFObject } from 'pdf-lib';

/**
 * What pdfjs does not give us about an annotation, read from its dictionary with pdf-lib's
 * low-level objects: the rich-text note (`/RC`, which pdfjs exposes only when it is a plain
 * string and loses as a UTF-16 string or a stream) and the annotation's own name (`/NM`),
 * which pdfjs does not expose at all.
 */
export interface RawAnnotationEntries {
  /** The annotation's unique name on its page, as the reviewer's program wrote it. */
  name?: string;
  /** The rich-text note as plain text, paragraphs kept (one blank line between them). */
  richText?: string;
}

/**
 * The annotations of a PDF by object reference, in pdfjs's spelling of an id (`12R`, or
 * `12R3` for generation 3), so each pdfjs annotation finds its own dictionary — by identity,
 * never by position in a list.
 */
export async function readAnnotationEntries(bytes: Uint8Array): Promise<{ entries: Map<string, RawAnnotationEntries>; unreadable?: string }> {
  const result = new Map<string, RawAnnotationEntries>();
  let doc: PDFDocument;
  try {
    // Parsed without pauses: pdf-lib's default yields to the event loop every 100 objects, which
    // only slows a command that waits for the result (4.4 MB, 123 pages: ~1.6 s → ~0.6 s here).
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    // pdfjs read the file (it recovers more than pdf-lib does): keep what it gave, and say what is missing.
    return { entries: result, unreadable: `its annotation dictionaries could not be read (${(error as Error).message})` };
  }
  // An encrypted file's strings are ciphertext to pdf-lib; pdfjs decrypts its own reading.
  if (doc.isEncrypted) return { entries: result, unreadable: 'it is encrypted' };
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let index = 0; index < annots.size(); index++) {
      const ref = annots.get(index);
      // An annotation written inline (not as an indirect object) has no reference pdfjs could name.
      if (!(ref instanceof PDFRef)) continue;
      const dict = doc.context.lookup(ref);
      if (!(dict instanceof PDFDict)) continue;
      const entries: RawAnnotationEntries = {};
      const name = textOf(dict.lookup(PDFName.of('NM')));
      if (name?.trim()) entries.name = name.trim();
      const rich = richTextOf(dict.lookup(PDFName.of('RC')));
      if (rich) entries.richText = rich;
      if (entries.name || entries.richText) result.set(pdfjsId(ref), entries);
    }
  }
  return { entries: result };
}

function pdfjsId(ref: PDFRef): string {
  return ref.generationNumber === 0 ? `${ref.objectNumber}R` : `${ref.objectNumber}R${ref.generationNumber}`;
}

/** A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its mark, or PDFDocEncoding (pdf-lib decodes all three). */
function textOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

/** `/RC`: a text string or a stream holding XHTML (PDF 32000-1 §12.7.3.4), turned into plain text. */
function richTextOf(object: PDFObject | undefined): string | undefined {
  let markup = textOf(object);
  if (markup === undefined && object instanceof PDFRawStream) {
    try {
      markup = streamText(decodePDFRawStream(object).decode());
    } catch {
      // A filter pdf-lib cannot decode: no rich text rather than garbage.
      return undefined;
    }
  }
  if (!markup?.trim()) return undefined;
  // XHTML read as HTML: the XML declaration becomes a comment, <body> an ignored tag, and
  // toText follows innerText, so each <p> is a paragraph and <br> a line break.
  const text = toText(fromHtml(markup, { fragment: true })).trim();
  return text || undefined;
}

/** A stream's bytes as text: the byte-order mark says UTF-16 (either order) or UTF-8; XML's default is UTF-8. */
function streamText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}
