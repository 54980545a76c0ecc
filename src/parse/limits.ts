import type { Root } from 'mdast';
import type { VFileMessage } from 'vfile-message';
import { problem } from '../util/problems.js';

/**
 * Limits that keep hostile or accidental inputs from hanging or crashing a build. micromark's time
 * grows with the square of container nesting (10,000 nested list items on one line take minutes),
 * and the tree walkers recurse, so nesting is refused before parsing; a Markdown file larger than
 * any report would be (a 1,000-page report is under 4 MB) is refused before reading it whole.
 */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** Lists and block quotes opened on one line. Real reports use a handful. */
export const MAX_LINE_NESTING = 100;
/** Leading spaces of one line: deeper indentation means nesting by indentation (same cost). */
export const MAX_INDENT = 400;
/** Depth of the parsed tree (a nested list item is two levels: list and item). */
export const MAX_TREE_DEPTH = 400;

export function sizeProblem(bytes: number, file: string): VFileMessage | undefined {
  if (bytes <= MAX_SOURCE_BYTES) return undefined;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return problem(
    `${file} is ${mb(bytes)}; Markdown files are read up to ${mb(MAX_SOURCE_BYTES)}: split the report into chapter files`,
    { file, line: 1, column: 1 },
    { ruleId: 'source-limits' },
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Counts the block-quote and list markers that open one line (`> - 1. > …`). This is not a
 * Markdown parser: it only bounds the work the parser is asked to do.
 */
function lineNesting(text: string, start: number, end: number): number {
  let depth = 0;
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      depth++;
      i++;
      continue;
    }
    if ((c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) && isSpace(text.charCodeAt(i + 1))) {
      depth++;
      i += 2;
      continue;
    }
    let j = i;
    while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const d = text.charCodeAt(j);
    if (j > i && (d === 46 /* . */ || d === 41 /* ) */) && isSpace(text.charCodeAt(j + 1))) {
      depth++;
      i = j + 2;
      continue;
    }
    break;
  }
  return depth;
}

export function nestingProblem(text: string, file: string): VFileMessage | undefined {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let indent = 0;
    while (start + indent < end && isSpace(text.charCodeAt(start + indent))) indent++;
    if (indent > MAX_INDENT) {
      return problem(
        `line is indented ${indent} columns, as if nested hundreds of levels deep; at most ${MAX_INDENT} columns are read`,
        { file, line, column: 1 },
        { ruleId: 'source-limits' },
      );
    }
    const depth = lineNesting(text, start, end);
    if (depth > MAX_LINE_NESTING) {
      return problem(
        `line nests ${depth} lists or block quotes; at most ${MAX_LINE_NESTING} levels are read`,
        { file, line, column: 1 },
        { ruleId: 'source-limits' },
      );
    }
    start = end + 1;
    line++;
  }
  return undefined;
}

/** The deepest node of a parsed tree, walked without recursion. */
export function depthProblem(tree: Root, file: string): VFileMessage | undefined {
  const stack: Array<[node: { children?: unknown[]; position?: Root['position'] }, depth: number]> = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) {
      const start = node.position?.start;
      return problem(
        `content is nested more than ${MAX_TREE_DEPTH} levels deep (lists, block quotes or directives inside each other); flatten it`,
        { file, line: start?.line, column: start?.column },
        { ruleId: 'source-limits' },
      );
    }
    if (Array.isArray(node.children)) for (const child of node.children) stack.push([child as typeof node, depth + 1]);
  }
  return undefined;
}

/** True when a text may be handed to the parser (for code that parses ahead of the loader). */
export function withinLimits(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= MAX_SOURCE_BYTES && nestingProblem(text, '') === undefined;
}
