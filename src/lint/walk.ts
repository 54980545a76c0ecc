import type { Nodes, Parents } from 'mdast';

/**
 * Depth-first walk of an mdast subtree. `visit` returns false to skip a node's children.
 * Plain recursion: faster than unist-util-visit-parents on large trees and enough for rules.
 */
export function walk(node: Nodes, visit: (node: Nodes, parent?: Parents) => boolean | void, parent?: Parents): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit, node as Parents);
}
