import type { Command } from 'commander';
import path from 'node:path';
import type { Comparison } from '../../diff/index.js';
import { JSON_FORMAT, parseRedlineFormats } from '../../diff/formats.js';
import { FULL } from '../../render/editions.js';
import { formatHelp, WriterRun } from '../../writers/index.js';
import { resolveOut, splitList, targetsFrom, type Io } from '../shared.js';
import { runEnv } from '../../util/run-context.js';

interface DiffOptions {
  from?: string;
  to?: string;
  format: string;
  edition: string;
  changesOnly?: boolean;
  out?: string;
  template: string;
  quiet?: boolean;
  cache: boolean;
}

export function registerDiff(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('redline of what changed between two git revisions of a report, per recommendation')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('--from <rev>', 'older revision: tag, branch or commit (default: the newest tag that touches the report)')
    .option('--to <rev>', 'newer revision (default: the working tree)')
    .option('-f, --format <formats>', `comma-separated: ${formatHelp([JSON_FORMAT])} (json is also printed; docx is the redline as Word tracked changes)`, 'html')
    .option('-e, --edition <edition>', 'full, or a legal system such as civil-law', FULL)
    .option('--changes-only', 'show only changed blocks, with one block of context')
    .option('-o, --out <dir>', 'output folder (default: dist/ in the workspace)')
    .option('-t, --template <name>', 'template folder under templates/', 'default')
    .option('-q, --quiet', 'print nothing but problems and the JSON')
    .option('--no-cache', 'parse every file again instead of reusing cached parses (~/.cache/rapporteur)')
    .addHelpText(
      'after',
      `
Files: <out>/<slug>/<slug>-redline-<from>-<to>.<ext> (another edition adds -<edition> after the slug).

Examples:
  $ rapporteur diff                                       newest tag → working tree, HTML
  $ rapporteur diff access-to-evidence --from v0.2.0 --to v0.3.0 --format html,pdf
  $ rapporteur diff --format json --changes-only
  $ rapporteur diff --from v0.2.0 --to v0.3.0 --format docx   Word file whose Review pane lists every change`,
    )
    .action(async (reports: string[], options: DiffOptions) => {
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const { redlineReport } = await import('../../diff/run.js');
      const formats = parseRedlineFormats(options.format);
      const { root, targets } = await targetsFrom(reports, io);
      const out = resolveOut(options.out, root, io.cwd);
      // With JSON on stdout, progress goes to stderr so the output stays machine-readable.
      const log = options.quiet || runEnv().CI === 'true' ? () => {} : formats.includes(JSON_FORMAT) ? io.err : io.out;
      const run = new WriterRun(log);
      const results: Comparison[] = [];
      for (const target of targets) {
        results.push(
          ...(await redlineReport(target, {
            from: options.from, to: options.to, formats, editions: splitList(options.edition, [FULL]), changesOnly: options.changesOnly,
            out, template: options.template, cache: options.cache, log, warn: io.err, run,
          })),
        );
      }
      await run.finish();
      if (formats.includes(JSON_FORMAT)) io.out(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      setExit(0);
    });
}
