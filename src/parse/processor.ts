import type { Nodes, Parent, Root, Text } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { citationFromMarkdown, citationSyntax } from '../cite/syntax.js';

/**
 * remark-directive, but with `verbose` positions: the opening, the closing fence and every
 * attribute carry their own position, which lint needs to point at an attribute and
 * `comments resolve` needs to rewrite one attribute without touching other bytes.
 */
function remarkDirectiveVerbose(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(directive());
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown({ verbose: true }));
}

/** Pandoc's citation syntax (`[see @key, 12]`, `@key [47]`), read by the same parse. */
function remarkCitations(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(citationSyntax());
  (data.fromMarkdownExtensions ??= []).push(citationFromMarkdown());
}

let shared: Processor<Root> | undefined;

/** The one Markdown processor of the dialect: every command parses through it. */
export function markdownProcessor(): Processor<Root> {
  shared ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirectiveVerbose)
    .use(remarkCitations)
    .freeze() as unknown as Processor<Root>;
  return shared;
}

export function parseMarkdown(value: string): Root {
  const tree = markdownProcessor().parse(value) as Root;
  restoreNumericColons(tree, value);
  return tree;
}

/**
 * A colon between digits is a time or a citation (`10:30`, `Art. 3:2`), never a directive, but the
 * directive syntax reads `:30` as one. Such text directives go back to the text they were written
 * as, taken from the source by their positions.
 */
function restoreNumericColons(tree: Root, source: string): void {
  const walk = (node: Parent): void => {
    for (let index = 0; index < node.children.length; index++) {
      const child = node.children[index] as Nodes;
      if (child.type === 'textDirective' && /^[0-9]/.test(child.name)) {
        const start = child.position?.start.offset;
        const end = child.position?.end.offset;
        if (start !== undefined && end !== undefined) {
          const text: Text = { type: 'text', value: source.slice(start, end), position: child.position };
          node.children.splice(index, 1, text as never);
          continue;
        }
      }
      if ('children' in child) walk(child as Parent);
    }
  };
  walk(tree);
  mergeAdjacentText(tree);
}

/** Keeps `at 10:30 today` one text node, as it would be without the directive syntax. */
function mergeAdjacentText(node: Parent): void {
  const children = node.children as Nodes[];
  for (let index = children.length - 1; index > 0; index--) {
    const previous = children[index - 1];
    const current = children[index];
    if (previous.type === 'text' && current.type === 'text') {
      previous.value += current.value;
      if (previous.position && current.position) previous.position = { start: previous.position.start, end: current.position.end };
      children.splice(index, 1);
    }
  }
  for (const child of children) if ('children' in child) mergeAdjacentText(child as Parent);
}
