import path from 'node:path';
import { runCwd, runEnv } from '../util/run-context.js';
import { diskParseStore, parseCacheDir, type ParseStore } from '../cache/parse-cache.js';
import { defaultFromRevision, gitReader, requireRepository, resolveRevision, revisionFileName, someFilesUnchanged, type Revision } from '../git/revisions.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import { diskReader, toPosix } from '../model/reader.js';
import type { Report } from '../model/types.js';
import { FULL, selectEditions } from '../render/editions.js';
import { loadTemplate } from '../render/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isContained } from '../util/contain.js';
import { formatProblem, isError, UserError } from '../util/problems.js';
import { writerFor, type Writer, type WriterRun } from '../writers/index.js';
import { JSON_FORMAT } from './formats.js';
import { revisionAuthor } from '../git/author.js';
import { compareReports, versionInfo, type Comparison } from './index.js';
import { renderRedlineHtml } from './redline.js';

/**
 * The diff stage's orchestration for one report: resolve the two revisions, load both versions
 * (sharing parses of unchanged files), compare each edition and hand the redline to the writers.
 * The `diff` command only parses its options and prints.
 */


export interface RedlineOptions {
  from?: string;
  to?: string;
  formats: string[];
  editions: string[];
  changesOnly?: boolean;
  /** Absolute output folder. */
  out: string;
  template: string;
  cache: boolean;
  log: (line: string) => void;
  warn: (line: string) => void;
  run: WriterRun;
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

async function loadAt(
  target: ReportTarget,
  revision: Revision | undefined,
  options: { warn: (line: string) => void; cache: boolean; store: ParseStore | undefined; template: string },
): Promise<Report> {
  const { warn, cache, store, template } = options;
  const loaded = await loadReport(target, { reader: revision ? gitReader(revision) : diskReader, cache, store, template });
  const shown = toPosix(path.relative(target.root, target.file));
  const where = revision ? `at ${revision.name}` : 'in the working tree';
  if (!loaded.report) throw new UserError(`${shown} does not exist ${where}; pick a revision that has this report`);
  // History cannot be fixed: problems reading a version are reported, and the comparison shows what could be read.
  for (const problem of loaded.problems.filter(isError)) warn(`${formatProblem(problem)} (${where})`);
  return loaded.report;
}

/** Compares the revisions of one report, edition by edition, and writes the redlines. */
export async function redlineReport(target: ReportTarget, options: RedlineOptions): Promise<Comparison[]> {
  const { formats, out, log, warn } = options;
  const top = await requireRepository(target.root);
  const from = options.from !== undefined ? await resolveRevision(top, options.from, '--from') : await defaultFromRevision(top, target.file, target.slug);
  const to = options.to !== undefined ? await resolveRevision(top, options.to, '--to') : undefined;
  // Files that did not change are parsed once when there are any (the usual case between drafts).
  const cache = await someFilesUnchanged(top, path.dirname(target.file), from.commit, to?.commit);
  // Parsed trees of both versions are kept on disk beside the build's, so the next redline from
  // the same tag parses only what changed since (the build's own store keeps one version only).
  const store = options.cache && runEnv().RAPPORTEUR_CACHE !== '0' ? redlineStore(out, target.slug) : undefined;
  const before = await loadAt(target, from, { warn, cache, store, template: options.template });
  const after = await loadAt(target, to, { warn, cache, store, template: options.template });
  store?.prune();
  const editions = selectEditions(after, options.editions.length ? options.editions : [FULL]);
  const writers = formats.map((format) => writerFor(format)).filter((writer): writer is Writer => writer !== undefined);
  const template = writers.some((writer) => writer.fromHtml) ? loadTemplate(options.template, after.root) : undefined;
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
    const name = `${target.slug}${edition === FULL ? '' : `-${edition}`}-redline-${fromName}-${toName}`;
    const dir = path.join(out, target.slug);
    if (!isContained(out, dir)) throw new UserError(`the output folder ${path.relative(runCwd(), dir) || dir} is a symbolic link that leads outside ${path.relative(runCwd(), out) || out}; remove it`);
    if (formats.includes(JSON_FORMAT)) await writeFileAtomic(path.join(dir, `${name}.json`), `${JSON.stringify(comparison, null, 2)}\n`);
    const written = await options.run.write(writers, after, edition, {
      file: (writer) => path.join(dir, `${name}.${writer.extension}`),
      within: out,
      template,
      templateName: options.template,
      // Writers that do not print the HTML (DOCX tracked changes) read the comparison itself.
      redline: writers.some((writer) => writer.format === 'docx') ? { comparison, tree, changesOnly: options.changesOnly, revision: await revisionAuthor(top, to?.commit) } : undefined,
      html: () => renderRedlineHtml(comparison, tree, after, { edition, changesOnly: options.changesOnly, template }),
    });
    for (const file of written) log(`${path.relative(runCwd(), file)}  ${Math.round(performance.now() - started)} ms`);
  }
  return results;
}
