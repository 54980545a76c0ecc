import { defineRule, noOptions } from '../define.js';
import { attributePlace, where } from '../place.js';
import { attributeFindings } from '../dialect.js';

export default defineRule({
  meta: { id: 'term-duplicate', severity: 'warn', description: 'A term defined twice, or a `:::definition` without a `term`.' },
  options: noOptions,
  docs: {
    rationale:
      'Each use of a term links to its one definition and the glossary lists it once. A second definition of the same term (case and spacing do not matter) is ambiguous: which one binds the reader? Keep one definition, and refer to it.',
    incorrect: [
      {
        title: 'The same term defined twice',
        source: ':::definition{term="trade secret"}\nSecret information.\n:::\n\n:::definition{term="Trade secret"}\nConfidential business information.\n:::\n',
        line: 5, output: ["5:15-5:34 term `Trade secret` is defined twice (first at reports/example/report.md:10); keep one definition"],
      },
    ],
    correct: [{ title: 'One definition per term', source: ':::definition{term="trade secret"}\nSecret information.\n:::\n\n:::definition{term="know-how"}\nPractical knowledge.\n:::\n' }],
  },
  check({ report, emit }) {
    const first = new Map<string, (typeof report.definitions)[number]>();
    for (const definition of report.definitions) {
      const place = attributePlace(definition.source.file, definition.node, 'term');
      // A definition without a term is its spec's finding (src/dialect/definition.ts).
      for (const issue of attributeFindings(definition.node, report, 'term-duplicate')) emit(issue.message, attributePlace(definition.source.file, definition.node, issue.attribute));
      if (!definition.key) continue;
      const earlier = first.get(definition.key);
      if (earlier) emit(`term \`${definition.term}\` is defined twice (first at ${where(earlier.source)}); keep one definition`, place);
      else first.set(definition.key, definition);
    }
  },
});
