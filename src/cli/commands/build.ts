import type { Command } from 'commander';
import path from 'node:path';
import { buildReports, parseFormats } from '../../build/index.js';
import { loadConfig } from '../../config.js';
import { isError } from '../../util/problems.js';
import { formatHelp } from '../../writers/index.js';
import { printProblems, resolveOut, splitList, targetsFrom, type Io } from '../shared.js';

export function registerBuild(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('build')
    .description('render reports to HTML and PDF, one file per edition')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    // No commander defaults: an absent flag falls back to rapporteur.config.yaml, then the built-in default.
    .option('-f, --format <formats>', `comma-separated output formats: ${formatHelp()}, or all (default: config, else html)`)
    .option('-e, --edition <editions>', 'full, a legal system (e.g. civil-law), or all (default: config, else full)')
    .option('-o, --out <dir>', 'output folder (default: config, else dist/ in the workspace)')
    .option('-t, --template <name>', 'template folder under templates/ (default: config, else default)')
    .option('-q, --quiet', 'print nothing but problems')
    .option('--no-cache', 'parse every file again instead of reusing cached parses (~/.cache/rapporteur)')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur build                                   every report, full edition, HTML
  $ rapporteur build access-to-evidence --format html,pdf --edition all
  $ rapporteur build reports/access-to-evidence/report.md --out /tmp/site`,
    )
    .action(async (reports: string[], options: { format?: string; edition?: string; out?: string; template?: string; quiet?: boolean; cache: boolean }) => {
      const { root, targets } = await targetsFrom(reports, io);
      const { config } = loadConfig(root);
      const formats = parseFormats(options.format ?? config.formats.join(','));
      const quiet = options.quiet || process.env.CI === 'true';
      const outcome = await buildReports(targets, {
        formats,
        editions: splitList(options.edition, config.editions),
        out: resolveOut(options.out ?? path.resolve(root, config.out), root, io.cwd),
        template: options.template ?? config.template,
        log: quiet ? undefined : (line) => io.out(line),
        cache: options.cache && process.env.RAPPORTEUR_CACHE !== '0',
      });
      printProblems(outcome.problems, io);
      if (outcome.failed.length > 0) {
        io.err(`build stopped: ${outcome.failed.join(', ')} ha${outcome.failed.length > 1 ? 've' : 's'} errors in the source (see above)`);
        setExit(2);
      } else if (outcome.problems.some(isError)) setExit(1);
    });
}
