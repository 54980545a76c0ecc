import { defineRule, noOptions } from '../define.js';
import { colonsFor, DIRECTIVE_NAMES, DIRECTIVES } from '../dialect.js';
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
      'An unknown directive is rendered as nothing at all: a misspelt `:::recomendation` silently drops the recommendation from the numbering, the summary table and the editions. A known directive with the wrong number of colons (`:::toc`) is not expanded either. A colon directly followed by a word in running text (`note:see`) is also read as a directive; write `\\:` for a literal colon.',
    incorrect: [
      { title: 'A misspelt directive name', source: ':::recomendation{#a title="A"}\nCourts should act.\n:::\n', line: 1 },
      { title: 'A leaf directive written as a container', source: ':::toc\n:::\n', line: 1 },
    ],
    correct: [
      { title: 'Known directives', source: '::toc\n\n::::recommendation{#a title="A"}\nCourts should act, see :ref[a].\n::::\n' },
      { title: 'An escaped colon in text', source: 'Note\\:see the annex.\n' },
    ],
  },
  check({ report, emit }) {
    for (const item of report.directives) {
      const written = writtenAs(report, item);
      const spec = DIRECTIVES[item.name];
      const place = attributePlace(item.source.file, item.node);
      if (!spec) {
        const guess = closest(item.name, DIRECTIVE_NAMES);
        const hint = guess
          ? `; did you mean \`${colonsFor(item.kind)}${guess}\`?`
          : item.kind === 'textDirective'
            ? '; if the colon belongs to the text, write it as `\\:`'
            : `; known directives: ${DIRECTIVE_NAMES.join(', ')}`;
        emit(`unknown directive \`${written}\`: it is dropped from the output${hint}`, place);
        continue;
      }
      if (!spec.kinds.includes(item.kind)) {
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
