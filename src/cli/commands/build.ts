import type { Command } from 'commander';
import path from 'node:path';
import { isError } from '../../util/problems.js';
import { formatHelp } from '../../writers/index.js';
import { printProblems, resolveOut, splitList, targetsFrom, type Io } from '../shared.js';
import { runEnv } from '../../util/run-context.js';

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
    .option('-l, --lang <langs>', 'languages: the source, a stored translation (ja), all, or en+ja for the bilingual edition')
    .option('--with-comments', 'DOCX: the open comments as Word comments with their replies, written under <out>/<slug>/internal/ (refused for a public report)')
    .option('-q, --quiet', 'print nothing but problems')
    .option('--no-cache', 'parse every file again instead of reusing cached parses (~/.cache/rapporteur)')
    .option('--no-verify', 'write PDFs without reading them back to check that no word, footnote or page number is lost')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur build                                   every report, full edition, HTML
  $ rapporteur build access-to-evidence --format html,pdf --edition all
  $ rapporteur build reports/access-to-evidence/report.md --out /tmp/site
  $ rapporteur build access-to-evidence --format docx --with-comments   Word file with the open comments
  $ rapporteur build access-to-evidence --lang ja --format html,pdf      the Japanese edition
  $ rapporteur build access-to-evidence --lang en+ja                    source and translation side by side`,
    )
    .action(async (reports: string[], options: { format?: string; edition?: string; out?: string; template?: string; lang?: string; quiet?: boolean; cache: boolean; verify: boolean; withComments?: boolean }) => {
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const [{ buildReports, parseFormats }, { loadConfig }] = await Promise.all([import('../../build/index.js'), import('../../config.js')]);
      const { root, targets } = await targetsFrom(reports, io);
      const { config } = loadConfig(root);
      const formats = parseFormats(options.format ?? config.formats.join(','));
      // CI logs keep findings, not progress: a translation's coverage is said there too.
      const quiet = options.quiet || runEnv().CI === 'true';
      // Said even when quiet: a PDF that was not read back is not proven complete.
      if (!options.verify && formats.includes('pdf')) io.err('rapporteur: --no-verify: PDFs are written without the check that every word, footnote and page number is in them');
      const outcome = await buildReports(targets, {
        formats,
        editions: splitList(options.edition, config.editions),
        out: resolveOut(options.out, root, io.cwd, config.out),
        template: options.template ?? config.template,
        log: quiet ? undefined : (line) => io.out(line),
        notice: options.quiet ? undefined : (line) => io.out(line),
        cache: options.cache && runEnv().RAPPORTEUR_CACHE !== '0',
        langs: options.lang ? splitList(options.lang, []) : undefined,
        paper: config.paper,
        verify: options.verify,
        withComments: options.withComments,
      });
      printProblems(outcome.problems, io);
      if (outcome.failed.length > 0) {
        io.err(`build stopped: ${outcome.failed.join(', ')} ha${outcome.failed.length > 1 ? 've' : 's'} errors in the source (see above)`);
        setExit(2);
      } else if (outcome.problems.some(isError)) setExit(1);
    });
}
