import type { Nodes } from 'mdast';
import { countsAsText } from '../dialect/index.js';

const BLOCK = new Set([
  'paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'code',
  'containerDirective', 'leafDirective', 'footnoteDefinition', 'thematicBreak', 'html',
  'recommendation', 'variant', 'example', 'rationale', 'toc', 'recommendationSummary', 'termDefinition', 'glossary',
  'principle', 'recommendationHeading',
]);

/**
 * The reader-visible text of a node: what a rendered page says, so that diffs and lint see words,
 * never Markdown syntax. Comments are not part of the text; a cross-reference reads as its target
 * until rendering numbers it; footnote calls are dropped.
 */
export function plainText(node: Nodes | Nodes[]): string {
  const parts: string[] = [];
  collect(node, parts);
  return parts.join('').replace(/[ \t\r\n]+/g, ' ').trim();
}

function collect(node: Nodes | Nodes[], parts: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) {
      collect(child, parts);
      if (BLOCK.has(child.type)) parts.push(' ');
    }
    return;
  }
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      parts.push(node.value);
      return;
    case 'break':
      parts.push(' ');
      return;
    case 'image':
      parts.push(node.alt ?? '');
      return;
    case 'footnoteReference':
    case 'html':
    case 'yaml':
    case 'definition':
      return;
    default:
      // Typed nodes whose content is not text (comments) say so in their directive's spec.
      if (!countsAsText(node)) return;
      break;
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      collect(child, parts);
      if (BLOCK.has(child.type)) parts.push(' ');
    }
  }
}
