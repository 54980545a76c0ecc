import { defineRule, noOptions } from '../define.js';
import { attributeNames, colonsFor, specOf } from '../dialect.js';
import { attributePlace, fenceLength } from '../place.js';
import type { DirectiveItem, Report } from '../../model/types.js';
import { closest } from '../suggest.js';

export default defineRule({
  meta: {
    id: 'unknown-attribute',
    severity: 'error',
    description: 'An attribute a directive does not take (`sytem=` on a variant), with the closest known attribute.',
  },
  options: noOptions,
  docs: {
    rationale:
      'Attributes carry the structure: a variant\'s `system`, an example\'s `jurisdiction`, a recommendation\'s `id` and `title`. A misspelt attribute is ignored, so the variant belongs to no system and disappears from every single-system edition. `#x` is short for `id=x` and `.x` for `class=x`.',
    incorrect: [
      {
        title: 'A misspelt attribute',
        source: '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{sytem=civil-law}\nA judge should order it.\n:::\n::::\n',
        line: 4, output: ["4:12-4:27 unknown attribute `sytem` on `:::variant` is ignored; did you mean `system`? (:::variant takes system)"],
      },
    ],
    correct: [
      {
        title: 'Attributes each directive takes',
        source:
          '::::recommendation{#a title="A" topic=evidence}\nCourts should act.\n\n:::variant{system=civil-law}\nA judge should order it.\n:::\n\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n::::\n\n:comment[Check this]{author="Ann" status=open}\n',
      },
    ],
  },
  check({ report, emit }) {
    for (const item of report.directives) {
      const spec = specOf(item.name);
      if (!spec) continue; // unknown-directive reports the directive itself
      const known = attributeNames(spec);
      for (const name of Object.keys(item.attributes)) {
        if (known.includes(name)) continue;
        const written = writtenAs(report, item);
        const guess = closest(name, known);
        const takes = known.length ? `${written} takes ${known.join(', ')}` : `${written} takes no attributes`;
        const hint = guess ? `did you mean \`${guess}\`? (${takes})` : takes;
        emit(`unknown attribute \`${name}\` on \`${written}\` is ignored; ${hint}`, attributePlace(item.source.file, item.node, name));
      }
    }
  },
});

/** How the directive was written: its own fence for a container (`::::recommendation`). */
function writtenAs(report: Report, item: DirectiveItem): string {
  const colons = item.kind === 'containerDirective' ? ':'.repeat(Math.max(3, fenceLength(report, item.source))) : colonsFor(item.kind);
  return `${colons}${item.name}`;
}
