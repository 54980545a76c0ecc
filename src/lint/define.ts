import { z } from 'zod';
import type { Rule, RuleDocs, RuleMeta, RuleContext } from './types.js';

/** Documentation of every rule (in the toolchain's repository); the anchor is the rule id. Set a full URL here once the docs are published. */
export const DOCS_BASE = 'docs/lint.md';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}#${id}`;
}

/** The options schema of a rule that takes none: any object, no keys. */
export const noOptions = z.object({}).strict();

/** Builds a rule with its docs url filled in from its id. */
export function defineRule<Options>(rule: {
  meta: Omit<RuleMeta, 'url'>;
  options: z.ZodType<Options, z.ZodTypeDef, unknown>;
  docs: RuleDocs;
  check(context: RuleContext<Options>): void;
}): Rule<Options> {
  return { ...rule, meta: { ...rule.meta, url: docsUrl(rule.meta.id) } };
}
