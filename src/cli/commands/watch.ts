import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { packagePath } from '../../util/package-root.js';
import { problem, UserError } from '../../util/problems.js';
import type { WatchThreadData, WatchThreadMessage } from '../../watch/thread.js';
import { targetsFrom, type Io } from '../shared.js';

/** Young generation of the watch thread, in MB: fewer collections per rebuild (see watch/thread.ts). */
const YOUNG_GENERATION_MB = 96;

/** Opens a URL with the desktop's own opener; failing that, the printed address is enough. */
function openBrowser(url: string, io: Io): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => io.err(`could not open a browser (${command}); open ${url} yourself`));
    child.unref();
  } catch {
    io.err(`could not open a browser; open ${url} yourself`);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UserError(`--port: "${value}" is not a port number (1 to 65535)`);
  return port;
}

export function registerWatch(program: Command, io: Io, _setExit: (code: number) => void): void {
  program
    .command('watch')
    .description('preview reports in the browser; every save rebuilds and reloads the page')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (default: 4321, or any free port if that one is taken)')
    .option('-e, --edition <edition>', 'edition shown first: full or a legal system such as civil-law', 'full')
    .option('-t, --template <name>', 'template folder under templates/ (default: from the configuration)')
    .option('-o, --open', 'open the preview in the default browser')
    .option('-q, --quiet', 'print only the address and problems, not each rebuild')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur watch                           every report; the first page lists them
  $ rapporteur watch access-to-evidence --open    one report, opened in the browser
  $ rapporteur watch access-to-evidence --port 8080 --edition civil-law

Saving report.md, a chapter, an image, the template or rapporteur.config.yaml rebuilds the
report and reloads the page. Problems appear here and in a box on the page; a save that
cannot be read keeps the last good version on screen. Nothing is written to disk: use
\`rapporteur build\` to produce the files. Stop with Ctrl-C.`,
    )
    .action(async (reports: string[], options: { port?: string; edition: string; template?: string; quiet?: boolean; open?: boolean }) => {
      const port = options.port === undefined ? undefined : parsePort(options.port);
      const { root, targets } = await targetsFrom(reports, io);
      const data: WatchThreadData = { root, targets, all: reports.length === 0, template: options.template, edition: options.edition, port, quiet: Boolean(options.quiet), color: io.color };
      // packagePath, not a URL relative to this file: the CLI may run from the one-file bundle (lib/bundle/).
      const worker = new Worker(packagePath('lib', 'watch', 'thread.js'), {
        workerData: data,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      let failure: Error | undefined;
      // Ctrl-C, kill or a closed terminal: close the server and the file watchers, then exit;
      // a second Ctrl-C does not wait for that.
      let signals = 0;
      const stop = () => {
        if (signals++ === 0) worker.postMessage('stop');
        else void worker.terminate();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      process.on('SIGHUP', stop);
      worker.on('message', (message: WatchThreadMessage) => {
        if (message.type === 'ready' && options.open) openBrowser(message.url, io);
        else if (message.type === 'out') io.out(message.text);
        else if (message.type === 'err') io.err(message.text);
        else if (message.type === 'error') {
          failure = message.user
            ? new UserError(message.message, {
                exitCode: message.exitCode,
                problems: message.problems.map((p) => problem(p.reason, p, { ruleId: p.ruleId ?? 'watch', severity: p.fatal ? 'error' : 'warning' })),
              })
            : Object.assign(new Error(message.message), { stack: message.stack });
        }
      });
      try {
        await new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('exit', () => resolve());
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.off('SIGHUP', stop);
      }
      if (failure) throw failure;
      if (!options.quiet) io.out('watch stopped');
    });
}
