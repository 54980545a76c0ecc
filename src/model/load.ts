import path from 'node:path';
import type { Root, Yaml } from 'mdast';
import type { VFileMessage } from 'vfile-message';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { ParseStore } from '../cache/parse-cache.js';
import { depthProblem, nestingProblem, sizeProblem } from '../parse/limits.js';
import { parseMarkdown } from '../parse/processor.js';
import { cloneTree } from '../util/clone.js';
import { problem } from '../util/problems.js';
import { applyDialect } from '../dialect/index.js';
import { yamlData } from '../util/yaml-data.js';
import { readLedger } from '../comments/ledger.js';
import { loadConfig } from '../config.js';
import { extractModel } from './extract.js';
import { templateIds } from '../render/template.js';
import { visit, EXIT } from 'unist-util-visit';
import { loadReferences, type ReferenceSet } from '../cite/references.js';
import { DEFAULT_STYLE, resolveStyle, type CitationStyle } from '../cite/styles.js';
import { fallbackFrontMatter, frontMatterSchema, type FrontMatter } from './frontmatter.js';
import { decodeSource, diskReader, isInside, toPosix, type SourceReader } from './reader.js';
import type { Report, SourceFile, SourceSpan } from './types.js';

export interface ReportTarget {
  slug: string;
  /** Workspace root (absolute). */
  root: string;
  /** Absolute path of report.md. */
  file: string;
}

export interface LoadResult {
  /** Undefined only when report.md itself cannot be read. */
  report?: Report;
  /** Problems found while reading (front matter, chapters, unreadable files). Errors are fatal for a build. */
  problems: VFileMessage[];
}

/** Per-content parse cache: a watch rebuild re-parses only the files whose text changed. */
const parseCache = new Map<string, Root>();
const PARSE_CACHE_LIMIT = 500;

function parseCached(text: string, useCache: boolean, store?: ParseStore): Root {
  if (!useCache) return parseStored(text, store);
  const hit = parseCache.get(text);
  if (hit) return cloneTree(hit);
  const tree = parseStored(text, store);
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
  parseCache.set(text, cloneTree(tree));
  return tree;
}

/** Parses, or takes the tree from the on-disk cache; a fresh tree is stored before anything annotates it. */
function parseStored(text: string, store?: ParseStore): Root {
  if (!store) return parseMarkdown(text);
  const hit = store.get(text);
  if (hit) return hit;
  const tree = parseMarkdown(text);
  store.set(text, tree);
  return tree;
}

export interface LoadOptions {
  reader?: SourceReader;
  /** Keep parsed trees by file content between loads (for watch). */
  cache?: boolean;
  /** An on-disk cache of parsed trees shared between processes (see src/cache/parse-cache.ts). */
  store?: ParseStore;
  /** Read report.md only (its front matter and body), not its chapters: `versions` needs no more. */
  chapters?: boolean;
  /**
   * The template the report's pages are rendered with (default: `default`, as the renderer's):
   * its element ids are reserved like the page's own, so a heading never takes one.
   */
  template?: string;
}

/**
 * Front matter over the workspace configuration: a setting a dialogue sets once for all its
 * reports (`numbering` in rapporteur.config.yaml) applies where the report's front matter does not
 * set it. A configuration that does not load is reported by the command that reads it, not here.
 */
function withWorkspaceDefaults(meta: FrontMatter, root: string): FrontMatter {
  if (meta.numbering !== undefined) return meta;
  let numbering: boolean | undefined;
  try {
    numbering = loadConfig(root).config.numbering;
  } catch {
    numbering = undefined;
  }
  return numbering === undefined ? meta : { ...meta, numbering };
}

