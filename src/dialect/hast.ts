import type { Element, ElementContent, Properties } from 'hast';
import type { Nodes } from 'mdast';
import type { State } from 'mdast-util-to-hast';

/** A block element around a node's rendered children, with the node's own hName/hProperties applied. */
export function blockElement(state: State, node: Nodes, tagName: string, properties: Properties, before: ElementContent[] = []): Element {
  const element: Element = { type: 'element', tagName, properties, children: state.wrap([...before, ...state.all(node)], true) };
  state.patch(node, element);
  return state.applyData(node, element);
}

/** An inline element around a node's rendered children. */
export function inlineElement(state: State, node: Nodes, tagName: string, properties: Properties): Element {
  const element: Element = { type: 'element', tagName, properties, children: state.all(node) };
  state.patch(node, element);
  return state.applyData(node, element);
}

/** A label paragraph (`<p class="variant-label">Civil-law systems</p>`): derived, never part of the text. */
export function labelParagraph(className: string, text: string): Element {
  return { type: 'element', tagName: 'p', properties: { className: [className] }, children: [{ type: 'text', value: text }] };
}
