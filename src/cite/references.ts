import path from 'node:path';
import { createRequire } from 'node:module';
import type { VFileMessage } from 'vfile-message';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { decodeSource, isInside, toPosix, type SourceReader } from '../model/reader.js';
import type { SourceSpan } from '../model/types.js';
import { problem } from '../util/problems.js';

/**
 * The report's references: `references.json` (CSL-JSON), `references.bib` (BibTeX, read by
 * citation.js) or `references.yaml` (CSL-YAML, pandoc's layout) in the report folder, or the file
 * front matter `references:` names. Every entry keeps the place it is written, so lint and the
 * loader point at the entry's line.
 */

/** One reference as CSL-JSON (what citeproc reads), with its place in the references file. */
export interface ReferenceItem {
  id: string;
  csl: CslItem;
  source: SourceSpan;
}

export type CslItem = { id: string; type: string; title?: string; [field: string]: unknown };

export interface ReferenceSet {
  /** Workspace-relative path of the references file. */
  file: string;
  items: ReferenceItem[];
}

export const REFERENCE_FILES = ['references.json', 'references.bib', 'references.yaml', 'references.yml'];

/** The item types of CSL 1.0.2 (citeproc formats any of them; an unknown type is a typo). */
export const CSL_TYPES = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter',
  'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event',
  'figure', 'graphic', 'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture',
  'musical_score', 'pamphlet', 'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication',
  'post', 'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard',
  'thesis', 'treaty', 'webpage',
] as const;

const cslEntry = z
  .object({
    id: z.union([z.string().min(1, 'a reference `id` is empty'), z.number()], {
      required_error: 'a reference needs an `id` (the key cited as @id)',
      invalid_type_error: 'a reference `id` must be text',
    }),
    type: z.enum(CSL_TYPES, {
      errorMap: (issue) =>
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? { message: 'a reference needs a CSL `type` such as legal_case, legislation, treaty, book or article-journal' }
          : { message: `\`type\` must be a CSL type (legal_case, legislation, treaty, book, chapter, article-journal, report, webpage…)` },
    }),
  })
  .passthrough();

export interface ReferencesInput {
  root: string;
  /** Absolute report folder. */
  dir: string;
  /** `references:` from front matter, if given, and where it is written. */
  named?: { value: string; place: SourceSpan };
  reader: SourceReader;
}

export interface ReferencesResult {
  references?: ReferenceSet;
  problems: VFileMessage[];
}

/** Finds and reads the report's references; a report without any has none (not an error). */
export async function loadReferences(input: ReferencesInput): Promise<ReferencesResult> {
  const problems: VFileMessage[] = [];
  const rel = (abs: string) => toPosix(path.relative(input.root, abs));
  let abs: string | undefined;
  let bytes: Uint8Array | undefined;
  if (input.named) {
    const entry = input.named.value;
    const candidate = path.resolve(input.dir, entry);
    if (path.isAbsolute(entry) || !isInside(input.root, candidate)) {
      problems.push(problem(`references \`${entry}\` is outside the workspace; keep the references file beside the report`, input.named.place, { ruleId: 'references' }));
      return { problems };
    }
    if (!REFERENCE_FILES.some((name) => candidate.endsWith(path.extname(name)))) {
      problems.push(problem(`references \`${entry}\` must be a .json (CSL-JSON), .bib (BibTeX) or .yaml (CSL-YAML) file`, input.named.place, { ruleId: 'references' }));
      return { problems };
    }
    bytes = await input.reader.read(candidate);
    if (!bytes) {
      problems.push(problem(`references \`${entry}\` does not exist`, input.named.place, { ruleId: 'references' }));
      return { problems };
    }
    abs = candidate;
  } else {
    for (const name of REFERENCE_FILES) {
      const candidate = path.join(input.dir, name);
      bytes = await input.reader.read(candidate);
      if (bytes) {
        abs = candidate;
        break;
      }
    }
    if (!abs || !bytes) return { problems };
  }
  const file = rel(abs);
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    problems.push(problem(`${file} ${decoded.reason}`, { file }, { ruleId: 'references' }));
    return { problems };
  }
  const items = abs.endsWith('.bib') ? readBibtex(decoded.text, file, problems) : readCsl(decoded.text, file, problems);
  return { references: { file, items }, problems };
}

