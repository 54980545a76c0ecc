import type { FrontMatter } from '../model/frontmatter.js';

/**
 * The report's own reference, made from its front matter: a formatted line for "how to cite",
 * and CSL-JSON, BibTeX and RIS files to download. One small module on purpose: the citations
 * work (issue #15, citeproc-js with the report's chosen style) replaces it without touching
 * the site.
 */
export interface ReportReference {
  /** Plain text, e.g. "Marchetti H, Osei DK, 'Title' (Dialogue, version 1.0.0, 2026-11-21)". */
  text: string;
  cslJson: string;
  bibtex: string;
  ris: string;
}

export interface ReferenceInput {
  slug: string;
  meta: FrontMatter;
  /** Absolute address of the report's page, when the site has a base URL. */
  url?: string;
}

function family(name: string): { family: string; given: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { family: parts[0], given: '' };
  return { family: parts[parts.length - 1], given: parts.slice(0, -1).join(' ') };
}

function dateParts(date: string | undefined): number[] | undefined {
  if (!date) return undefined;
  return date.split('-').map(Number);
}

/** BibTeX needs its specials escaped; braces keep the capitals of a title as written. */
function bibEscape(value: string): string {
  return value.replace(/[\\{}]/g, '').replace(/([&%$#_])/g, '\\$1');
}

export function reportReference({ slug, meta, url }: ReferenceInput): ReportReference {
  const authors = meta.rapporteurs.map((r) => family(r.name));
  const fullTitle = typeof meta.subtitle === 'string' ? `${meta.title}: ${meta.subtitle}` : meta.title;
  const year = meta.date?.slice(0, 4);
  const csl = {
    id: slug,
    type: 'report',
    title: fullTitle,
    author: authors.map((a) => ({ family: a.family, given: a.given })),
    publisher: meta.dialogue,
    genre: meta.status === 'final' ? 'Report' : 'Draft report',
    version: meta.version,
    issued: meta.date ? { 'date-parts': [dateParts(meta.date)] } : undefined,
    URL: url,
    language: meta.lang,
  };
  const names = authors.map((a) => [a.given, a.family].filter(Boolean).join(' '));
  const nameList = names.length > 2 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join(' and ');
  const text = [
    nameList ? `${nameList}, ` : '',
    `“${fullTitle}”`,
    ` (${[meta.dialogue, `version ${meta.version}`, meta.date].filter(Boolean).join(', ')})`,
    url ? ` <${url}>` : '',
  ].join('');
  const bibtex = [
    `@techreport{${slug},`,
    `  title = {{${bibEscape(fullTitle)}}},`,
    authors.length ? `  author = {${authors.map((a) => bibEscape([a.family, a.given].filter(Boolean).join(', '))).join(' and ')}},` : undefined,
    meta.dialogue ? `  institution = {${bibEscape(meta.dialogue)}},` : undefined,
    `  type = {${meta.status === 'final' ? 'Report' : 'Draft report'}},`,
    `  version = {${bibEscape(meta.version)}},`,
    year ? `  year = {${year}},` : undefined,
    meta.date ? `  date = {${meta.date}},` : undefined,
    url ? `  url = {${url}},` : undefined,
    '}',
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
  const ris = [
    'TY  - RPRT',
    `TI  - ${fullTitle}`,
    ...authors.map((a) => `AU  - ${[a.family, a.given].filter(Boolean).join(', ')}`),
    meta.dialogue ? `PB  - ${meta.dialogue}` : undefined,
    year ? `PY  - ${year}` : undefined,
    meta.date ? `DA  - ${meta.date.replace(/-/g, '/')}` : undefined,
    `ET  - ${meta.version}`,
    url ? `UR  - ${url}` : undefined,
    `LA  - ${meta.lang}`,
    'ER  - ',
  ]
    .filter((line): line is string => line !== undefined)
    .join('\r\n');
  return { text, cslJson: `${JSON.stringify([csl], null, 2)}\n`, bibtex: `${bibtex}\n`, ris: `${ris}\r\n` };
}
