import { z } from 'zod';
import { base } from './fields.js';
import type { DirectiveSpec, RecommendationSummary } from './types.js';

/** `::recommendations`: the summary table of all recommendations (render fills in the table). */
export const recommendations: DirectiveSpec<RecommendationSummary> = {
  name: 'recommendations',
  type: 'recommendationSummary',
  forms: ['leaf'],
  attributes: () => z.object({}),
  example: '::recommendations on a line of its own',
  build: (input) => ({ type: 'recommendationSummary', ...base(input), children: [] }),
  // The table is the output: no wrapper element.
  handler: (state, node: RecommendationSummary) => state.all(node),
  text: true,
  identity: () => 'summary-table',
};
