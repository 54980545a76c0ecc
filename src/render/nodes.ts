import type { BlockContent, DefinitionContent, Heading, Parent, PhrasingContent } from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import { blockElement, inlineElement } from '../dialect/hast.js';

/**
 * Nodes the render steps add to their copy of the tree: the parts of a recommendation a reader
 * sees that the author did not write as such (its heading, its principle) and derived numbers.
 * They are typed so that the diff knows them by type, never by a CSS class.
 */
export interface Principle extends Parent {
  type: 'principle';
  children: Array<BlockContent | DefinitionContent>;
}

export interface RecommendationHeading extends Parent {
  type: 'recommendationHeading';
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  children: PhrasingContent[];
}

/** A number derived from position ("2.1", "Recommendation 2.3"): renumbering is not a text change. */
export interface DerivedNumber extends Parent {
  type: 'derivedNumber';
  role: 'heading' | 'recommendation';
  /** The number alone ("2.3"), whatever words the language puts around it ("勧告 2.3"). */
  number?: string;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface BlockContentMap {
    principle: Principle;
    recommendationHeading: RecommendationHeading;
  }
  interface PhrasingContentMap {
    derivedNumber: DerivedNumber;
  }
  interface RootContentMap {
    principle: Principle;
    recommendationHeading: RecommendationHeading;
    derivedNumber: DerivedNumber;
  }
}

/** A heading with its section id (declared by the model, `data.sectionId`) as its HTML id, first of its attributes. */
export function headingHandler(state: State, node: Heading) {
  const element = defaultHandlers.heading(state, node);
  const id = node.data?.sectionId;
  if (id) element.properties = { id, ...element.properties };
  return element;
}

export const renderHandlers: Handlers = {
  heading: headingHandler,
  principle: (state, node: Principle) => blockElement(state, node, 'div', { className: ['principle'] }),
  recommendationHeading: (state, node: RecommendationHeading) => inlineElement(state, node, `h${node.depth}`, { className: ['recommendation-heading'] }),
  derivedNumber: (state, node: DerivedNumber) =>
    inlineElement(state, node, 'span', { className: [node.role === 'heading' ? 'heading-number' : 'recommendation-number'] }),
};
