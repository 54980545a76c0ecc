import { packagePath } from '../../util/package-root.js';
import type { Command } from 'commander';
import { existsSync, readFileSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ReportTarget } from '../../model/load.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { UserError } from '../../util/problems.js';
import { findWorkspaceRoot } from '../../workspace.js';
import { printProblems, type Io } from '../shared.js';

/** The line that marks a hook as ours: only such a hook is ever overwritten. */
export const HOOK_MARKER = '# rapporteur pre-commit hook';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function hookScript(): string {
  // packagePath, not a path relative to this file: the CLI may run from the one-file bundle.
  // Only the Rapporteur that installed the hook runs, by absolute path: never a file the
  // repository controls (a committed node_modules/.bin/rapporteur would run a collaborator's
  // code on every commit) nor a PATH lookup that a relative PATH entry could turn into one.
  const bin = packagePath('bin', 'rapporteur');
  return `#!/bin/sh
${HOOK_MARKER} (installed by \`rapporteur hooks install\`).
# Lints the reports this commit touches; a lint error stops the commit.
# Skip it once with \`git commit --no-verify\`.
if [ -f ${quote(bin)} ] && [ -x ${quote(process.execPath)} ]; then exec ${quote(process.execPath)} ${quote(bin)} hooks run pre-commit; fi
echo ${quote(`rapporteur pre-commit hook: ${bin} (run by ${process.execPath}) is gone; run \`rapporteur hooks install\` again, or commit with --no-verify`)} >&2
exit 1
`;
}

/** The reports a set of changed files belongs to; a change to the lint configuration touches all. */
export function reportsTouched(root: string, files: string[]): ReportTarget[] | 'all' {
  const reportsDir = path.join(root, 'reports');
  const slugs = new Set<string>();
  for (const file of files) {
    const rel = path.relative(root, file);
    if (/^rapporteur\.config\.ya?ml$/.test(rel)) return 'all';
    const inReports = path.relative(reportsDir, file);
    if (inReports.startsWith('..') || path.isAbsolute(inReports)) continue;
    const [slug, ...rest] = inReports.split(path.sep);
    if (rest.length > 0 && existsSync(path.join(reportsDir, slug, 'report.md'))) slugs.add(slug);
  }
  return [...slugs].sort().map((slug) => ({ slug, root, file: path.join(reportsDir, slug, 'report.md') }));
}

export function registerHooks(program: Command, io: Io, setExit: (code: number) => void): void {
  const hooks = program
    .command('hooks')
    .description('git hooks: lint the reports a commit touches')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur hooks install          lint the reports each commit touches; a lint error stops the commit
  $ rapporteur hooks run pre-commit   what the installed hook runs, by hand`,
    );

  hooks
    .command('install')
    .description('install a git pre-commit hook that runs `rapporteur lint` on the reports a commit touches')
    .action(async () => {
      const { hooksDirectory } = await import('../../git/hooks.js');
      const dir = await hooksDirectory(io.cwd);
      if (!dir) throw new UserError(`${io.cwd} is not inside a git repository; run \`git init\` first`);
      const file = path.join(dir, 'pre-commit');
      const shown = path.relative(io.cwd, file) || file;
      if (existsSync(file) && !readFileSync(file, 'utf8').includes(HOOK_MARKER)) {
        throw new UserError(
          `${shown} already exists and was not installed by rapporteur; it was left unchanged. Add this line to it to lint staged reports: rapporteur hooks run pre-commit`,
        );
      }
      mkdirSync(dir, { recursive: true });
      await writeFileAtomic(file, hookScript());
      chmodSync(file, 0o755);
      io.out(`installed ${shown}: commits now lint the reports they touch (skip once with git commit --no-verify)`);
    });

  hooks
    .command('run')
    .description('run a hook by hand (what the installed hook calls)')
    .argument('<hook>', 'pre-commit')
    .action(async (hook: string) => {
      if (hook !== 'pre-commit') throw new UserError(`unknown hook "${hook}"; the only hook is pre-commit`);
      const root = findWorkspaceRoot(io.cwd);
      // Loaded when the hook runs: every command's imports are paid at every start of the CLI.
      const [{ stagedFiles }, { indexReader }] = await Promise.all([import('../../git/hooks.js'), import('../../git/index-reader.js')]);
      const touched = reportsTouched(root, await stagedFiles(io.cwd));
      let targets: ReportTarget[];
      if (touched === 'all') {
        const { resolveReports } = await import('../../workspace.js');
        targets = await resolveReports([], root, io.cwd);
      } else targets = touched;
      if (targets.length === 0) return;
      const { lintTargets } = await import('../../lint/index.js');
      const { formatMessages } = await import('../../lint/reporters/index.js');
      // Lint what the commit will contain: the staged text, not unstaged edits.
      const outcome = await lintTargets(root, targets, { reader: await indexReader(io.cwd) });
      const output = formatMessages('stylish', outcome.messages, { color: io.color, maxWarnings: outcome.maxWarnings });
      if (output) io.err(output);
      printProblems(outcome.unreadable, io);
      const errors = outcome.messages.filter((m) => m.fatal).length;
      const warnings = outcome.messages.length - errors;
      if (outcome.unreadable.length > 0) setExit(2);
      else if (errors > 0 || (outcome.maxWarnings !== undefined && warnings > outcome.maxWarnings)) {
        io.err('commit stopped by rapporteur lint: fix the errors above (or skip the check once with git commit --no-verify)');
        setExit(1);
      }
    });
}
