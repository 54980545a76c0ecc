import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { isInside } from '../model/reader.js';

/**
 * CSL styles and locales, read as shipped by the Debian packages `citation-style-language-styles`
 * and `citation-style-language-locales` (the official CSL repositories, CC BY-SA 3.0; each style
 * keeps its own metadata and credits, which the colophon repeats). Nothing is copied into this
 * repository: a style is read from that folder at run time, or from a `.csl` path in the workspace.
 */
export const CSL_ROOT = process.env.RAPPORTEUR_CSL_DIR ?? '/usr/share/citation-style-language';

/** The legal styles the documentation names (all files of the official repository). */
export const LEGAL_STYLES = [
  'oscola',
  'bluebook-law-review',
  'mcgill-en',
  'australian-guide-to-legal-citation',
  'juristische-zitierweise',
  'guide-des-citations-references-et-abreviations-juridiques',
  'law-citation-manual',
  'the-university-of-tokyo-law-review',
] as const;

export const DEFAULT_STYLE = 'oscola';

export interface CitationStyle {
  /** The name as given (`oscola`) or the workspace-relative path of a `.csl` file. */
  name: string;
  xml: string;
  /** `note` styles put citations in footnotes; `in-text` styles inline. */
  class: 'note' | 'in-text';
  title: string;
  /** The style's `<link rel="self">` and licence, for the colophon. */
  link?: string;
  license?: string;
  /** The style's authors and contributors, as its `<info>` names them. */
  credits: string[];
  defaultLocale?: string;
}

export type StyleLookup = { ok: true; style: CitationStyle } | { ok: false; reason: string };

const cache = new Map<string, CitationStyle>();

/** Resolves `citation-style:`: a shipped name, or a `.csl` path inside the workspace. */
export function resolveStyle(value: string, { root, dir }: { root: string; dir: string }): StyleLookup {
  let file: string;
  if (value.endsWith('.csl')) {
    file = path.resolve(dir, value);
    if (path.isAbsolute(value) || !isInside(root, file)) return { ok: false, reason: `citation-style \`${value}\` is outside the workspace` };
    if (!existsSync(file)) return { ok: false, reason: `citation-style \`${value}\` does not exist` };
  } else {
    if (!/^[a-z0-9-]+$/.test(value)) return { ok: false, reason: `citation-style \`${value}\` is neither a CSL style name (such as oscola) nor a .csl file` };
    file = path.join(CSL_ROOT, 'styles', `${value}.csl`);
    if (!existsSync(file)) {
      if (!existsSync(path.join(CSL_ROOT, 'styles'))) {
        return { ok: false, reason: `the CSL styles are not installed (${CSL_ROOT}/styles); install the Debian package citation-style-language-styles` };
      }
      return { ok: false, reason: `citation-style \`${value}\` is not a CSL style (legal styles: ${LEGAL_STYLES.join(', ')}; or give a .csl path)` };
    }
  }
  const hit = cache.get(file);
  if (hit) return { ok: true, style: hit };
  const xml = readFileSync(file, 'utf8');
  const info = readInfo(xml);
  if (!info) return { ok: false, reason: `citation-style \`${value}\` is not a CSL style file (no <style> element)` };
  // An independent style names its parent: a dependent style is only an alias of it.
  const style: CitationStyle = { name: value, xml, ...info };
  cache.set(file, style);
  return { ok: true, style };
}

/**
 * The style's metadata, read with the XML parser the project uses for XML (saxes): class,
 * title, self link, licence, authors.
 */
function readInfo(xml: string): Omit<CitationStyle, 'name' | 'xml'> | undefined {
  const parser = new SaxesParser({ xmlns: false });
  const stack: string[] = [];
  let found = false;
  const result: Omit<CitationStyle, 'name' | 'xml'> = { class: 'in-text', title: '', credits: [] };
  let text = '';
  try {
    parser.on('opentag', (tag) => {
      stack.push(tag.name);
      text = '';
      const attributes = tag.attributes as Record<string, string>;
      if (tag.name === 'style' && stack.length === 1) {
        found = true;
        result.class = attributes.class === 'note' ? 'note' : 'in-text';
        result.defaultLocale = attributes['default-locale'];
      }
      if (tag.name === 'link' && stack[stack.length - 2] === 'info' && attributes.rel === 'self') result.link = attributes.href;
      if (tag.name === 'rights' && stack[stack.length - 2] === 'info') result.license = attributes.license;
    });
    parser.on('text', (value) => {
      text += value;
    });
    parser.on('closetag', (tag) => {
      const parent = stack[stack.length - 2];
      if (tag.name === 'title' && parent === 'info') result.title = text.trim();
      if (tag.name === 'name' && (parent === 'author' || parent === 'contributor')) result.credits.push(text.trim());
      stack.pop();
      text = '';
    });
    parser.write(xml).close();
  } catch {
    return undefined;
  }
  return found ? result : undefined;
}

const localeCache = new Map<string, string | false>();
let primaryDialects: Record<string, string> | undefined;

/** A CSL locale's XML (`en-GB`, or `de` → its primary dialect), or false when none is installed. */
export function retrieveLocale(lang: string): string | false {
  const hit = localeCache.get(lang);
  if (hit !== undefined) return hit;
  const read = (name: string): string | false => {
    const file = path.join(CSL_ROOT, 'locales', `locales-${name}.xml`);
    return existsSync(file) ? readFileSync(file, 'utf8') : false;
  };
  let xml = read(lang);
  if (!xml) {
    primaryDialects ??= readPrimaryDialects();
    const primary = primaryDialects[lang.split('-')[0]];
    if (primary) xml = read(primary);
  }
  localeCache.set(lang, xml);
  return xml;
}

function readPrimaryDialects(): Record<string, string> {
  try {
    const data = JSON.parse(readFileSync(path.join(CSL_ROOT, 'locales', 'locales.json'), 'utf8')) as { 'primary-dialects'?: Record<string, string> };
    return data['primary-dialects'] ?? {};
  } catch {
    return {};
  }
}
