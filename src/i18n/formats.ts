import { po, type GetTextTranslation, type GetTextTranslations } from 'gettext-parser';
import { SaxesParser } from 'saxes';
import { inlineToText, type Code, type Inline, type Unit } from './units.js';

/**
 * The two file formats a translation travels in: XLIFF 2.1 (the OASIS standard that translation
 * tools read; written here by hand, it is simple XML) and gettext PO (through gettext-parser).
 * Both carry, per unit, the source text with its inline codes, the target, a state, the hash of
 * the source the target was made from and the commit that source was extracted at.
 */

export type UnitState = 'initial' | 'translated' | 'reviewed' | 'final';

export interface TranslationUnit {
  /** The structural key (`identify-secrets/principle`). */
  id: string;
  source: Inline[];
  target?: Inline[];
  state: UnitState;
  /** Hash of the source this unit was extracted from. */
  hash: string;
  /** Commit the source was extracted at (short), when the workspace is in git. */
  commit?: string;
  /** The source text of an earlier extraction, kept when the source changed (XLIFF note, PO `#|`). */
  previousSource?: string;
  /** Where the unit stands in its file, for messages. */
  line: number;
  column: number;
}

export interface TranslationFile {
  format: 'xliff' | 'po';
  srcLang: string;
  trgLang: string;
  /** The report's slug. */
  report: string;
  units: TranslationUnit[];
}

