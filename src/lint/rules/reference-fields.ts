import { defineRule, noOptions } from '../define.js';

/**
 * The fields without which the legal styles print an incomplete note, by CSL type. A list of
 * alternatives means one of them is enough.
 */
export const REQUIRED_FIELDS: Record<string, Array<string | string[]>> = {
  legal_case: ['title', ['container-title', 'authority'], 'issued'],
  legislation: ['title'],
  bill: ['title'],
  regulation: ['title'],
  treaty: ['title', 'issued'],
  book: ['title', ['author', 'editor'], 'issued'],
  chapter: ['title', ['author', 'editor'], 'container-title', 'issued'],
  'article-journal': ['title', 'author', 'container-title', 'issued'],
  report: ['title', ['author', 'publisher'], 'issued'],
  webpage: ['title', 'URL'],
};

export default defineRule({
  meta: { id: 'reference-fields', severity: 'warn', description: 'A reference lacks a field that notes of its type need (a case without its court or report, a book without a year).' },
  options: noOptions,
  docs: {
    rationale:
      'citeproc formats what it is given: a case without its report or court, or an article without its journal, prints a note a reader cannot follow. The fields checked are those the legal styles print for each CSL type.',
    incorrect: [
      {
        title: 'A case without a year, report or court', output: ["references.yaml:1:7-1:11 reference `coco` (legal_case) lacks `container-title` or `authority`, `issued`"],
        source: 'See [@coco].\n',
        files: { 'references.yaml': '- id: coco\n  type: legal_case\n  title: Coco v AN Clark (Engineers) Ltd\n' },
        file: 'reports/example/references.yaml',
        line: 1,
      },
    ],
    correct: [
      {
        title: 'A complete case',
        source: 'See [@coco].\n',
        files: { 'references.yaml': '- id: coco\n  type: legal_case\n  title: Coco v AN Clark (Engineers) Ltd\n  container-title: RPC\n  volume: "1969"\n  page: "41"\n  authority: Ch\n  issued: {date-parts: [[1968]]}\n' },
      },
    ],
  },
  check({ report, emit }) {
    for (const item of report.references?.items ?? []) {
      const required = REQUIRED_FIELDS[item.csl.type];
      if (!required) continue;
      const present = (field: string) => item.csl[field] !== undefined && item.csl[field] !== '' && !(Array.isArray(item.csl[field]) && (item.csl[field] as unknown[]).length === 0);
      const missing = required.filter((need) => (Array.isArray(need) ? !need.some(present) : !present(need)));
      if (missing.length === 0) continue;
      const names = missing.map((need) => (Array.isArray(need) ? need.map((n) => `\`${n}\``).join(' or ') : `\`${need}\``));
      emit(`reference \`${item.id}\` (${item.csl.type}) lacks ${names.join(', ')}`, item.source);
    }
  },
});