/** CSL-JSON and CSL-YAML, both through the YAML parser (JSON is YAML), which knows every node's place. */
function readCsl(text: string, file: string, problems: VFileMessage[]): ReferenceItem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const spanOf = (node: YamlNode | undefined | null): SourceSpan => {
    if (!node?.range) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const start = at(node.range[0]);
    const end = at(node.range[1]);
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, startOffset: node.range[0], endOffset: node.range[1] };
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const start = at(error.pos[0]);
      problems.push(problem(`${file.endsWith('.json') ? 'CSL-JSON' : 'YAML'} syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, { file, ...start }, { ruleId: 'references' }));
    }
    return [];
  }
  // CSL-JSON is a list; pandoc's YAML layout is `references: [...]`.
  let list = doc.contents;
  if (isMap(list) && list.has("references")) list = list.get("references", true) as unknown as typeof list;
  if (!isSeq(list)) {
    problems.push(problem('a references file must hold a list of CSL entries (or `references:` with that list)', spanOf(doc.contents), { ruleId: 'references' }));
    return [];
  }
  const items: ReferenceItem[] = [];
  for (const node of list.items) {
    const place = spanOf(node as YamlNode);
    if (!isMap(node)) {
      problems.push(problem('a reference must be a mapping of CSL fields (id, type, title…)', place, { ruleId: 'references' }));
      continue;
    }
    const value = (node as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
    const parsed = cslEntry.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const fieldNode = typeof field === 'string' ? node.get(field, true) : undefined;
        const where = fieldNode ? spanOf(fieldNode as YamlNode) : place;
        const id = typeof value.id === 'string' || typeof value.id === 'number' ? ` \`${value.id}\`` : '';
        problems.push(problem(`reference${id}: ${issue.message}`, where, { ruleId: 'references' }));
      }
      continue;
    }
    const idNode = node.get('id', true);
    const id = String(parsed.data.id);
    items.push({ id, csl: { ...(parsed.data as CslItem), id }, source: isScalar(idNode) ? spanOf(idNode) : place });
  }
  return items;
}

const require = createRequire(import.meta.url);

interface BibEntry {
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

/** BibTeX through citation.js: its own parser, its own BibTeX → CSL mapping. */
function readBibtex(text: string, file: string, problems: VFileMessage[]): ReferenceItem[] {
  const { plugins, Cite } = require('@citation-js/core') as {
    plugins: { input: { chainLink(input: string, options: { target: string }): unknown } };
    Cite: new (input: unknown, options?: unknown) => { data: CslItem[] };
  };
  require('@citation-js/plugin-bibtex');
  let entries: BibEntry[];
  try {
    entries = plugins.input.chainLink(text, { target: '@biblatex/entries+list' }) as BibEntry[];
  } catch (error) {
    // citation.js says "invalid syntax at line 3 col 1:" followed by a picture of the source.
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split('\n')[0];
    const match = /line (\d+) col (\d+)/.exec(first);
    problems.push(
      problem(`BibTeX syntax error: ${first.replace(/ at line \d+ col \d+:?$/, '')}`, { file, line: match ? Number(match[1]) : 1, column: match ? Number(match[2]) : 1 }, { ruleId: 'references' }),
    );
    return [];
  }
  const lines = new LineCounter();
  // LineCounter only needs the offsets of the line starts.
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.addNewLine(offset);
    offset += line.length + 1;
  }
  const items: ReferenceItem[] = [];
  let searchFrom = 0;
  for (const entry of entries) {
    // The entry's place: its `@type{label` header, looked up in the order the parser returned them.
    const header = text.toLowerCase().indexOf(`{${entry.label.toLowerCase()}`, searchFrom);
    const start = header >= 0 ? header + 1 : 0;
    if (header >= 0) searchFrom = header + 1;
    const pos = lines.linePos(start);
    const source: SourceSpan = { file, line: pos.line, column: pos.col, endLine: pos.line, endColumn: pos.col + entry.label.length, startOffset: start, endOffset: start + entry.label.length };
    let csl: CslItem;
    try {
      csl = new Cite([entry], { forceType: '@biblatex/entries+list' }).data[0];
    } catch (error) {
      problems.push(problem(`BibTeX entry \`${entry.label}\` cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, source, { ruleId: 'references' }));
      continue;
    }
    const { _graph, ...clean } = csl as CslItem & { _graph?: unknown };
    void _graph;
    items.push({ id: entry.label, csl: { ...clean, id: entry.label }, source });
  }
  return items;
}
