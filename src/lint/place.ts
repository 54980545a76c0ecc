import type { Nodes } from 'mdast';
import { isNode } from 'yaml';
import type { Report, SourceFile, SourceSpan } from '../model/types.js';
import type { Place } from './types.js';

type Point = { line: number; column: number; offset?: number };
type Positioned = { position?: { start: Point; end: Point } };

/** The span of an mdast node in `file`. */
export function nodePlace(file: string, node: Positioned): Place {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Offsets of the first character of every line of a text, for offset → line/column. */
const lineStartsCache = new WeakMap<SourceFile, number[]>();

function lineStarts(file: SourceFile): number[] {
  let starts = lineStartsCache.get(file);
  if (!starts) {
    starts = [0];
    const text = file.value;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsCache.set(file, starts);
  }
  return starts;
}

export function pointAt(file: SourceFile, offset: number): { line: number; column: number } {
  const starts = lineStarts(file);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

export function spanAt(file: SourceFile, start: number, end: number): Place {
  const a = pointAt(file, start);
  const b = pointAt(file, end);
  return { file: file.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

const filesByPath = new WeakMap<Report, Map<string, SourceFile>>();

export function sourceFile(report: Report, path: string): SourceFile | undefined {
  let files = filesByPath.get(report);
  if (!files) filesByPath.set(report, (files = new Map(report.files.map((f) => [f.path, f]))));
  return files.get(path);
}

/**
 * Number of colons that open a container directive, read from the source at the node's start
 * offset (remark-directive does not keep it; reading the fence characters is not parsing).
 */
export function fenceLength(report: Report, span: SourceSpan): number {
  const file = sourceFile(report, span.file);
  if (!file || span.startOffset === undefined) return 0;
  let n = 0;
  while (file.value.charCodeAt(span.startOffset + n) === 58 /* : */) n++;
  return n;
}

/** The position of one attribute of a directive (verbose positions from the processor), or the opening. */
export function attributePlace(file: string, node: { data?: unknown; position?: Positioned['position'] }, name?: string): Place {
  const verbose = (node.data as { position?: { opening?: { start: Point; end: Point }; attributes?: Record<string, { start: Point; end: Point }> } } | undefined)?.position;
  const at = (name && verbose?.attributes?.[name]) || verbose?.opening;
  if (at) return { file, line: at.start.line, column: at.start.column, endLine: at.end.line, endColumn: at.end.column };
  return nodePlace(file, node as Nodes);
}

/**
 * The place of a front matter field (`['lint', 'mandatory-language']`), found by reading the
 * YAML block again with positions; the block itself when the field is missing.
 */
export function frontMatterPlace(report: Report, path: (string | number)[], keyOnly = false): Place {
  const block: Place = report.metaSource
    ? { file: report.file, line: report.metaSource.line, column: 1, endLine: report.metaSource.line, endColumn: 4 }
    : { file: report.file, line: 1, column: 1 };
  if (path.length === 0) return block;
  // Parsed once, by the loader, with positions.
  const parsed = report.frontMatterDoc;
  if (!parsed) return block;
  const { doc, counter, firstLine } = parsed;
  let found: { range?: [number, number, number] | null } | undefined;
  if (keyOnly && path.length > 0) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items;
    found = items?.find((pair) => pair.key?.value === path.at(-1))?.key;
  } else {
    const node = doc.getIn(path, true);
    found = isNode(node) ? node : undefined;
  }
  if (!found?.range) return block;
  const a = counter.linePos(found.range[0]);
  const b = counter.linePos(found.range[1]);
  return { file: report.file, line: firstLine + a.line - 1, column: a.col, endLine: firstLine + b.line - 1, endColumn: b.col };
}

export function where(place: { file: string; line?: number }): string {
  return `${place.file}:${place.line ?? 1}`;
}
