import { slug } from 'github-slugger';
import { defineRule, noOptions } from '../define.js';
import { where } from '../place.js';

export default defineRule({
  meta: { id: 'heading-slug-unique', severity: 'warn', description: 'Two headings whose text gives the same anchor (`#introduction`).' },
  options: noOptions,
  docs: {
    rationale:
      'Every heading gets an anchor from its text; `:ref[slug]` and links into the published page use it. When two headings read the same, the second gets `-1` appended, so a reference meant for it reaches the first, and the anchor changes when headings are reordered. Give headings distinct texts.',
    incorrect: [{ title: 'The same heading twice', source: '# Evidence\n\n## Examples\n\n# Secrets\n\n## Examples\n', line: 7, output: ["7:1-7:12 heading \"Examples\" has the same anchor #examples as the heading at reports/example/report.md:12; references to #examples reach the first one; make the headings distinct"] }],
    correct: [{ title: 'Distinct headings', source: '# Evidence\n\n## Examples of preservation\n\n# Secrets\n\n## Examples of protection\n' }],
  },
  check({ report, emit }) {
    const seen = new Map<string, (typeof report.headings)[number]>();
    for (const heading of report.headings) {
      const base = slug(heading.text || 'section');
      const first = seen.get(base);
      if (first) {
        emit(`heading "${heading.text}" has the same anchor #${base} as the heading at ${where(first.source)}; references to #${base} reach the first one; make the headings distinct`, heading.source);
      } else seen.set(base, heading);
    }
  },
});
