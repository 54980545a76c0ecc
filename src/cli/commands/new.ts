import { makeFolders, writeFailureReason } from '../../util/atomic-write.js';
import { isContained } from '../../util/contain.js';
import type { Command } from 'commander';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { toPosix } from '../../model/reader.js';
import { packagePath } from '../../util/package-root.js';
import { formatProblem, UserError } from '../../util/problems.js';
import { findWorkspaceRoot } from '../../workspace.js';
import { palette } from '../color.js';
import type { Io } from '../shared.js';

/** A report's slug is its folder name and the stem of every output file: keep it URL- and file-safe. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateSlug(slug: string): string {
  if (SLUG.test(slug)) return slug;
  const suggestion = slug
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const hint = suggestion && suggestion !== slug ? `; try "${suggestion}"` : '';
  throw new UserError(`"${slug}" is not a valid report slug: use lower-case letters, digits and single hyphens, such as access-to-evidence${hint}`);
}

/** "access-to-evidence" → "Access to evidence": a title to start from when none is given. */
export function titleFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The starter report.md of a template: the workspace's own templates win over the shipped ones. */
export function findStarter(template: string, root: string): { file: string; fallback: boolean } {
  // The same rules as every template: a folder name, and a workspace template inside the workspace.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(template) || template.includes('..')) {
    throw new UserError(`template "${template}" is not a template name: name a folder under templates/ (such as default)`);
  }
  const workspaceTemplate = path.join(root, 'templates', template);
  if (existsSync(workspaceTemplate) && !isContained(root, workspaceTemplate)) {
    throw new UserError(`template "${template}": templates/${template} is a symbolic link that leads outside the workspace; a template must be inside it`);
  }
  const own = [workspaceTemplate, packagePath('templates', template)];
  const exists = own.filter((dir) => existsSync(dir));
  if (exists.length === 0) {
    throw new UserError(`template "${template}" not found (looked in ${own.join(' and ')})`);
  }
  const starter = exists.map((dir) => path.join(dir, 'report.md')).find((file) => existsSync(file) && (file.startsWith(packagePath()) || isContained(root, file)));
  if (starter) return { file: starter, fallback: false };
  // A template that only restyles the output still needs a first draft: use the default one.
  return { file: packagePath('templates', 'default', 'report.md'), fallback: true };
}

/** Fills `{{title}}`, `{{date}}` and `{{slug}}`; the title is written as a YAML scalar, quoted if needed. */
export function fillStarter(text: string, values: { title: string; date: string; slug: string }): string {
  // A title is one line: a newline in it would otherwise become YAML of its own
  // (`--title $'x\nstatus: final'`). Whitespace and control characters collapse to a space, and
  // the scalar is written on one line (quoted when YAML needs it), never as a block.
  // eslint-disable-next-line no-control-regex
  const oneLineTitle = values.title.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  const title = stringify(oneLineTitle, { blockQuote: false, lineWidth: 0 }).trimEnd();
  return text.split('{{title}}').join(title).split('{{date}}').join(values.date).split('{{slug}}').join(values.slug);
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function registerNew(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('new')
    .description('start a new report: reports/<slug>/report.md from a template, ready to edit')
    .argument('<slug>', 'folder name of the report, lower-case words joined by hyphens (e.g. access-to-evidence)')
    .option('--title <title>', 'title of the report (default: made from the slug)')
    .option('-t, --template <name>', 'template whose report.md is the starter (default: from the configuration, else "default")')
    .option('-q, --quiet', 'print nothing but problems')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur new access-to-evidence
  $ rapporteur new remedies --title "Remedies in Trade Secret Cases"
  $ rapporteur new remedies --template house-style

The new report opens with a short note on the Markdown dialect (never published).
An existing report is never overwritten.`,
    )
    .action(async (slug: string, options: { title?: string; template?: string; quiet?: boolean }) => {
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const [{ loadConfig }, { repositoryRoot }, { loadReport }] = await Promise.all([import('../../config.js'), import('../../git/index.js'), import('../../model/load.js')]);
      validateSlug(slug);
      const root = findWorkspaceRoot(io.cwd);
      const template = options.template ?? loadConfig(root).config.template;
      const title = options.title?.trim() || titleFromSlug(slug);
      const starter = findStarter(template, root);
      const dir = path.join(root, 'reports', slug);
      const file = path.join(dir, 'report.md');
      const shown = toPosix(path.relative(io.cwd, file)) || file;
      if (existsSync(file)) {
        throw new UserError(`${shown} already exists; choose another slug, or edit that report (rapporteur watch ${slug})`);
      }
      const text = fillStarter(await fs.readFile(starter.file, 'utf8'), { title, date: today(), slug });
      const firstReport = !existsSync(path.join(root, 'reports'));
      try {
        await makeFolders(dir);
        // 'wx' fails if the file appeared meanwhile: never overwrite a report, even in a race.
        await fs.writeFile(file, text, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${shown} already exists; choose another slug`);
        // A read-only workspace, no permission, a full disk: one line naming the file.
        const reason = writeFailureReason(error);
        if (reason) throw new UserError(`cannot write ${shown}: ${reason}`);
        throw error;
      }
      // A brand-new workspace: keep built files out of git, as every build tool's scaffold does.
      const ignore = path.join(root, '.gitignore');
      const wroteIgnore = firstReport && !existsSync(ignore);
      if (wroteIgnore) await fs.writeFile(ignore, '# Built by rapporteur (build, diff, comments); never committed\ndist/\n', { flag: 'wx' }).catch(() => {});
      // The starter must load cleanly; a custom template that does not is worth saying at once.
      const loaded = await loadReport({ slug, root, file });
      for (const message of loaded.problems) io.err(formatProblem(message));
      if (loaded.problems.some((m) => m.fatal)) setExit(1);
      if (options.quiet) return;
      const c = palette(io.color);
      if (starter.fallback) io.out(c.dim(`template "${template}" has no report.md; started from the default one`));
      io.out(`${c.green('created')} ${shown}`);
      if (wroteIgnore) io.out(`${c.green('created')} ${toPosix(path.relative(io.cwd, ignore)) || '.gitignore'} ${c.dim('(dist/ holds built files and is not committed)')}`);
      const next: Array<[string, string]> = [
        [`rapporteur watch ${slug}`, 'preview in the browser while you write'],
        [`rapporteur lint ${slug}`, 'check the draft'],
        [`rapporteur build ${slug} --format pdf`, 'publish a PDF'],
      ];
      // Redlines and the comment register read git history: say so once, where it matters.
      if (!(await repositoryRoot(root))) next.push(['git init', 'keep versions: redlines compare tagged drafts']);
      const width = Math.max(...next.map(([command]) => command.length)) + 3;
      io.out(['', 'Next:', ...next.map(([command, what]) => `  ${command.padEnd(width)}${c.dim(what)}`)].join('\n'));
    });
}
