import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * The smallest reader of Office Open XML packages the DOCX import needs: the zip is opened with
 * fflate, each XML part parsed with saxes (namespace-aware: Word, LibreOffice and pandoc use
 * different prefixes for the same namespaces) into a light element tree.
 */

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
  w15: 'http://schemas.microsoft.com/office/word/2012/wordml',
  w16cid: 'http://schemas.microsoft.com/office/word/2016/wordml/cid',
  dc: 'http://purl.org/dc/elements/1.1/',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

export interface XmlElement {
  ns: string;
  local: string;
  /** Attributes by `{namespace}local` (or `local` when not namespaced). */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class OoxmlError extends Error {}

export function attr(element: XmlElement, ns: string, local: string): string | undefined {
  return element.attrs[`{${ns}}${local}`];
}

export function is(node: XmlNode, ns: string, local: string): node is XmlElement {
  return typeof node !== 'string' && node.ns === ns && node.local === local;
}

export function elements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** Every descendant element with that name, in document order. */
export function descendants(element: XmlElement, ns: string, local: string, found: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.ns === ns && child.local === local) found.push(child);
    descendants(child, ns, local, found);
  }
  return found;
}

export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: XmlElement = { ns: '', local: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    const element: XmlElement = { ns: tag.uri, local: tag.local, attrs, children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (value) => {
    stack[stack.length - 1].children.push(value);
  });
  parser.on('cdata', (value) => {
    stack[stack.length - 1].children.push(value);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw new OoxmlError(`${part} is not well-formed XML (${failure.message.split('\n')[0]})`);
  const top = elements(root)[0];
  if (!top) throw new OoxmlError(`${part} is empty`);
  return top;
}

export interface Package {
  parts: Map<string, Uint8Array>;
  xml(part: string): XmlElement | undefined;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP);
}

/** A password-protected Word file is an OLE compound file holding the encrypted package. */
export function isOleCompound(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE);
}

export function openPackage(bytes: Uint8Array): Package {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch (error) {
    throw new OoxmlError(`is damaged: the zip cannot be read (${(error as Error).message})`);
  }
  const map = new Map(Object.entries(parts).map(([name, data]) => [name.replace(/^\/+/, ''), data]));
  const cache = new Map<string, XmlElement | undefined>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    parts: map,
    xml(part) {
      if (!cache.has(part)) {
        const data = map.get(part);
        cache.set(part, data ? parseXml(decoder.decode(data).replace(/^\ufeff/, ''), part) : undefined);
      }
      return cache.get(part);
    },
  };
}
