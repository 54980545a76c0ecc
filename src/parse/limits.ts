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
/**
 * Emphasis and strikethrough marker characters (`*`, `_`, `~`) in one paragraph, and in one file.
 * micromark pairs openers with closers by searching back through the paragraph's markers, so a
 * paragraph of markers that never pair costs the square of their number (60 KB of alternating
 * `*a_` took 124 s, 12 KB of nested `*a ` 8 s). Real prose has a few per sentence.
 */
export const MAX_PARAGRAPH_MARKERS = 500;
export const MAX_FILE_MARKERS = 30_000;
/** Directives in one file (`:ref[…]`, `:comment[…]`, `::toc`, `:::variant`…) and nested in each other. */
export const MAX_INLINE_DIRECTIVES = 3000;
export const MAX_BLOCK_DIRECTIVES = 5000;
export const MAX_DIRECTIVE_NESTING = 20;
/** Columns of a table, and table cells in one file (each cell costs far more than its bytes). */
export const MAX_TABLE_COLUMNS = 100;
export const MAX_TABLE_CELLS = 100_000;

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
  return lineNestingProblem(text, file) ?? workProblem(text, file);
}

function lineNestingProblem(text: string, file: string): VFileMessage | undefined {
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

const DIRECTIVE_FENCE = /^(:{3,})\s*([A-Za-z][\w-]*)?/;
const FENCE = /^(`{3,}|~{3,})/;
const BULLET = /^[-*+](?:[ \t]+\S|$)/;
const ORDERED = /^(\d{1,9})[.)](?:[ \t]+\S|$)/;
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Unescaped `|` in a line: the cells of a table row. */
function pipes(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 124 /* | */) count++;
  }
  return count;
}

/**
 * Bounds the work of the inline parser and of directive and table handling before anything is
 * parsed: one pass over the lines, which only counts (it decides nothing about the Markdown).
 * A paragraph here is a run of lines between blank lines, list items and table rows, outside
 * fenced code; that overcounts a little (a paragraph of a list item's lazy continuation lines),
 * never undercounts what micromark treats as one paragraph.
 */
function workProblem(text: string, file: string): VFileMessage | undefined {
  const refuse = (reason: string, line: number, column = 1) => problem(reason, { file, line, column }, { ruleId: 'source-limits' });
  let paragraphMarkers = 0;
  let paragraphLine = 0;
  let fileMarkers = 0;
  let inlineDirectives = 0;
  let blockDirectives = 0;
  const open: number[] = []; // fence lengths of the container directives still open
  let fence: string | undefined;
  let inList = false;
  let inTable = false;
  let previousBlank = true;
  let previousText = '';
  let tableCells = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    const raw = text.slice(start, end);
    start = end + 1;
    // Block-quote markers and indentation do not change what the line holds.
    const first = raw.charCodeAt(0);
    let line = first === 32 || first === 9 || first === 62 ? raw.replace(/^(?:[ \t]*>)*[ \t]*/, '') : raw;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (fence !== undefined) {
      if (line.startsWith(fence) && line.slice(fence.length).replace(new RegExp(`^\\${fence[0]}*`), '').trim() === '') fence = undefined;
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    if (fenceOpen) {
      fence = fenceOpen[1];
      previousBlank = true;
      continue;
    }
    if (line.trim() === '') {
      previousBlank = true;
      paragraphMarkers = 0;
      inTable = false;
      previousText = '';
      continue;
    }
    const directive = DIRECTIVE_FENCE.exec(line);
    if (directive) {
      const length = directive[1].length;
      if (directive[2]) {
        if (++blockDirectives > MAX_BLOCK_DIRECTIVES) return refuse(`more than ${MAX_BLOCK_DIRECTIVES} block directives in one file; split it into chapter files`, lineNo);
        open.push(length);
        if (open.length > MAX_DIRECTIVE_NESTING) {
          return refuse(`directives are nested ${open.length} deep here; at most ${MAX_DIRECTIVE_NESTING} levels are read (close each \`:::\` block)`, lineNo);
        }
      } else {
        // A closing fence closes the outermost open container whose fence is not longer, and
        // everything inside it (remark-directive's rule).
        const closes = open.findIndex((opened) => opened <= length);
        if (closes !== -1) open.length = closes;
      }
      paragraphMarkers = 0;
      previousBlank = true;
      continue;
    }
    // A new list item or table row starts a new paragraph for the inline parser.
    const bullet = BULLET.test(line);
    const ordered = ORDERED.exec(line);
    if (bullet || (ordered && (previousBlank || inList || ordered[1] === '1'))) {
      inList = true;
      paragraphMarkers = 0;
      paragraphLine = lineNo;
    } else if (previousBlank) inList = false;
    const cells = pipes(line);
    if (!inTable && cells > 0 && TABLE_DELIMITER.test(line) && previousText !== '' && pipes(previousText) > 0) {
      inTable = true;
      const header = pipes(previousText);
      if (header > MAX_TABLE_COLUMNS + 1) return refuse(`a table row with ${header} \`|\` separators; tables are read up to ${MAX_TABLE_COLUMNS} columns`, lineNo - 1);
      tableCells += header + 1;
    }
    if (inTable) {
      paragraphMarkers = 0;
      paragraphLine = lineNo;
      if (cells > MAX_TABLE_COLUMNS + 1) return refuse(`a table row with ${cells} \`|\` separators; tables are read up to ${MAX_TABLE_COLUMNS} columns`, lineNo);
      tableCells += cells + 1;
      if (tableCells > MAX_TABLE_CELLS) return refuse(`more than ${MAX_TABLE_CELLS} table cells in one file; split the table or the file`, lineNo);
    }
    if (previousBlank) paragraphLine = lineNo;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) {
        paragraphMarkers++;
        fileMarkers++;
      } else if (c === 58 /* : */ && i + 1 < line.length && /[A-Za-z]/.test(line[i + 1]) && (i === 0 || line.charCodeAt(i - 1) !== 58)) {
        // `:name[` or `:name{`: an inline directive (a time like 10:30 is not one).
        let j = i + 1;
        while (j < line.length && /[\w-]/.test(line[j])) j++;
        if (line[j] === '[' || line[j] === '{') {
          if (++inlineDirectives > MAX_INLINE_DIRECTIVES) {
            return refuse(`more than ${MAX_INLINE_DIRECTIVES} inline directives (\`:comment[…]\`, \`:ref[…]\`…) in one file; split it into chapter files`, lineNo, i + 1);
          }
        }
      }
    }
    if (paragraphMarkers > MAX_PARAGRAPH_MARKERS) {
      return refuse(
        `the paragraph starting on line ${paragraphLine} has more than ${MAX_PARAGRAPH_MARKERS} emphasis or strikethrough markers (*, _, ~); at most ${MAX_PARAGRAPH_MARKERS} are read (escape literal ones as \\*)`,
        lineNo,
      );
    }
    if (fileMarkers > MAX_FILE_MARKERS) {
      return refuse(`more than ${MAX_FILE_MARKERS} emphasis or strikethrough markers (*, _, ~) in one file; split it into chapter files`, lineNo);
    }
    previousBlank = false;
    previousText = line;
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
