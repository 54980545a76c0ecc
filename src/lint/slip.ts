import type { DirectiveItem, Report } from '../model/types.js';
import { fenceLength } from './place.js';

/** Node types (src/dialect) of the parts of a recommendation. */
const PARTS = new Set(['variant', 'example', 'rationale']);


export interface Slip {
  /** Parts that stand outside any recommendation, each with the recommendation closed early before it (if any). */
  outside: { part: DirectiveItem; closed?: DirectiveItem }[];
  /** Recommendations that lost parts because they were closed early: other rules say nothing more about them. */
  closedEarly: Set<DirectiveItem['node']>;
}

const memo = new WeakMap<Report, Slip>();

/**
 * The nesting slip (`:::recommendation` around `:::variant`), read from the model: a part whose
 * ancestors lack a recommendation, after a recommendation in the same file whose fence is no
 * longer than the part's own, was meant to be inside that recommendation.
 */
export function analyseSlips(report: Report): Slip {
  const known = memo.get(report);
  if (known) return known;
  const slip: Slip = { outside: [], closedEarly: new Set() };
  const lastRecommendation = new Map<string, DirectiveItem>();
  for (const item of report.directives) {
    if (item.kind !== 'containerDirective') continue;
    if (item.node.type === 'recommendation' && !item.ancestorTypes.includes('recommendation')) {
      lastRecommendation.set(item.source.file, item);
      continue;
    }
    if (!PARTS.has(item.node.type) || item.ancestorTypes.includes('recommendation')) continue;
    const before = lastRecommendation.get(item.source.file);
    const closed = before && fenceLength(report, before.source) <= fenceLength(report, item.source) ? before : undefined;
    slip.outside.push({ part: item, closed });
    if (closed) slip.closedEarly.add(closed.node);
  }
  memo.set(report, slip);
  return slip;
}
