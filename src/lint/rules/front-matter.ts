import { z } from 'zod';
import { defineRule } from '../define.js';
import { frontMatterPlace } from '../place.js';

const WHY: Record<string, string> = {
  date: 'the date of this draft, written YYYY-MM-DD',
  systems: 'the legal systems the recommendations distinguish, such as [civil-law, common-law]',
  confidentiality: 'public or working-group, so that nobody publishes a working draft by mistake',
  dialogue: 'the name of the dialogue the report belongs to',
  rapporteurs: 'who wrote the report',
};

export default defineRule({
  meta: {
    id: 'front-matter',
    severity: 'error',
    description: 'Front matter missing, not valid YAML, with an invalid field (status, version, date, systems, confidentiality…), or without a field every report should state.',
  },
  options: z
    .object({
      /** Fields that the schema lets default but that a report should state explicitly. */
      require: z.array(z.enum(['date', 'systems', 'confidentiality', 'dialogue', 'rapporteurs'])).default(['date', 'systems', 'confidentiality']),
    })
    .strict(),
  docs: {
    rationale:
      'The front matter drives everything else: `status` decides what lint tolerates (open comments in a final report), `systems` which variants each recommendation needs and which editions exist, `version` and `date` what the title page and the redline say, `confidentiality` whether a build may be published. These findings come from reading the report (the loader) and from this rule: no front matter, YAML that does not parse, a field of the wrong form (`status` not draft/review/final, `version` not semver, `date` not YYYY-MM-DD, `systems` not a list of kebab-case names, `confidentiality` not public/working-group), a bad `lint:` entry, or a field in `require` left out.',
    options: '`require` (default `[date, systems, confidentiality]`): fields that must be written out even though they have defaults; any of date, systems, confidentiality, dialogue, rapporteurs.',
    incorrect: [
      { title: 'An invalid status', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: published\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: public\n---\n\nText.\n', line: 4, output: ["4:9-4:18 `status` must be one of draft, review, final"] },
      { title: 'A version that is not semver', source: '---\ntitle: A report\nversion: "1.0"\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: public\n---\n\nText.\n', line: 3, output: ["3:10-3:15 `version` must be a semantic version such as 0.3.0"] },
      { title: 'No date', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\nsystems: [civil-law, common-law]\nconfidentiality: public\n---\n\nText.\n', line: 1, output: ["1:1-1:4 the front matter has no `date` (the date of this draft, written YYYY-MM-DD)"] },
      { title: 'An unknown rule in `lint:`', source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: public\nlint:\n  mandatory-langauge: off\n---\n\nText.\n', line: 9, output: ["9:3-9:21 front matter `lint`: unknown lint rule `mandatory-langauge`; did you mean `mandatory-language`?"] },
    ],
    correct: [
      {
        title: 'Every field stated',
        source: '---\ntitle: A report\nversion: 0.3.0\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: working-group\nlint:\n  recommendation-example: off\n---\n\nText.\n',
      },
    ],
  },
  check({ report, options, emit }) {
    // Schema problems are reported by the loader; this adds what the schema lets default.
    if (!report.metaSource) return;
    for (const field of options.require) {
      if (report.rawMeta[field] !== undefined) continue;
      emit(`the front matter has no \`${field}\` (${WHY[field]})`, frontMatterPlace(report, []));
    }
  },
});
