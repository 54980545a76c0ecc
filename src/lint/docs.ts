import { rules } from './registry.js';
import type { AnyRule, DocExample } from './types.js';

/** The front matter a body-only documentation example is wrapped in (9 lines, body from line 10). */
export const EXAMPLE_FRONT_MATTER = `---
title: Example report
version: 0.1.0
status: draft
date: 2026-11-21
systems: [civil-law, common-law]
confidentiality: working-group
---

`;

/** report.md of an example: the source itself when it has front matter, else wrapped. */
export function exampleReport(example: DocExample): { text: string; lineOffset: number } {
  return example.source.startsWith('---\n') ? { text: example.source, lineOffset: 0 } : { text: EXAMPLE_FRONT_MATTER + example.source, lineOffset: 9 };
}

const fence = (text: string) => {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
};

function renderExample(example: DocExample): string {
  const f = fence(example.source);
  const files = Object.entries(example.files ?? {})
    .map(([name, text]) => `\n\n\`${name}\`:\n\n${fence(text)}markdown\n${text.trimEnd()}\n${fence(text)}`)
    .join('');
  const output = example.output?.length ? `\n\nYields:\n\n\`\`\`text\n${example.output.join('\n')}\n\`\`\`` : '';
  return `*${example.title}*\n\n${f}markdown\n${example.source.trimEnd()}\n${f}${files}${output}`;
}

function renderRule(rule: AnyRule): string {
  const { meta, docs } = rule;
  const parts = [
    `### ${meta.id}`,
    `${meta.description} Default: **${meta.severity}**.`,
    docs.rationale,
  ];
  if (docs.options) parts.push(`Options: ${docs.options}`);
  parts.push('Incorrect:', ...docs.incorrect.map(renderExample), 'Correct:', ...docs.correct.map(renderExample));
  return parts.join('\n\n');
}

/** docs/lint.md, generated from the registry so that the table and the examples never drift. */
export function renderLintDocs(): string {
  const table = ['| rule | default | what it finds |', '|---|---|---|', ...rules.map((r) => `| [${r.meta.id}](#${r.meta.id}) | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, '\\|')} |`)];
  return `<!-- Generated from src/lint/rules by \`npm run docs:lint\`; edit the rule files, not this page. -->
# rapporteur lint

\`rapporteur lint [report…] [--format stylish|json|github] [--max-warnings N]\` checks reports for
broken structure and for what makes a dialogue's recommendations weak. Each finding names the file,
line and column, the severity, a message that says what to do, and the rule id:

\`\`\`text
reports/access-to-evidence/chapters/02-obtaining-evidence.md:41:1 error \`:::example\` stands outside any recommendation: … use four colons on the recommendation: ::::recommendation … :::: directive-nesting
\`\`\`

Exit codes: **0** no errors (and no more warnings than \`--max-warnings\`), **1** errors found or too
many warnings, **2** bad usage, a bad configuration or a report that cannot be read.

## Speed and the parse cache

Parsing is nearly all of lint's time. \`rapporteur lint\` shares \`rapporteur build\`'s cache of
parsed trees (in the user's cache folder, \`~/.cache/rapporteur/\` or \`$RAPPORTEUR_CACHE_DIR\`,
never in the output folder because trees hold comment text; keyed by each file's
exact text and the parser's version), so a run after editing one chapter parses that chapter only.
A large report with nothing cached is parsed on several cores. \`--no-cache\` parses everything
again and writes nothing. Findings are the same either way.

## Output formats

- \`stylish\` (default): grouped by file, one \`file:line:column severity message rule-id\` line per
  finding and a count; coloured on a terminal unless \`NO_COLOR\` is set.
- \`json\`: an array of \`{file, line, column, endLine, endColumn, severity, rule, message}\`.
- \`github\`: GitHub Actions workflow annotations (\`::error file=…,line=…,col=…::message\`), so
  findings appear on the pull request's changed lines.

## Configuration

Every rule can be turned \`off\`, to \`warn\` or to \`error\`, and given options, in the workspace
configuration (\`rapporteur.config.yaml\`, or the \`rapporteur\` key of package.json):

\`\`\`yaml
lint:
  maxWarnings: 10          # like --max-warnings; the command line wins
  rules:
    recommendation-example: error
    heading-slug-unique: off
    mandatory-language: [error, {extra: ["has to", "have to"]}]
\`\`\`

A report can override the workspace for itself in its front matter:

\`\`\`yaml
lint:
  recommendation-example: off
\`\`\`

An unknown rule id or invalid options in the configuration stop the command (exit 2); in front
matter they are \`front-matter\` findings.

## Pre-commit hook

\`rapporteur hooks install\` writes \`.git/hooks/pre-commit\` (or into \`core.hooksPath\`). On every
commit it lints the reports the commit touches (any staged file under \`reports/<slug>/\`; all reports
when \`rapporteur.config.yaml\` changes) and stops the commit on errors. It lints the text as it is
staged — what the commit will contain — not unstaged edits. An existing hook that rapporteur did not install is never overwritten: the
command stops and prints the line to add to it (\`rapporteur hooks run pre-commit\`). Skip the check
once with \`git commit --no-verify\`.

In CI:

\`\`\`yaml
- run: npx rapporteur lint --format github --max-warnings 0
\`\`\`

## Rules

${table.join('\n')}

${rules.map(renderRule).join('\n\n')}
`;
}
