// The explicit list of lint rules. A rule file that is not listed here fails test/lint-rules.test.ts.
import attributeValue from './rules/attribute-value.js';
import chapterPath from './rules/chapter-path.js';
import commentStatus from './rules/comment-status.js';
import directiveNesting from './rules/directive-nesting.js';
import exampleFamily from './rules/example-family.js';
import exampleJurisdiction from './rules/example-jurisdiction.js';
import footnoteUndefined from './rules/footnote-undefined.js';
import footnoteUnused from './rules/footnote-unused.js';
import frontMatter from './rules/front-matter.js';
import headingIncrement from './rules/heading-increment.js';
import headingSlugUnique from './rules/heading-slug-unique.js';
import linkTarget from './rules/link-target.js';
import mandatoryLanguage from './rules/mandatory-language.js';
import recommendationExample from './rules/recommendation-example.js';
import recommendationId from './rules/recommendation-id.js';
import recommendationSupport from './rules/recommendation-support.js';
import recommendationTitle from './rules/recommendation-title.js';
import refTarget from './rules/ref-target.js';
import runningTitle from './rules/running-title.js';
import unknownAttribute from './rules/unknown-attribute.js';
import unknownDirective from './rules/unknown-directive.js';
import commentSyntax from './rules/comment-syntax.js';
import termDuplicate from './rules/term-duplicate.js';
import termUndefined from './rules/term-undefined.js';
import variantCoverage from './rules/variant-coverage.js';
import translation from './rules/translation.js';
import variantEmpty from './rules/variant-empty.js';
import variantSystem from './rules/variant-system.js';
import citationKey from './rules/citation-key.js';
import legislationTitleYear from './rules/legislation-title-year.js';
import referenceDuplicate from './rules/reference-duplicate.js';
import referenceFields from './rules/reference-fields.js';
import referenceUnused from './rules/reference-unused.js';
import citationStyle from './rules/citation-style.js';
import referencesFile from './rules/references.js';
import type { AnyRule } from './types.js';

export const rules: readonly AnyRule[] = [
  referencesFile,
  citationStyle,
  referenceUnused,
  referenceFields,
  referenceDuplicate,
  legislationTitleYear,
  citationKey,
  chapterPath,
  attributeValue,
  commentStatus,
  commentSyntax,
  directiveNesting,
  exampleFamily,
  exampleJurisdiction,
  footnoteUndefined,
  footnoteUnused,
  frontMatter,
  headingIncrement,
  headingSlugUnique,
  linkTarget,
  mandatoryLanguage,
  recommendationExample,
  recommendationId,
  recommendationSupport,
  recommendationTitle,
  refTarget,
  runningTitle,
  termDuplicate,
  termUndefined,
  translation,
  unknownAttribute,
  unknownDirective,
  variantCoverage,
  variantEmpty,
  variantSystem,
];

export function ruleById(id: string): AnyRule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
