import { defineRule, noOptions } from '../define.js';
import { analyseSlips } from '../slip.js';
import { misspeltAttribute } from '../dialect.js';
import { attributePlace, where } from '../place.js';

const REC = '::::recommendation{#a title="A"}\nCourts should be able to order that evidence is preserved.\n\n';

export default defineRule({
  meta: {
    id: 'variant-coverage',
    severity: 'error',
    description: 'A recommendation without exactly one variant for each system in `systems` (unless `uniform`), or `uniform` with variants.',
  },
  options: noOptions,
  docs: {
    rationale:
      'The dialogue\'s perspectives are diverse: a recommendation says how it reads in each legal system the report distinguishes (front matter `systems`). The edition for one system shows the shared principle and that system\'s variant, so a missing variant leaves readers of that edition with the principle alone, and two variants for one system print both. A recommendation that reads the same everywhere says so with `uniform`, and then has no variants. A report with a single system in `systems` needs no variants.',
    incorrect: [
      { title: 'No common-law variant', source: `${REC}:::variant{system=civil-law}\nA judge should order a bailiff to describe the evidence.\n:::\n::::\n`, line: 1, output: ["1:1-1:33 recommendation `a` has no variant for common-law; add :::variant{system=common-law}, or mark it `uniform` if it reads the same in every system"] },
      {
        title: 'Two civil-law variants',
        source: `${REC}:::variant{system=civil-law}\nA bailiff.\n:::\n\n:::variant{system=civil-law}\nA seizure.\n:::\n\n:::variant{system=common-law}\nA search order.\n:::\n::::\n`,
        line: 8, output: ["8:1-8:29 recommendation `a` has a second civil-law variant (the first is at reports/example/report.md:13); merge them into one"],
      },
    ],
    correct: [
      { title: 'One variant per system', source: `${REC}:::variant{system=civil-law}\nA bailiff.\n:::\n\n:::variant{system=common-law}\nA search order.\n:::\n::::\n` },
      { title: 'A uniform recommendation', source: '::::recommendation{#a title="A" uniform}\nCourts should give reasons.\n::::\n' },
      {
        title: 'A report for a single legal system',
        source: '---\ntitle: A report\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law]\n---\n\n::::recommendation{#a title="A"}\nCourts should give reasons.\n::::\n',
      },
    ],
  },
  check({ report, emit }) {
    const systems = report.meta.systems;
    // A recommendation closed early by the nesting slip lost its parts: directive-nesting explains it.
    const slipped = analyseSlips(report).closedEarly;
    for (const rec of report.recommendations) {
      if (slipped.has(rec.node)) continue;
      const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
      const opening = attributePlace(rec.source.file, rec.node);
      if (rec.uniform) {
        if (rec.variants.length > 0) {
          emit(`${name} is marked \`uniform\` but has ${rec.variants.length} variant(s); remove \`uniform\`, or the variants`, attributePlace(rec.source.file, rec.node, 'uniform'));
        }
        continue;
      }
      // A misspelt `system` attribute counts for the system it names: unknown-attribute reports the typo.
      const systemOf = (v: (typeof rec.variants)[number]) => v.system || misspeltAttribute(v.node, 'system') || '';
      const missing = systems.filter((system) => !rec.variants.some((v) => systemOf(v) === system));
      // A report for one legal system needs no variants: its principle is that system's text.
      if (missing.length > 0 && systems.length > 1) {
        const add = missing.map((s) => `:::variant{system=${s}}`).join(' and ');
        emit(`${name} has no variant for ${missing.join(' and ')}; add ${add}, or mark it \`uniform\` if it reads the same in every system`, opening);
      }
      for (const system of systems) {
        const same = rec.variants.filter((v) => systemOf(v) === system);
        for (const extra of same.slice(1)) {
          emit(`${name} has a second ${system} variant (the first is at ${where(same[0].source)}); merge them into one`, attributePlace(extra.source.file, extra.node));
        }
      }
    }
  },
});
