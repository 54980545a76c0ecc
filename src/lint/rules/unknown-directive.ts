import { defineRule, noOptions } from '../define.js';
import { attributeNames, colonsFor, DIRECTIVE_NAMES, formOf, specOf } from '../dialect.js';
import { attributePlace, fenceLength } from '../place.js';
import type { DirectiveItem, Report } from '../../model/types.js';
import { closest } from '../suggest.js';

export default defineRule({
  meta: {
    id: 'unknown-directive',
    severity: 'error',
    description: 'A directive the dialect does not know (a typo such as `recomendation`), or a known one written with the wrong number of colons.',
  },
  options: noOptions,
  docs: {
    rationale:
      'An unknown directive is not rendered as intended: a misspelt `:::recomendation` prints its text as a plain block and silently drops the recommendation from the numbering, the summary table and the editions. A known directive with the wrong number of colons (`:::toc`) is not expanded either. A colon directly followed by a word in running text (`note:see`) is also read as a directive and disappears from the output; write `\\:` for a literal colon (`note\\:see`). A colon between digits (`10:30`) is always plain text.',
    incorrect: [
      { title: 'A misspelt directive name', source: ':::recomendation{#a title="A"}\nCourts should act.\n:::\n', line: 1, output: ["1:1-1:31 unknown directive `:::recomendation`: it is not rendered as intended; did you mean `:::recommendation`?"] },
      { title: 'A leaf directive written as a container', source: ':::toc\n:::\n', line: 1, output: ["1:1-1:7 `:::toc` is not how toc is written: use ::toc on a line of its own"] },
      { title: 'A word after a colon read as a directive', source: 'See the annex (note:see below).\n', line: 1, output: ["1:20-1:24 `:see` is read as a directive, so it disappears from the output; if the colon belongs to the text, write it as `\\:see`"] },
    ],
    correct: [
      { title: 'Known directives', source: '::toc\n\n::::recommendation{#a title="A"}\nCourts should act, see :ref[a].\n::::\n' },
      { title: 'An escaped colon in text', source: 'Note\\:see the annex. The hearing starts at 10\\:30.\n' },
    ],
  },
  check({ report, emit }) {
    for (const item of report.directives) {
      const written = writtenAs(report, item);
      const spec = specOf(item.name);
      const place = attributePlace(item.source.file, item.node);
      if (!spec) {
        const guess = closest(item.name, DIRECTIVE_NAMES);
        if (!guess && item.kind === 'textDirective') {
          const lost = item.node.children.length > 0 ? 'only the text in its brackets is printed' : 'it disappears from the output';
          emit(`\`${written}\` is read as a directive, so ${lost}; if the colon belongs to the text, write it as \`\\${written}\``, place);
          continue;
        }
        const hint = guess ? `; did you mean \`${written.slice(0, written.length - item.name.length)}${guess}\`?` : `; known directives: ${DIRECTIVE_NAMES.join(', ')}`;
        emit(`unknown directive \`${written}\`: it is not rendered as intended${hint}`, place);
        continue;
      }
      if (!spec.forms.includes(formOf(item.kind))) {
        emit(`\`${written}\` is not how ${item.name} is written: use ${spec.example}`, place);
      }
    }
  },
});

/** How the directive was written: its own fence for a container (`::::recommendation`). */
function writtenAs(report: Report, item: DirectiveItem): string {
  const colons = item.kind === 'containerDirective' ? ':'.repeat(Math.max(3, fenceLength(report, item.source))) : colonsFor(item.kind);
  return `${colons}${item.name}`;
}
