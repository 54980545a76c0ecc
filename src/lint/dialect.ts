import { attributeIssues, attributeNames, specOf, type AttributeIssue, type DialectFields, type DialectNode } from '../dialect/index.js';
import type { Report } from '../model/types.js';
import { closest } from './suggest.js';

export { colonsFor, DIRECTIVE_NAMES, specOf, attributeNames, formOf } from '../dialect/index.js';

/**
 * The value of a misspelt form of attribute `name` (`sytem=civil-law` for `system`), so that
 * rules reading `name` do not pile follow-on findings onto the one unknown-attribute reports.
 * The attributes a directive takes come from its spec in src/dialect.
 */
export function misspeltAttribute(node: Pick<DialectFields, 'directiveName' | 'attributes'>, name: string): string | undefined {
  const spec = specOf(node.directiveName);
  const attributes = node.attributes;
  const known = spec ? attributeNames(spec) : [];
  for (const [key, value] of Object.entries(attributes)) {
    if (known.includes(key)) continue;
    if (closest(key, known) === name) return value;
  }
  return undefined;
}

/**
 * The bad attribute values of a typed node that lint rule `rule` reports: its spec's zod issues
 * (src/dialect), in the report's context. A missing attribute written misspelt (`sytem=`) is
 * unknown-attribute's finding alone, so it is not reported again as missing.
 */
export function attributeFindings(node: DialectNode, report: Pick<Report, 'meta' | 'templateIds'>, rule: string): AttributeIssue[] {
  return attributeIssues(node, { systems: report.meta.systems, templateIds: report.templateIds }).filter(
    (issue) => issue.rule === rule && (issue.attribute in node.attributes || misspeltAttribute(node, issue.attribute) === undefined),
  );
}