/** A problem in a translation file, at a line and column. */
export class TranslationFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Rapporteur's own attributes (hash, commit): XLIFF allows attributes of other namespaces on units. */
const RAP_NS = 'urn:rapporteur:translation:1';

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XML 1.0 cannot carry most control characters even escaped: XLIFF says to write them as `<cp hex=…/>`. */
function xmlText(value: string): string {
  let out = '';
  for (const char of escapeXml(value)) {
    const code = char.codePointAt(0) ?? 0;
    out += (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff ? `<cp hex="${code.toString(16).toUpperCase().padStart(4, '0')}"/>` : char;
  }
  return out;
}

/** The XLIFF unit id: an NMTOKEN, so `/` becomes `.`; the key itself goes in `name`. */
function nmtoken(id: string): string {
  return id.replace(/[^A-Za-z0-9._:-]/g, '.');
}

function inlineXml(inline: Inline[], codes?: Map<string, Code>): string {
  return inline
    .map((part) => {
      if (typeof part === 'string') return xmlText(part);
      const code = codes?.get(part.id);
      const attrs = code ? ` type="${code.type}"${code.subType ? ` subType="${code.subType}"` : ''}` : '';
      if (part.kind === 'ph') return `<ph id="${escapeXml(part.id)}"${attrs}${code ? ` disp="${escapeXml(code.disp)}"` : ''}/>`;
      return `<pc id="${escapeXml(part.id)}"${attrs}${code ? ` dispStart="${escapeXml(code.disp)}"` : ''}>${inlineXml(part.children, codes)}</pc>`;
    })
    .join('');
}

export interface WriteInput {
  srcLang: string;
  trgLang: string;
  report: string;
  /** Workspace-relative path of report.md. */
  original: string;
  /** Current units, in document order, each with what the existing translation had for it. */
  entries: Array<{ unit: Unit; target?: Inline[]; state: UnitState; commit?: string; previousSource?: string }>;
}

export function writeXliff(input: WriteInput): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:rap="${RAP_NS}" version="2.1" srcLang="${escapeXml(input.srcLang)}" trgLang="${escapeXml(input.trgLang)}">`,
    `  <file id="${escapeXml(nmtoken(input.report))}" original="${escapeXml(input.original)}">`,
  ];
  const ids = new Set<string>();
  for (const { unit, target, state, commit, previousSource } of input.entries) {
    let id = nmtoken(unit.id);
    while (ids.has(id)) id += '_';
    ids.add(id);
    lines.push(`    <unit id="${escapeXml(id)}" name="${escapeXml(unit.id)}" rap:hash="${unit.hash}"${commit ? ` rap:commit="${escapeXml(commit)}"` : ''}>`);
    if (previousSource !== undefined) {
      lines.push(`      <notes><note category="rapporteur:previous-source">${xmlText(previousSource)}</note></notes>`);
    }
    lines.push(`      <segment state="${target ? state : 'initial'}">`);
    lines.push(`        <source>${inlineXml(unit.source, unit.codes)}</source>`);
    if (target) lines.push(`        <target>${inlineXml(target, unit.codes)}</target>`);
    lines.push('      </segment>', '    </unit>');
  }
  lines.push('  </file>', '</xliff>', '');
  return lines.join('\n');
}

export function writePo(input: WriteInput): string {
  const translations: Record<string, Record<string, GetTextTranslation>> = { '': {} };
  for (const { unit, target, state, commit, previousSource } of input.entries) {
    const msgid = inlineToText(unit.source);
    const legend = [...unit.codes.values()].map((code) => (code.kind === 'ph' ? `<${code.id}/> ${code.disp}` : `<${code.id}>…</${code.id}> ${code.disp}`));
    translations[unit.id] = {
      [msgid]: {
        msgctxt: unit.id,
        msgid,
        msgstr: [target ? inlineToText(target) : ''],
        comments: {
          extracted: [`hash: ${unit.hash}${commit ? ` commit: ${commit}` : ''}`, ...legend].join('\n'),
          flag: target && state === 'initial' ? 'fuzzy' : undefined,
          previous: previousSource !== undefined ? `msgid ${JSON.stringify(previousSource)}` : undefined,
        },
      },
    };
  }
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': input.report,
      // Header fields msgfmt --check asks for; a PO editor fills the translator's.
      'PO-Revision-Date': new Date().toISOString().slice(0, 16).replace('T', ' ') + '+0000',
      'Last-Translator': '',
      'Language-Team': '',
      Language: input.trgLang,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'X-Rapporteur-Source-Language': input.srcLang,
      'X-Rapporteur-Original': input.original,
    },
    translations,
  };
  return po.compile(table, { sort: false }).toString('utf8') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Reading

interface XmlElement {
  name: string;
  uri: string;
  attributes: Record<string, { value: string; uri: string; local: string }>;
  children: Array<XmlElement | string>;
  line: number;
  column: number;
}

function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: TranslationFileError | undefined;
  parser.on('error', (error) => {
    failure ??= new TranslationFileError(`not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`, parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    const attributes: XmlElement['attributes'] = {};
    for (const attribute of Object.values(tag.attributes)) {
      const a = attribute as { value: string; uri: string; local: string; name: string };
      attributes[a.uri && a.uri !== XLIFF_NS ? `{${a.uri}}${a.local}` : a.local] = { value: a.value, uri: a.uri, local: a.local };
    }
    const element: XmlElement = { name: tag.local ?? tag.name, uri: tag.uri ?? '', attributes, children: [], line: parser.line, column: parser.column };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (value) => {
    if (stack.length) stack[stack.length - 1].children.push(value);
  });
  parser.on('cdata', (value) => {
    if (stack.length) stack[stack.length - 1].children.push(value);
  });
  try {
    parser.write(text).close();
  } catch {
    // reported through the error handler
  }
  if (failure) throw failure;
  if (!root) throw new TranslationFileError('empty file', 1, 1);
  return root;
}

const elements = (element: XmlElement, name: string) =>
  element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name && child.uri === XLIFF_NS);

function readXliffInline(element: XmlElement): Inline[] {
  const out: Inline[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') {
      out.push(child);
      continue;
    }
    if (child.uri !== XLIFF_NS) throw new TranslationFileError(`<${child.name}> from another namespace is not allowed in <${element.name}>`, child.line, child.column);
    const id = child.attributes.id?.value;
    if (child.name === 'cp') {
      out.push(String.fromCodePoint(parseInt(child.attributes.hex?.value ?? '0', 16)));
    } else if (child.name === 'ph') {
      if (!id) throw new TranslationFileError('<ph> without an id', child.line, child.column);
      out.push({ kind: 'ph', id });
    } else if (child.name === 'pc') {
      if (!id) throw new TranslationFileError('<pc> without an id', child.line, child.column);
      out.push({ kind: 'pc', id, children: readXliffInline(child) });
    } else if (child.name === 'mrk') {
      out.push(...readXliffInline(child));
    } else {
      throw new TranslationFileError(`<${child.name}> is not supported here: use <pc> for paired codes and <ph> for placeholders`, child.line, child.column);
    }
  }
  // Merge adjacent text.
  const merged: Inline[] = [];
  for (const part of out) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  return merged;
}

const STATES = new Set<UnitState>(['initial', 'translated', 'reviewed', 'final']);

export function parseXliff(text: string): TranslationFile {
  const root = parseXml(text);
  if (root.name !== 'xliff' || root.uri !== XLIFF_NS) throw new TranslationFileError(`not an XLIFF 2 document (root <${root.name}> in namespace "${root.uri}")`, root.line, root.column);
  const version = root.attributes.version?.value ?? '';
  if (!/^2\.[01]$/.test(version)) throw new TranslationFileError(`XLIFF version "${version}" is not supported (2.0 or 2.1)`, root.line, root.column);
  const srcLang = root.attributes.srcLang?.value;
  const trgLang = root.attributes.trgLang?.value;
  if (!srcLang) throw new TranslationFileError('<xliff> has no srcLang', root.line, root.column);
  if (!trgLang) throw new TranslationFileError('<xliff> has no trgLang: the file does not say which language it translates into', root.line, root.column);
  const files = elements(root, 'file');
  if (files.length !== 1) throw new TranslationFileError(`expected one <file> (one report), found ${files.length}`, root.line, root.column);
  const file = files[0];
  const units: TranslationUnit[] = [];
  const visit = (parent: XmlElement) => {
    for (const child of parent.children) {
      if (typeof child === 'string' || child.uri !== XLIFF_NS) continue;
      if (child.name === 'group') visit(child);
      if (child.name !== 'unit') continue;
      const id = child.attributes.name?.value ?? child.attributes.id?.value;
      if (!id) throw new TranslationFileError('<unit> without a name or id', child.line, child.column);
      const segments = elements(child, 'segment');
      if (segments.length !== 1) throw new TranslationFileError(`unit "${id}" has ${segments.length} segments; Rapporteur writes one per unit and reads one`, child.line, child.column);
      const segment = segments[0];
      const source = elements(segment, 'source')[0];
      const target = elements(segment, 'target')[0];
      const state = (segment.attributes.state?.value ?? 'initial') as UnitState;
      if (!STATES.has(state)) throw new TranslationFileError(`unit "${id}": unknown state "${state}"`, segment.line, segment.column);
      const lang = target?.attributes['{http://www.w3.org/XML/1998/namespace}lang']?.value;
      if (target && lang && lang !== trgLang) throw new TranslationFileError(`unit "${id}": target in "${lang}", but the file translates into "${trgLang}"`, target.line, target.column);
      const notes = elements(child, 'notes').flatMap((n) => elements(n, 'note'));
      const previous = notes.find((note) => note.attributes.category?.value === 'rapporteur:previous-source');
      const targetInline = target ? readXliffInline(target) : undefined;
      units.push({
        id,
        source: source ? readXliffInline(source) : [],
        target: targetInline && targetInline.some((part) => typeof part !== 'string' || part.trim()) ? targetInline : undefined,
        state,
        hash: child.attributes[`{${RAP_NS}}hash`]?.value ?? '',
        commit: child.attributes[`{${RAP_NS}}commit`]?.value,
        previousSource: previous ? previous.children.filter((c): c is string => typeof c === 'string').join('') : undefined,
        line: child.line,
        column: child.column,
      });
    }
  };
  visit(file);
  return { format: 'xliff', srcLang, trgLang, report: file.attributes.id?.value ?? '', units };
}

/** Reads the `<1>…</1>`, `<2/>` placeholders of PO text (and `&lt;`, `&amp;`). */
export function parsePlaceholderText(text: string, where: { line: number; column: number; id: string }): Inline[] {
  const root: Inline[] = [];
  const stack: Array<{ id: string; children: Inline[] }> = [];
  const current = () => (stack.length ? stack[stack.length - 1].children : root);
  let buffer = '';
  const flush = () => {
    if (buffer) current().push(buffer);
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '&') {
      if (text.startsWith('&lt;', i)) {
        buffer += '<';
        i += 4;
        continue;
      }
      if (text.startsWith('&amp;', i)) {
        buffer += '&';
        i += 5;
        continue;
      }
    }
    if (char === '<') {
      let j = i + 1;
      const closing = text[j] === '/';
      if (closing) j++;
      let digits = '';
      while (j < text.length && text[j] >= '0' && text[j] <= '9') digits += text[j++];
      const selfClosing = text[j] === '/' && text[j + 1] === '>';
      const ends = selfClosing ? j + 2 : text[j] === '>' ? j + 1 : -1;
      if (digits && ends !== -1 && !(closing && selfClosing)) {
        flush();
        if (selfClosing) current().push({ kind: 'ph', id: digits });
        else if (!closing) {
          const pc = { kind: 'pc' as const, id: digits, children: [] as Inline[] };
          current().push(pc);
          stack.push(pc);
        } else {
          const open = stack.pop();
          if (!open || open.id !== digits) {
            throw new TranslationFileError(`unit "${where.id}": </${digits}> closes ${open ? `<${open.id}>` : 'nothing'}`, where.line, where.column);
          }
        }
        i = ends;
        continue;
      }
    }
    buffer += char;
    i++;
  }
  flush();
  if (stack.length) throw new TranslationFileError(`unit "${where.id}": <${stack[stack.length - 1].id}> is never closed`, where.line, where.column);
  return root;
}

export function parsePo(text: string): TranslationFile {
  let table: GetTextTranslations;
  try {
    table = po.parse(text, { validation: true });
  } catch (error) {
    throw new TranslationFileError(`not a valid PO file: ${error instanceof Error ? error.message : String(error)}`, 1, 1);
  }
  // gettext-parser does not keep positions: find each msgctxt's line in the text for messages.
  const lines = text.split('\n');
  const lineOf = (context: string) => {
    const quoted = `msgctxt ${JSON.stringify(context)}`;
    const index = lines.findIndex((line) => line.trim() === quoted);
    return index === -1 ? 1 : index + 1;
  };
  const headers = table.headers ?? {};
  const trgLang = headers.Language ?? headers.language;
  if (!trgLang) throw new TranslationFileError('the PO header has no "Language:": the file does not say which language it translates into', 1, 1);
  const units: TranslationUnit[] = [];
  for (const [context, messages] of Object.entries(table.translations)) {
    for (const message of Object.values(messages)) {
      if (!message.msgid && !context) continue; // the header
      const id = message.msgctxt ?? '';
      const line = lineOf(id);
      if (!id) throw new TranslationFileError(`message "${message.msgid.slice(0, 40)}" has no msgctxt: Rapporteur keys every unit by it`, line, 1);
      const where = { line, column: 1, id };
      const extracted = message.comments?.extracted ?? '';
      const hash = /hash: ([0-9a-f]+)/.exec(extracted)?.[1] ?? '';
      const commit = /commit: ([0-9a-f]+)/.exec(extracted)?.[1];
      const fuzzy = (message.comments?.flag ?? '').split(',').map((f) => f.trim()).includes('fuzzy');
      const msgstr = message.msgstr[0] ?? '';
      units.push({
        id,
        source: parsePlaceholderText(message.msgid, where),
        target: msgstr.trim() ? parsePlaceholderText(msgstr, where) : undefined,
        state: msgstr.trim() && !fuzzy ? 'translated' : 'initial',
        hash,
        commit,
        line,
        column: 1,
      });
    }
  }
  return { format: 'po', srcLang: headers['X-Rapporteur-Source-Language'] ?? '', trgLang, report: headers['Project-Id-Version'] ?? '', units };
}

export function formatOf(file: string): 'xliff' | 'po' | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xlf') || lower.endsWith('.xliff')) return 'xliff';
  if (lower.endsWith('.po')) return 'po';
  return undefined;
}

export function parseTranslation(text: string, format: 'xliff' | 'po'): TranslationFile {
  return format === 'xliff' ? parseXliff(text) : parsePo(text);
}
