import { familyOfSystem } from '../../model/jurisdictions.js';
import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';

export default defineRule({
  meta: {
    id: 'example-family',
    severity: 'error',
    description: 'An example inside a variant whose jurisdiction belongs to another legal family (a US example under the civil-law variant).',
  },
  options: noOptions,
  docs: {
    rationale:
      'An example inside a variant illustrates how that system works, and readers of the civil-law edition read only civil-law variants. A United States example under the civil-law variant shows them a procedure their courts do not have. Move it to the variant of its family, or to the recommendation\'s shared part. Jurisdictions whose system is mixed (South Africa, Israel…) fit under any variant; the family of each code comes from data/jurisdictions.json.',
    incorrect: [
      {
        title: 'A US example under the civil-law variant',
        source:
          ':::::recommendation{#a title="A"}\nCourts should act.\n\n::::variant{system=civil-law}\nA bailiff describes the evidence.\n\n:::example{jurisdiction=US}\nDiscovery under Rule 34.\n:::\n::::\n\n::::variant{system=common-law}\nA search order.\n::::\n:::::\n',
        line: 7, output: ["7:12-7:27 example from United States (common law) stands in the civil-law variant; move it to the common-law variant or to the shared part"],
      },
    ],
    correct: [
      {
        title: 'Each example under its own family',
        source:
          ':::::recommendation{#a title="A"}\nCourts should act.\n\n::::variant{system=civil-law}\nA bailiff describes the evidence.\n\n:::example{jurisdiction=FR}\nThe saisie-contrefaçon.\n:::\n::::\n\n::::variant{system=common-law}\nA search order.\n\n:::example{jurisdiction=US}\nDiscovery under Rule 34.\n:::\n::::\n:::::\n',
      },
    ],
  },
  check({ report, emit }) {
    for (const rec of report.recommendations) {
      for (const example of rec.examples) {
        if (!example.withinSystem || !example.family || example.family === 'mixed') continue;
        const expected = familyOfSystem(example.withinSystem);
        if (!expected || expected === 'mixed' || expected === example.family) continue;
        const better = report.meta.systems.find((s) => familyOfSystem(s) === example.family);
        const move = better ? `move it to the ${better} variant or to the shared part` : 'move it to the shared part of the recommendation';
        emit(
          `example from ${example.jurisdictionName} (${example.family} law) stands in the ${example.withinSystem} variant; ${move}`,
          attributePlace(example.source.file, example.node, 'jurisdiction'),
        );
      }
    }
  },
});