export async function loadReport(target: ReportTarget, options: LoadOptions = {}): Promise<LoadResult> {
  const reader = options.reader ?? diskReader;
  const problems: VFileMessage[] = [];
  const rel = (abs: string) => toPosix(path.relative(target.root, abs)) || path.basename(abs);
  const reportPath = rel(target.file);

  // The containment rule chapters and images follow holds for report.md too: a report.md, or a
  // reports/<slug> folder, that links out of the workspace is not read (it would be published).
  if (reader.realpath) {
    const outside = await linksOutside(target.file, target.root, reader.realpath);
    if (outside) {
      problems.push(problem(`${reportPath} is a link to a file outside the workspace; a report must stay inside it`, { file: reportPath }, { ruleId: 'unreadable-file' }));
      return { problems };
    }
  }
  const main = await readSource(target.file, reportPath, reader);
  if (!main.ok) {
    problems.push(problem(main.reason, { file: reportPath }, { ruleId: 'unreadable-file' }));
    return { problems };
  }
  const mainLimit = nestingProblem(main.text, reportPath);
  if (mainLimit) return { problems: [mainLimit] };
  const tree = parseCached(main.text, options.cache ?? false, options.store);
  const mainDepth = depthProblem(tree, reportPath);
  if (mainDepth) return { problems: [mainDepth] };
  problems.push(...applyDialect(tree, { file: reportPath, source: main.text }));
  const files: SourceFile[] = [{ path: reportPath, absPath: target.file, value: main.text, tree, kind: 'report' }];

  const front = readFrontMatter(tree, reportPath, problems);
  const dir = path.dirname(target.file);

  // Every chapter is resolved and read first, so a store that parses ahead (lint's workers) is
  // handed exactly the files this loader includes: lint and build can never disagree on them.
  const chapters = await readChapters({ entries: options.chapters === false ? [] : front.meta.chapters, front, dir, target, reader, rel });
  await options.store?.prefetch?.(chapters.flatMap((chapter) => ('text' in chapter ? [chapter.text] : [])));
  for (const chapter of chapters) {
    if ('problem' in chapter) {
      problems.push(chapter.problem);
      continue;
    }
    const chapterPath = chapter.path;
    const chapterTree = parseCached(chapter.text, options.cache ?? false, options.store);
    const chapterDepth = depthProblem(chapterTree, chapterPath);
    if (chapterDepth) {
      problems.push(chapterDepth);
      continue;
    }
    problems.push(...applyDialect(chapterTree, { file: chapterPath, source: chapter.text }));
    const nested = chapterTree.children.find((node): node is Yaml => node.type === 'yaml');
    if (nested) {
      problems.push(
        problem('a chapter file has front matter; only report.md carries front matter, so this block is ignored', span(chapterPath, nested), {
          ruleId: 'chapter-path',
          severity: 'warning',
        }),
      );
    }
    files.push({ path: chapterPath, absPath: chapter.abs, value: chapter.text, tree: chapterTree, kind: 'chapter' });
  }

  const cited = await loadCitationSetup({ root: target.root, dir, front, files, reader, problems });
  const report = extractModel({
    ...cited,
    slug: target.slug,
    root: target.root,
    dir,
    file: reportPath,
    meta: withWorkspaceDefaults(front.meta, target.root),
    rawMeta: front.raw,
    metaSource: front.source,
    frontMatterDoc: front.parsed,
    files,
    templateIds: templateIds(options.template ?? 'default', target.root),
  });
  // Imported comments live beside the working tree only: a report read from git has none.
  if (!options.reader) report.imported = await readLedger(report);
  return { report, problems };
}

/** A chapter of `chapters:` as the loader includes it, or why it does not. */
type ChapterRead = { path: string; abs: string; text: string } | { problem: VFileMessage };

/**
 * The loader's one chapter resolution: each entry of `chapters:`, in order, resolved inside the
 * report folder, read, decoded and checked against the parser's limits; a problem instead of the
 * text when any of that fails or the file is listed twice.
 */
