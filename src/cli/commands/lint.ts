import type { Command } from 'commander';
import { UserError } from '../../util/problems.js';
import { printProblems, targetsFrom, type Io } from '../shared.js';

// Kept in step with src/lint/reporters/index.ts; the lint modules load only when the command runs.
const FORMATS = ['stylish', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UserError(`--max-warnings must be a whole number of 0 or more, not "${value}"`);
  return Number(value);
}

export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${value}"`);
  return value as Format;
}

export function registerLint(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check reports for broken structure and weak recommendations (rules: docs/lint.md)')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'stylish')
    .option('--no-cache', 'parse every file again instead of reusing parsed trees of unchanged files')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (default: lint.maxWarnings in the config, else no limit)')
    .addHelpText(
      'after',
      `
Exit codes: 0 clean (or warnings only), 1 errors found or too many warnings, 2 bad usage or unreadable input.

Examples:
  $ rapporteur lint                                   every report
  $ rapporteur lint access-to-evidence --max-warnings 0
  $ rapporteur lint --format github                   annotations for GitHub Actions
  $ rapporteur lint --format json > lint.json`,
    )
    .action(async (reports: string[], options: { format: string; maxWarnings?: string; cache: boolean }) => {
      const format = parseFormat(options.format);
      const cliMax = parseMaxWarnings(options.maxWarnings);
      const { root, targets } = await targetsFrom(reports, io);
      const { lintTargets } = await import('../../lint/index.js');
      const { formatMessages } = await import('../../lint/reporters/index.js');
      const outcome = await lintTargets(root, targets, { cache: options.cache });
      const maxWarnings = cliMax ?? outcome.maxWarnings;
      const output = formatMessages(format, outcome.messages, { color: io.color, maxWarnings });
      if (output || format === 'json') io.out(output || '[]\n');
      printProblems(outcome.unreadable, io);
      const errors = outcome.messages.filter((m) => m.fatal).length;
      const warnings = outcome.messages.length - errors;
      if (outcome.unreadable.length > 0) setExit(2);
      else if (errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings)) setExit(1);
    });
}
