import { DOCX_ID_MAP_NAMESPACE, DOCX_ID_MAP_PART } from './ids.js';
import type { AnchorRecord } from './convert.js';

/**
 * The custom XML part with the id map (src/docx/ids.ts): its XML, its properties part, and the
 * relationship and content type that make Word and LibreOffice keep it.
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

/** The part's relationship from word/document.xml, and the content type of its properties part. */
export const ID_MAP_RELATIONSHIP = {
  id: 'RapporteurIdMap',
  type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  target: `../${DOCX_ID_MAP_PART}`,
} as const;
export const ID_MAP_PROPS_CONTENT_TYPE = { contentType: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml', partName: `/${ITEM_PROPS}` } as const;

/**
 * The files of the id-map part, handed to docx's Packer (its `overrides`), so the package is zipped
 * once: the map itself, its properties (the schema it follows) and the properties' relationship.
 */
export function idMapFiles(xml: string): Array<{ path: string; data: string }> {
  return [
    { path: DOCX_ID_MAP_PART, data: xml },
    {
      path: ITEM_PROPS,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${DATASTORE_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${DOCX_ID_MAP_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
    },
    {
      path: ITEM_RELS,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`,
    },
  ];
}
