import type { Nodes } from 'mdast';

const BLOCK = new Set([
  'paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'code',
  'containerDirective', 'leafDirective', 'footnoteDefinition', 'thematicBreak', 'html',
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
    case 'textDirective':
    case 'leafDirective':
    case 'containerDirective':
      if (node.name === 'comment') return;
      if (node.name === 'ref' && node.type === 'textDirective') {
        parts.push(plainText(node.children));
        return;
      }
      break;
    default:
      break;
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      collect(child, parts);
      if (BLOCK.has(child.type)) parts.push(' ');
    }
  }
}
