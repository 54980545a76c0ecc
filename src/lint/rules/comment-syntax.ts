import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: {
    id: 'comment-syntax',
    severity: 'error',
    description: 'Something that starts like a comment but does not parse as one (its text would be published), or a comment inside an image description.',
  },
  options: noOptions,
  docs: {
    rationale:
      'Comments are never published. A comment with a small syntax slip — quotes inside a quoted attribute value, a space before `{`, a `[` or a blank line in its text — is not read as a comment, so its words would be printed in the report. A comment inside an image\'s description would be printed as the image\'s alternative text. The dialect stage finds these right after the parse (src/dialect/slips.ts); a build stops on them.',
    incorrect: [
      { title: 'Quotes inside a quoted value', source: 'Courts should act.:comment[Too strong?]{author="Ann "the judge""}\n', line: 1, output: ["1:19-1:40 this comment does not parse: its text or attributes are not closed (a `[` or a blank line in the text, quotes inside a quoted value, or a space before `{`), so they would be published as text; fix the syntax"] },
      { title: 'A space before the attributes of a block comment', source: ':::comment {author="Ann"}\nToo strong?\n:::\n', line: 1, output: ["1:1-3:4 this looks like a comment but does not parse as one (a space before `{`, quotes inside a quoted value?), so its text would be published; fix the syntax or write `\\:` for a literal colon"] },
    ],
    correct: [
      { title: 'A well-formed comment', source: 'Courts should act.:comment[Too strong?]{author="Ann, the judge"}\n' },
      { title: 'An escaped colon', source: 'The word \\:comment is not a comment here.\n' },
    ],
  },
  check() {
    // Everything this rule reports is found by the dialect stage (src/dialect/slips.ts) while loading.
  },
});
