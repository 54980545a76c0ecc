import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

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

let shared: Processor<Root> | undefined;

/** The one Markdown processor of the dialect: every command parses through it. */
export function markdownProcessor(): Processor<Root> {
  shared ??= unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkDirectiveVerbose)
    .freeze() as unknown as Processor<Root>;
  return shared;
}

export function parseMarkdown(value: string): Root {
  return markdownProcessor().parse(value) as Root;
}