async function readChapters(input: {
  entries: string[]; front: FrontMatterResult; dir: string; target: ReportTarget; reader: SourceReader; rel: (abs: string) => string;
}): Promise<ChapterRead[]> {
  const { front, dir, target, reader, rel } = input;
  const seen = new Set<string>([path.resolve(target.file)]);
  const result: ChapterRead[] = [];
  for (const [index, entry] of input.entries.entries()) {
    const place = front.spanOf(['chapters', index]);
    const resolved = await resolveChapter(entry, dir, target.root, reader);
    if ('reason' in resolved) {
      result.push({ problem: problem(resolved.reason, place, { ruleId: 'chapter-path' }) });
      continue;
    }
    if (seen.has(resolved.abs)) {
      result.push({ problem: problem(`chapter \`${entry}\` is listed twice (or is the report itself); each file is included once`, place, { ruleId: 'chapter-path' }) });
      continue;
    }
    seen.add(resolved.abs);
    const chapterPath = rel(resolved.abs);
    const chapter = await readSource(resolved.abs, chapterPath, reader);
    if (!chapter.ok) {
      const reason = chapter.missing ? `chapter \`${entry}\` does not exist` : `chapter \`${entry}\` ${chapter.detail}`;
      result.push({ problem: problem(reason, place, { ruleId: 'chapter-path' }) });
      continue;
    }
    const chapterLimit = nestingProblem(chapter.text, chapterPath);
    if (chapterLimit) {
      result.push({ problem: chapterLimit });
      continue;
    }
    result.push({ path: chapterPath, abs: resolved.abs, text: chapter.text });
  }
  return result;
}

/** True when `abs`, links followed, is outside the workspace (a file that does not exist is not). */
async function linksOutside(abs: string, root: string, realpath: (p: string) => Promise<string>): Promise<boolean> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    // A link loop is refused like a link out; a missing file is reported by the read.
    return (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
  return !isInside(await realpath(root).catch(() => root), real);
}

/**
 * The references file and the CSL style, when the report has references or cites anything: both
 * are read once here, so lint, render and every writer read them from the model.
 */
async function loadCitationSetup(input: {
  root: string; dir: string; front: FrontMatterResult; files: SourceFile[]; reader: SourceReader; problems: VFileMessage[];
}): Promise<{ references?: ReferenceSet; citationStyle?: CitationStyle }> {
  const { front, problems } = input;
  const named = typeof front.meta.references === 'string' ? { value: front.meta.references, place: front.spanOf(['references']) } : undefined;
  const loaded = await loadReferences({ root: input.root, dir: input.dir, named, reader: input.reader });
  problems.push(...loaded.problems);
  const cites = input.files.some((file) => hasCitation(file.tree));
  if (!loaded.references && !cites && front.meta['citation-style'] === undefined) return {};
  const styleName = front.meta['citation-style'] ?? DEFAULT_STYLE;
  const style = resolveStyle(styleName, { root: input.root, dir: input.dir });
  if (!style.ok) {
    const place = front.meta['citation-style'] !== undefined ? front.spanOf(['citation-style']) : front.spanOf([]);
    problems.push(problem(style.reason, place, { ruleId: 'citation-style' }));
    return { references: loaded.references };
  }
  return { references: loaded.references, citationStyle: style.style };
}

function hasCitation(tree: Root): boolean {
  let found = false;
  visit(tree, 'citation', () => {
    found = true;
    return EXIT;
  });
  return found;
}

/** `reason` names the file; `detail` is the same without it, for messages that name it already. */
type Read = { ok: true; text: string } | { ok: false; reason: string; detail: string; missing: boolean };

async function readSource(abs: string, shown: string, reader: SourceReader): Promise<Read> {
  const bytes = await reader.read(abs);
  if (!bytes) return { ok: false, reason: `cannot read ${shown}: no such file`, detail: 'does not exist', missing: true };
  const tooBig = sizeProblem(bytes.length, shown);
  if (tooBig) return { ok: false, reason: tooBig.reason, detail: tooBig.reason.slice(shown.length + 1), missing: false };
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { ok: false, reason: `${shown} ${decoded.reason}`, detail: decoded.reason, missing: false };
  return { ok: true, text: decoded.text };
}

