import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { DOCX_ID_MAP_NAMESPACE, DOCX_ID_MAP_PART } from './ids.js';
import type { AnchorRecord } from './convert.js';

/**
 * What the `docx` package cannot write, added to its zip: the custom XML part with the id map
 * (src/docx/ids.ts), its properties part, and the relationship and content type that make Word
 * and LibreOffice keep it.
 */

export interface IdMapHeader {
  report: string;
  title: string;
  version: string;
  edition: string;
  commit?: string;
  kind?: 'edition' | 'redline';
}

export function escapeXml(value: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest escaped.
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function idMapXml(header: IdMapHeader, anchors: AnchorRecord[]): string {
  const attributes = Object.entries(header)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const body = anchors
    .map((a) => `  <anchor bookmark="${escapeXml(a.bookmark)}" key="${escapeXml(a.key)}">\n    <text>${escapeXml(a.text)}</text>\n  </anchor>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rapporteur xmlns="${DOCX_ID_MAP_NAMESPACE}"${attributes}>\n${body}</rapporteur>\n`;
}

const ITEM_PROPS = 'customXml/itemProps1.xml';
const ITEM_RELS = 'customXml/_rels/item1.xml.rels';
const DATASTORE_ID = '{6E0C1D52-7F0B-4A57-9C0B-52A1B4E2D001}';

/** Adds the id-map part to a packed DOCX. */
export function addIdMap(docx: Uint8Array, xml: string): Uint8Array {
  const files = unzipSync(docx) as Zippable;
  const read = (name: string) => strFromU8(files[name] as Uint8Array);
  files[DOCX_ID_MAP_PART] = strToU8(xml);
  files[ITEM_PROPS] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${DATASTORE_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${DOCX_ID_MAP_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  files[ITEM_RELS] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
  );
  // The parts docx writes end with these closing tags; the new entries go just before them.
  const rels = read('word/_rels/document.xml.rels');
  files['word/_rels/document.xml.rels'] = strToU8(
    insertBefore(rels, '</Relationships>', `<Relationship Id="rIdRapporteurIdMap" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../${DOCX_ID_MAP_PART}"/>`),
  );
  const types = read('[Content_Types].xml');
  files['[Content_Types].xml'] = strToU8(
    insertBefore(types, '</Types>', `<Override PartName="/${ITEM_PROPS}" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>${types.includes('Extension="xml"') ? '' : '<Default Extension="xml" ContentType="application/xml"/>'}`),
  );
  return zipSync(files, { level: 6 });
}

function insertBefore(xml: string, closing: string, addition: string): string {
  const at = xml.lastIndexOf(closing);
  if (at < 0) throw new Error(`DOCX part without ${closing}`);
  return `${xml.slice(0, at)}${addition}${xml.slice(at)}`;
}
