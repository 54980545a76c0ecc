import type { Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';

/**
 * What may reach a published page: GitHub's rules plus the classes, ids and data attributes the
 * renderer itself sets. Scripts, iframes, objects, event handlers and `javascript:` URLs from the
 * source never pass; raw HTML is not even parsed (remark-rehype drops it).
 */
/** The default schema limits `className` per tag to GitHub's few values; we allow any class everywhere. */
function withoutClassLimits(attributes: NonNullable<Schema['attributes']>): NonNullable<Schema['attributes']> {
  const result: NonNullable<Schema['attributes']> = {};
  for (const [tag, list] of Object.entries(attributes)) {
    result[tag] = list.filter((entry) => (Array.isArray(entry) ? entry[0] : entry) !== 'className');
  }
  return result;
}

const baseAttributes = withoutClassLimits(defaultSchema.attributes ?? {});

export const publishSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []), 'section', 'aside', 'nav', 'header', 'footer', 'figure', 'figcaption', 'span', 'div', 'mark'],
  attributes: {
    ...baseAttributes,
    '*': [...(baseAttributes['*'] ?? []), 'className', 'id', 'lang', 'dir', 'role', 'title', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy', 'ariaHidden', 'data*'],
    
    img: [...(baseAttributes.img ?? []), 'loading', 'width', 'height'],
  },
  protocols: {
    ...defaultSchema.protocols,
    // Images are embedded by the renderer; anything else in `src` has already been refused.
    src: ['data'],
  },
};

export function sanitizeTree(tree: Root): Root {
  return sanitize(tree, publishSchema) as Root;
}