async function resolveChapter(
  entry: string,
  reportDir: string,
  root: string,
  reader: SourceReader,
): Promise<{ abs: string } | { reason: string }> {
  if (path.isAbsolute(entry) || /^[a-zA-Z]:[\\/]/.test(entry)) {
    return { reason: `chapter \`${entry}\` is an absolute path; list chapters relative to the report folder` };
  }
  const abs = path.resolve(reportDir, entry);
  if (!isInside(reportDir, abs)) {
    return { reason: `chapter \`${entry}\` is outside the report folder; chapters must stay inside it` };
  }
  if (reader.realpath) {
    try {
      const real = await reader.realpath(abs);
      const realDir = await reader.realpath(reportDir);
      if (!isInside(realDir, real) || !isInside(await reader.realpath(root), real)) {
        return { reason: `chapter \`${entry}\` is a link to a file outside the report folder; chapters must stay inside it` };
      }
    } catch {
      return { reason: `chapter \`${entry}\` does not exist` };
    }
  }
  return { abs };
}

function span(file: string, node: { position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } }): SourceSpan {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, startOffset: start.offset, endOffset: end.offset };
}

interface FrontMatterResult {
  parsed?: Report['frontMatterDoc'];
  meta: FrontMatter;
  raw: Record<string, unknown>;
  source?: SourceSpan;
  spanOf(pathInYaml: (string | number)[]): SourceSpan;
}

function readFrontMatter(tree: Root, file: string, problems: VFileMessage[]): FrontMatterResult {
  const node = tree.children[0]?.type === 'yaml' ? (tree.children[0] as Yaml) : undefined;
  if (!node) {
    problems.push(
      problem('the report has no front matter; start report.md with a `---` block giving title, version and status', { file }, {
        ruleId: 'front-matter',
      }),
    );
    const meta = fallbackFrontMatter({});
    return { meta, raw: {}, spanOf: () => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 }) };
  }
  const source = span(file, node);
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(node.value, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: firstLine + pos.line - 1, column: pos.col };
  };
  const spanOf = (yamlPath: (string | number)[]): SourceSpan => {
    const target = yamlPath.length ? doc.getIn(yamlPath, true) : doc.contents;
    const parentPair = yamlPath.length > 1 ? doc.getIn(yamlPath.slice(0, -1), true) : undefined;
    const found = isNode(target) ? target : isNode(parentPair) ? parentPair : undefined;
    if (found?.range) {
      const start = at(found.range[0]);
      const end = at(found.range[1]);
      return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    }
    return { file, line: source.line, column: 1, endLine: source.line, endColumn: 4 };
  };

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const start = at(error.pos[0]);
      const reason = `front matter is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
      problems.push(problem(reason, { file, line: start.line, column: start.column }, { ruleId: 'front-matter' }));
    }
    return { meta: fallbackFrontMatter({}), raw: {}, source, spanOf };
  }
  const parsed = { doc, counter: lineCounter, firstLine };
  const read = yamlData(doc);
  if (!read.ok) {
    problems.push(problem(`front matter ${read.reason}`, { ...source, line: firstLine }, { ruleId: 'front-matter' }));
    return { meta: fallbackFrontMatter({}), raw: {}, source, spanOf };
  }
  const data: unknown = read.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push(
      problem('front matter must be a YAML mapping of fields such as `title: …`', { ...source, line: firstLine }, { ruleId: 'front-matter' }),
    );
    return { meta: fallbackFrontMatter({}), raw: {}, source, spanOf, parsed };
  }
  const raw = data as Record<string, unknown>;
  const checked = frontMatterSchema.safeParse(raw);
  if (checked.success) return { meta: checked.data, raw, source, spanOf, parsed };
  for (const issue of checked.error.issues) {
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    const place = missing ? { ...source, endLine: source.line, endColumn: 4 } : spanOf(issue.path);
    const field = issue.path.join('.');
    const reason = missing || issue.message.includes('`') ? issue.message : `front matter field \`${field}\`: ${issue.message}`;
    problems.push(problem(reason, place, { ruleId: 'front-matter' }));
  }
  return { meta: fallbackFrontMatter(raw), raw, source, spanOf, parsed };
}
