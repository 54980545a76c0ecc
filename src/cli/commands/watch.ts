import type { Command } from 'commander';
import { formatProblem, UserError } from '../../util/problems.js';
import type { RebuildResult } from '../../watch/session.js';
import { palette } from '../color.js';
import { targetsFrom, type Io } from '../shared.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UserError(`--port: "${value}" is not a port number (1 to 65535)`);
  return port;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export function registerWatch(program: Command, io: Io, _setExit: (code: number) => void): void {
  program
    .command('watch')
    .description('preview reports in the browser; every save rebuilds and reloads the page')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (default: 4321, or any free port if that one is taken)')
    .option('-e, --edition <edition>', 'edition shown first: full or a legal system such as civil-law', 'full')
    .option('-t, --template <name>', 'template folder under templates/ (default: from the configuration)')
    .option('-q, --quiet', 'print only the address and problems, not each rebuild')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur watch                          every report; the first page lists them
  $ rapporteur watch access-to-evidence       open the address it prints
  $ rapporteur watch access-to-evidence --port 8080 --edition civil-law

Saving report.md, a chapter, an image, the template or rapporteur.config.yaml rebuilds the
report and reloads the page. Problems appear here and in a box on the page; a save that
cannot be read keeps the last good version on screen. Nothing is written to disk: use
\`rapporteur build\` to produce the files. Stop with Ctrl-C.`,
    )
    .action(async (reports: string[], options: { port?: string; edition: string; template?: string; quiet?: boolean }) => {
      const port = options.port === undefined ? undefined : parsePort(options.port);
      const { root, targets } = await targetsFrom(reports, io);
      const c = palette(io.color);
      const printed = new Map<string, string>();
      const onBuild = (results: RebuildResult[], reason: string) => {
        for (const result of results) {
          const lines = result.problems.map((p) => {
            const line = formatProblem(p);
            return p.fatal ? line.replace(' error ', ` ${c.red('error')} `) : line.replace(' warning ', ` ${c.yellow('warning')} `);
          });
          const signature = lines.join('\n');
          if (!options.quiet || printed.get(result.slug) !== signature) for (const line of lines) io.err(line);
          printed.set(result.slug, signature);
          if (options.quiet) continue;
          const ms = `${Math.round(result.ms)} ms`;
          if (result.ok) io.out(`${c.dim(clock())} ${c.green('built')} ${result.slug} in ${ms}${reason === 'start' ? '' : c.dim(` (${reason})`)}`);
          else io.out(`${c.dim(clock())} ${c.red('not built')} ${result.slug}: fix the errors above; the page keeps the last good version`);
        }
      };
      const { startWatch } = await import('../../watch/index.js');
      const handle = await startWatch({ root, targets, template: options.template, edition: options.edition, port, onBuild });
      io.out(`${c.bold('Preview')} ${c.cyan(handle.url)}  (${targets.length === 1 ? targets[0].slug : `${targets.length} reports`}; Ctrl-C to stop)`);

      // Stop cleanly on Ctrl-C or a kill, closing the server and file watchers so the process exits.
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.off('SIGHUP', stop);
          handle.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        process.on('SIGHUP', stop);
      });
      if (!options.quiet) io.out('watch stopped');
    });
}
