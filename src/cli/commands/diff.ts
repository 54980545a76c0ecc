import type { Command } from 'commander';
import path from 'node:path';
import { diskParseStore, parseCacheDir, type ParseStore } from '../../cache/parse-cache.js';
import { compareReports, versionInfo, type Comparison } from '../../diff/index.js';
import { renderRedlineHtml } from '../../diff/redline.js';
import { defaultFromRevision, gitReader, requireRepository, resolveRevision, revisionFileName, someFilesUnchanged, type Revision } from '../../git/revisions.js';
import { loadReport, type ReportTarget } from '../../model/load.js';
import { diskReader, toPosix } from '../../model/reader.js';
import type { Report } from '../../model/types.js';
import { FULL, selectEditions } from '../../render/editions.js';
import { loadTemplate } from '../../render/template.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { formatProblem, isError, UserError } from '../../util/problems.js';
import { resolveOut, splitList, targetsFrom, type Io } from '../shared.js';

const DIFF_FORMATS = ['html', 'pdf', 'json', 'docx'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

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
    .option('-f, --format <formats>', 'comma-separated: html, pdf, json, docx (json is also printed; docx is the redline as Word tracked changes)', 'html')
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
      const formats = parseDiffFormats(options.format);
      const { root, targets } = await targetsFrom(reports, io);
      const out = resolveOut(options.out, root, io.cwd);
      // With JSON on stdout, progress goes to stderr so the output stays machine-readable.
      const log = options.quiet || process.env.CI === 'true' ? () => {} : formats.includes('json') ? io.err : io.out;
      const results: Comparison[] = [];
      const pdfJobs: Array<{ report: Report; edition: string; html: string; file: string }> = [];
      for (const target of targets) {
        results.push(...(await diffOne(target, options, formats, out, log, io.err, pdfJobs)));
      }
      if (pdfJobs.length > 0) {
        const { renderPdfs } = await import('../../pdf/index.js');
        await renderPdfs(pdfJobs, { log });
      }
      if (formats.includes('json')) io.out(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      setExit(0);
    });
}

/**
 * The redline's own parse cache (both versions), falling back to the build's (read only, never
 * pruned here), so the first redline after a build parses only the older version.
 */
function redlineStore(out: string, slug: string): ParseStore {
  const own = diskParseStore(parseCacheDir(out, `${slug}.redline`));
  const build = diskParseStore(parseCacheDir(out, slug));
  return {
    get: (text) => own.get(text) ?? build.get(text),
    set: (text, tree) => own.set(text, tree),
    prune: () => own.prune(),
  };
}

function parseDiffFormats(value: string): DiffFormat[] {
  const formats = splitList(value, ['html']);
  for (const format of formats) {
    if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UserError(`--format: unknown format "${format}" (use ${DIFF_FORMATS.join(', ')})`);
  }
  return formats as DiffFormat[];
}

async function loadAt(
  target: ReportTarget,
  revision: Revision | undefined,
  warn: (line: string) => void,
  cache: boolean,
  store: ParseStore | undefined,
): Promise<Report> {
  const loaded = await loadReport(target, { reader: revision ? gitReader(revision) : diskReader, cache, store });
  const shown = toPosix(path.relative(target.root, target.file));
  const where = revision ? `at ${revision.name}` : 'in the working tree';
  if (!loaded.report) throw new UserError(`${shown} does not exist ${where}; pick a revision that has this report`);
  // History cannot be fixed: problems reading a version are reported, and the comparison shows what could be read.
  for (const problem of loaded.problems.filter(isError)) warn(`${formatProblem(problem)} (${where})`);
  return loaded.report;
}

async function diffOne(
  target: ReportTarget,
  options: DiffOptions,
  formats: DiffFormat[],
  out: string,
  log: (line: string) => void,
  warn: (line: string) => void,
  pdfJobs: Array<{ report: Report; edition: string; html: string; file: string }>,
): Promise<Comparison[]> {
  const top = await requireRepository(target.root);
  const from = options.from !== undefined ? await resolveRevision(top, options.from, '--from') : await defaultFromRevision(top, target.file, target.slug);
  const to = options.to !== undefined ? await resolveRevision(top, options.to, '--to') : undefined;
  // Files that did not change are parsed once when there are any (the usual case between drafts).
  const cache = await someFilesUnchanged(top, path.dirname(target.file), from.commit, to?.commit);
  // Parsed trees of both versions are kept on disk beside the build's, so the next redline from
  // the same tag parses only what changed since (the build's own store keeps one version only).
  const store = options.cache && process.env.RAPPORTEUR_CACHE !== '0' ? redlineStore(out, target.slug) : undefined;
  const before = await loadAt(target, from, warn, cache, store);
  const after = await loadAt(target, to, warn, cache, store);
  store?.prune();
  const editions = selectEditions(after, splitList(options.edition, [FULL]));
  const template = formats.some((f) => f !== 'json') ? loadTemplate(options.template, after.root) : undefined;
  const versions = {
    from: versionInfo(before, from.name, from.commit, from.date),
    to: to ? versionInfo(after, to.name, to.commit, to.date) : versionInfo(after, 'worktree'),
  };
  const fromName = revisionFileName(from.name);
  const toName = to ? revisionFileName(to.name) : 'worktree';
  const results: Comparison[] = [];
  for (const edition of editions) {
    const started = performance.now();
    const { comparison, tree } = compareReports(before, after, versions, edition);
    results.push(comparison);
    const toLabel = to ? to.name : 'the working tree';
    if (!comparison.hasChanges) {
      log(`${target.slug}: no changes between ${from.name} and ${toLabel}${edition === FULL ? '' : ` (${edition} edition)`}`);
      continue;
    }
    const s = comparison.summary;
    log(
      `${target.slug}: ${from.name} → ${toLabel}: ${s.added.length} added, ${s.removed.length} removed, ${s.modified.length} modified, ` +
        `${s.moved.length} moved, ${s.renumbered.length} renumbered; ${comparison.stats.inserted} words inserted, ${comparison.stats.deleted} deleted`,
    );
    const base = `${target.slug}${edition === FULL ? '' : `-${edition}`}-redline-${fromName}-${toName}`;
    const dir = path.join(out, target.slug);
    if (formats.includes('json')) await writeFileAtomic(path.join(dir, `${base}.json`), `${JSON.stringify(comparison, null, 2)}\n`);
    if (formats.includes('html') || formats.includes('pdf')) {
      const html = renderRedlineHtml(comparison, tree, after, { edition, changesOnly: options.changesOnly, template });
      if (formats.includes('html')) {
        const file = path.join(dir, `${base}.html`);
        await writeFileAtomic(file, html);
        log(`${path.relative(process.cwd(), file)}  ${Math.round(performance.now() - started)} ms`);
      }
      if (formats.includes('pdf')) pdfJobs.push({ report: after, edition, html, file: path.join(dir, `${base}.pdf`) });
    }
    if (formats.includes('docx')) {
      const { redlineDocx } = await import('../../docx/redline.js');
      const { revisionAuthor } = await import('../../git/author.js');
      const revision = await revisionAuthor(top, to?.commit);
      const file = path.join(dir, `${base}.docx`);
      await writeFileAtomic(file, await redlineDocx(comparison, tree, after, { edition, changesOnly: options.changesOnly, template: options.template, revision }));
      log(`${path.relative(process.cwd(), file)}  ${Math.round(performance.now() - started)} ms`);
    }
  }
  return results;
}
