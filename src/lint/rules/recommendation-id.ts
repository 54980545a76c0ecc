import GithubSlugger from 'github-slugger';
import { defineRule, noOptions } from '../define.js';
import { attributeFindings } from '../dialect.js';
import { attributePlace, where } from '../place.js';

export default defineRule({
  meta: {
    id: 'recommendation-id',
    severity: 'error',
    description: 'A recommendation without an id, with an id that is not a lower-case slug, used twice, or used by the page itself (main, contents…).',
  },
  options: noOptions,
  docs: {
    rationale:
      'The id is how everything else finds a recommendation: `:ref[id]` cross-references, comments, the redline between drafts and links into the published page. It is chosen once and never changes while numbers follow the order. Two recommendations with one id make references and comments ambiguous; both places are reported.',
    incorrect: [
      { title: 'No id', source: '::::recommendation{title="Preserve evidence"}\nCourts should act.\n::::\n', line: 1, output: ["1:1-1:46 recommendation \"Preserve evidence\" has no id; give it a stable one that never changes, such as ::::recommendation{#preserve-evidence}"] },
      { title: 'An id that is not a slug', source: '::::recommendation{#Evidence_Preservation title="Preserve evidence"}\nCourts should act.\n::::\n', line: 1, output: ["1:20-1:42 recommendation id `Evidence_Preservation` should be lower-case words joined by hyphens, such as `evidence-preservation`"] },
      {
        title: 'The same id twice',
        source: '::::recommendation{#preserve title="A"}\nCourts should act.\n::::\n\n::::recommendation{#preserve title="B"}\nCourts should also act.\n::::\n',
        line: 1, output: ["1:20-1:29 recommendation id `preserve` is used twice: here and at reports/example/report.md:14; references and comments cannot tell them apart", "5:20-5:29 recommendation id `preserve` is used twice: here and at reports/example/report.md:10; references and comments cannot tell them apart"],
      },
    ],
    correct: [{ title: 'Unique slugs', source: '::::recommendation{#preserve-evidence title="A"}\nCourts should act.\n::::\n\n::::recommendation{#order-production title="B"}\nCourts should also act.\n::::\n' }],
  },
  check({ report, emit }) {
    const seen = new Map<string, (typeof report.recommendations)[number]>();
    for (const rec of report.recommendations) {
      const place = attributePlace(rec.source.file, rec.node, 'id' in rec.attributes ? 'id' : undefined);
      const label = rec.title ? `recommendation "${rec.title}"` : `recommendation ${rec.number}`;
      if (!rec.id) {
        emit(`${label} has no id; give it a stable one that never changes, such as ::::recommendation{#${new GithubSlugger().slug(rec.title || 'short-name')}}`, place);
        continue;
      }
      // The id's form and the page's own ids are the recommendation's spec (src/dialect/values.ts).
      for (const issue of attributeFindings(rec.node, report, 'recommendation-id')) emit(issue.message, place);
      const first = seen.get(rec.id);
      if (first) {
        emit(`recommendation id \`${rec.id}\` is used twice: here and at ${where(first.source)}; references and comments cannot tell them apart`, place);
        emit(`recommendation id \`${rec.id}\` is used twice: here and at ${where(rec.source)}; references and comments cannot tell them apart`, attributePlace(first.source.file, first.node, 'id'));
      } else seen.set(rec.id, rec);
    }
  },
});
