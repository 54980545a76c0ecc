import type { Definition, Image, ImageReference, Nodes, Parent, Root } from 'mdast';
import type { VFileMessage } from 'vfile-message';
import { problem } from '../util/problems.js';
import type { DialectInput } from './index.js';

/**
 * A comment is never published, so a comment whose syntax slipped (quotes inside an attribute
 * value, a space before `{`, a `[` or a blank line in its text) must not fall through to the page
 * as plain text. The parser leaves such a comment behind as text (or as an empty inline comment
 * followed by its text); this finds those remnants. It reads the source of text nodes only, which
 * the parser has already classified as text: it does not parse Markdown.
 */
const COMMENT_START = /(?<![\\\p{L}\p{N}_:]):{1,}comment(?![\p{L}\p{N}_-])/u;

export function checkSlips(tree: Root, input: DialectInput): VFileMessage[] {
  const problems: VFileMessage[] = [];
  const report = (node: Nodes, reason: string) => {
    const start = node.position?.start;
    const end = node.position?.end;
    problems.push(
      problem(reason, { file: input.file, line: start?.line, column: start?.column, endLine: end?.line, endColumn: end?.column }, { ruleId: 'comment-syntax' }),
    );
  };
  const sourceOf = (node: Nodes): string => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : input.source.slice(start, end);
  };
  const walk = (parent: Parent): void => {
    const children = parent.children as Nodes[];
    children.forEach((child, index) => {
      if (child.type === 'textDirective' && child.name === 'comment') {
        const next = children[index + 1];
        const nextSource = next?.type === 'text' ? sourceOf(next) : '';
        const nextStart = next?.position?.start.offset;
        const adjacent = nextStart !== undefined && nextStart === child.position?.end.offset;
        if (next?.type === 'text' && /^\s*[{[]/.test(nextSource) && (adjacent || /^\s+\{/.test(nextSource))) {
          report(
            child,
            'this comment does not parse: its text or attributes are not closed (a `[` or a blank line in the text, quotes inside a quoted value, or a space before `{`), so they would be published as text; fix the syntax',
          );
        }
      }
      if (child.type === 'text' && COMMENT_START.test(sourceOf(child))) {
        report(child, 'this looks like a comment but does not parse as one (a space before `{`, quotes inside a quoted value?), so its text would be published; fix the syntax or write `\\:` for a literal colon');
      }
      if ((child.type === 'image' || child.type === 'imageReference') && COMMENT_START.test(sourceOf(child))) {
        report(child, "a comment inside an image's description would be published as its alternative text; move the comment out of the image");
      }
      if (child.type === 'code' || child.type === 'inlineCode' || child.type === 'html') return;
      if ('children' in child) walk(child as Parent);
    });
  };
  walk(tree);
  return problems;
}

/**
 * `![x][ref]` with `[ref]: url` becomes `![x](url)`, so the one image pipeline (resolve, contain,
 * embed) sees every image however it is written. An image reference without a definition is text.
 */
export function resolveImageReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  const collect = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children as Nodes[]) collect(child);
  };
  collect(tree);
  if (definitions.size === 0) return;
  const walk = (parent: Parent): void => {
    const children = parent.children as Nodes[];
    children.forEach((child, index) => {
      if (child.type === 'imageReference') {
        const definition = definitions.get(child.identifier);
        if (definition) children[index] = imageOf(child, definition);
        return;
      }
      if ('children' in child) walk(child as Parent);
    });
  };
  walk(tree);
}

function imageOf(reference: ImageReference, definition: Definition): Image {
  return { type: 'image', url: definition.url, title: definition.title, alt: reference.alt, position: reference.position, data: reference.data };
}
