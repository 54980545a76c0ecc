import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';
import { UserError, formatProblem } from '../util/problems.js';
import { oneLine } from '../util/printable.js';
import { registerBuild } from './commands/build.js';
import { registerNew } from './commands/new.js';
import { registerWatch } from './commands/watch.js';
import { registerConfig } from './commands/config.js';
import { registerCompletion } from './commands/completion.js';
import { registerLint } from './commands/lint.js';
import { registerHooks } from './commands/hooks.js';
import { registerDiff } from './commands/diff.js';
import { citeprocCredit } from '../cite/notes.js';
import { registerVersions } from './commands/versions.js';
import { registerComments } from './commands/comments.js';
import { registerTranslate } from './commands/translate.js';
import { registerSite } from './commands/site.js';
import { defaultIo, type Io } from './shared.js';
import { withRunContext } from '../util/run-context.js';
import { clearConfigCache } from '../config.js';

const version = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;

/**
 * Runs the command line and returns the exit code: 0 success, 1 problems found (lint errors),
 * 2 bad usage or unreadable input. Never lets a stack trace reach the user unless --debug.
 */
export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('rapporteur')
    .description('Draft, lint, redline, comment on and publish best-practices reports written in Markdown.')
    .version(versionText(version), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces for unexpected errors')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });
  program.addHelpText(
    'after',
    `
Examples:
  $ rapporteur new remedies                      start a report from the template
  $ rapporteur watch remedies                    preview in the browser while you write
  $ rapporteur build remedies --format html,pdf  publish

\`rapporteur <command> --help\` shows a command's options and examples; docs/guide.md walks
through a report from first draft to publication.`,
  );
  // Listed in --help in the order of a rapporteur's day: write, check, publish, circulate, then setup.
  registerNew(program, io, setExit);
  registerWatch(program, io, setExit);
  registerLint(program, io, setExit);
  registerBuild(program, io, setExit);
  registerDiff(program, io, setExit);
  registerVersions(program, io, setExit);
  registerComments(program, io, setExit);
  registerTranslate(program, io, setExit);
  registerSite(program, io, setExit);
  registerConfig(program, io, setExit);
  registerHooks(program, io, setExit);
  registerCompletion(program, io, setExit);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) }).showSuggestionAfterError(true);
  }

  try {
    // Each run reads the configuration as it is now: a host that calls run() again (tests, an
    // editor) must see an edited rapporteur.config.yaml, as a new process would.
    clearConfigCache();
    // Paths are shown relative to io.cwd and settings read from io.env, also when run in-process.
    await withRunContext({ cwd: io.cwd, env: io.env ?? process.env }, () => program.parseAsync(argv, { from: 'user' }));
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      if (error.code === 'commander.executeSubCommandAsync') return 0;
      return 2;
    }
    if (error instanceof UserError) {
      for (const problem of error.problems) io.err(formatProblem(problem));
      io.err(`rapporteur: ${oneLine(error.message)}`);
      return error.exitCode;
    }
    const debug = argv.includes('--debug') || (io.env ?? process.env).RAPPORTEUR_DEBUG === '1';
    const message = error instanceof Error ? error.message : String(error);
    io.err(`rapporteur: internal error: ${oneLine(message)}`);
    if (debug && error instanceof Error && error.stack) io.err(error.stack);
    else io.err('(run again with --debug to see where it happened, and report it)');
    return 2;
  }
}

/** The version, then the credits of what formats citations (citeproc-js's licence asks for its attribution). */
function versionText(own: string): string {
  return [
    own,
    `citations: ${citeprocCredit()}, https://github.com/Juris-M/citeproc-js`,
    'citation styles and locales: Citation Style Language project (CC BY-SA 3.0), read from the installed styles',
  ].join('\n');
}
