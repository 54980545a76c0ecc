import path from 'node:path';
import { runCwd } from '../util/run-context.js';
import type { VFileMessage } from 'vfile-message';
import { diskParseStore, parseCacheDir, type ParseStore } from '../cache/parse-cache.js';
import { startStamp } from '../git/stamp.js';
import { lintReport } from '../lint/engine.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { RegisterEntry } from '../comments/register.js';
import type { Report } from '../model/types.js';
import { outputName, selectEditions } from '../render/editions.js';
import { renderHtml } from '../render/html.js';
import { loadTemplate } from '../render/template.js';
import { removeStaleTemporaries } from '../util/atomic-write.js';
import { isError, problem, UserError } from '../util/problems.js';
import { escapeReason } from '../util/contain.js';
import { FORMAT_NAMES, parseFormatList, WriterRun, writerFor, type Writer } from '../writers/index.js';
import { languageState, storedLanguages } from '../i18n/check.js';
import { localizeReport } from '../i18n/localize.js';
import { renderBilingualHtml } from '../i18n/bilingual.js';
import { canonicalLang } from '../i18n/workflow.js';
import { writeSelfReference } from '../cite/self.js';

/** The output formats, from the writers registry (src/writers). */
export const FORMATS = FORMAT_NAMES;
export type Format = string;

export interface BuildOptions {
  formats: Format[];
  editions: string[];
  /** Absolute output folder; each report goes to `<out>/<slug>/`. */
  out: string;
  template?: string;
  /** Progress: what was written, and how long it took (silent in CI and with --quiet). */
  log?: (line: string) => void;
  /**
   * What a reader of the build must know even in CI: a translation's coverage and the units shown
   * in the source language. Silent only with --quiet. Defaults to `log`.
   */
  notice?: (line: string) => void;
  /** Reuse parsed chapters from the parse cache (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /**
   * Languages to build (`--lang`): a language tag, `all` (the source and every stored translation)
   * or `en+ja` (the bilingual edition). Absent: the source language only, under the plain names.
   */
  langs?: string[];
  /** Paper for PDFs when the front matter names none (the configuration's `paper`; default A4). */
  paper?: 'A4' | 'Letter';
  /** Check each PDF against its edition before writing it (default true; `--no-verify` turns it off). */
  verify?: boolean;
  /** Milliseconds one call to Chromium may take (RunSettings; default an hour). No command-line option sets it. */
  protocolTimeoutMs?: number;
  /** DOCX only: the open comments as Word comments, written under `<out>/<slug>/internal/` (never for a public report). */
  withComments?: boolean;
}

/** One language a report is built in: the source (no suffix), a translation, or a pair side by side. */
type LanguageJob = { kind: 'source' } | { kind: 'translation'; lang: string } | { kind: 'bilingual'; lang: string };

function languageJobs(report: Report, requested: string[] | undefined): LanguageJob[] {
  if (!requested || requested.length === 0) return [{ kind: 'source' }];
  const jobs: LanguageJob[] = [];
  const source = report.meta.lang;
  for (const value of requested) {
    if (value === 'all') {
      jobs.push({ kind: 'source' }, ...storedLanguages(report).map((lang) => ({ kind: 'translation' as const, lang })));
    } else if (value.includes('+')) {
      const [first, second, ...rest] = value.split('+').map((part) => canonicalLang(part));
      if (rest.length || first !== source || !second || second === source) {
        throw new UserError(`--lang ${value}: a bilingual edition is the source language and one translation (${source}+ja)`);
      }
      jobs.push({ kind: 'bilingual', lang: second });
    } else {
      const lang = canonicalLang(value);
      jobs.push(lang === source ? { kind: 'source' } : { kind: 'translation', lang });
    }
  }
  const seen = new Set<string>();
  return jobs.filter((job) => {
    const key = job.kind === 'source' ? 'source' : `${job.kind}:${job.lang}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface BuildOutcome {
  outputs: string[];
  problems: VFileMessage[];
  /** Reports that could not be built because their source has errors. */
  failed: string[];
}

export function parseFormats(value: string): Format[] {
  return parseFormatList(value);
}

/** Loads a report and refuses to go on when its source has errors a reader would see. */
export async function loadForBuild(target: ReportTarget, problems: VFileMessage[], options: { store?: ParseStore; template?: string } = {}): Promise<Report | undefined> {
  const loaded = await loadReport(target, { store: options.store, template: options.template });
  problems.push(...loaded.problems);
  if (!loaded.report || loaded.problems.some(isError)) return undefined;
  // A structure that cannot be read (a part outside any recommendation, a recommendation inside
  // another or inside a variant) would publish text under the wrong recommendation: stop with
  // lint's message instead.
  const structure = lintReport({ report: loaded.report, problems: [] }, { only: STRUCTURE_RULES }).filter(isError);
  if (structure.length > 0) {
    problems.push(...structure);
    return undefined;
  }
  return loaded.report;
}

/** The lint rules whose errors mean the recommendations cannot be read from the tree. */
const STRUCTURE_RULES = ['directive-nesting'];

export async function buildReports(targets: ReportTarget[], options: BuildOptions): Promise<BuildOutcome> {
  const outcome: BuildOutcome = { outputs: [], problems: [], failed: [] };
  const log = options.log ?? (() => {});
  const notice = options.notice ?? log;
  const run = new WriterRun(log, { verify: options.verify, protocolTimeoutMs: options.protocolTimeoutMs });
  const writers = options.formats.map((format) => writerFor(format)).filter((writer): writer is Writer => writer !== undefined);
  for (const target of targets) {
    // git answers in its own processes while the report is parsed.
    const stampFor = startStamp(path.dirname(target.file));
    // Parsed on this thread: worker threads (lint's prefetch) cost more CPU and ~50 MB more memory
    // than they saved on a 1,000-page report here (bench/run.js), and unchanged files come from the cache.
    const store = options.cache === false ? undefined : diskParseStore(parseCacheDir(options.out, target.slug));
    const report = await loadForBuild(target, outcome.problems, { store, template: options.template ?? 'default' });
    if (report) store?.prune();
    if (!report) {
      outcome.failed.push(target.slug);
      continue;
    }
    const editions = selectEditions(report, options.editions);
    // A DOCX-only build needs no HTML template (a template folder may hold just a reference.docx).
    const templateName = options.template ?? 'default';
    const template = writers.some((writer) => writer.fromHtml) ? loadTemplate(templateName, report.root) : undefined;
    const htmlTemplate = () => template ?? loadTemplate(templateName, report.root);
    for (const note of template?.problems ?? []) if (!outcome.problems.some((p) => p.file === note.file && p.reason === note.reason && p.line === note.line)) outcome.problems.push(note);
    const stamp = await stampFor(report.files.map((f) => f.absPath));
    const dir = path.join(options.out, report.slug);
    const escape = escapeReason(options.out, dir, path.relative(runCwd(), options.out) || options.out);
    if (escape) {
      // A `dist/<slug>` link (committed, or planted) would carry the outputs elsewhere.
      outcome.problems.push(problem(`the output folder ${path.relative(runCwd(), dir) || dir} ${escape}; remove the link`, { file: report.file }, { ruleId: 'output' }));
      outcome.failed.push(report.slug);
      continue;
    }
    // What a killed build left half-written here is of no use to anyone.
    await removeStaleTemporaries(dir);
    const paper = report.meta.paper ?? options.paper ?? 'A4';
    const comments = options.withComments && options.formats.includes('docx') ? await registerForDocx(report) : undefined;
    // The report's own reference, beside its outputs, for "How to cite this report".
    outcome.outputs.push(...(await writeSelfReference(report, dir)));
    for (const job of languageJobs(report, options.langs)) {
      let built = report;
      let suffix: string | undefined;
      let render = (edition: string) => renderHtml(built, { edition, stamp, template: htmlTemplate() });
      if (job.kind !== 'source') {
        const state = languageState(report, job.lang);
        if (!state) throw new UserError(`${report.file}: no translation into ${job.lang} (extract one with \`rapporteur translate extract ${report.slug} --lang ${job.lang}\`, then \`translate import\` it)`);
        const localized = localizeReport(report, state, job.lang);
        built = localized.report;
        suffix = job.kind === 'bilingual' ? `${report.meta.lang}+${job.lang}` : job.lang;
        const stale = localized.fallbacks.filter((f) => f.status === 'stale').map((f) => f.id);
        const missing = localized.fallbacks.filter((f) => f.status !== 'stale').map((f) => f.id);
        notice(`${report.slug} ${job.lang}: ${localized.translated} of ${localized.total} units translated; shown in ${report.meta.lang}: ${stale.length} stale${idList(stale)}, ${missing.length} untranslated${idList(missing)}`);
        if (job.kind === 'bilingual') render = (edition: string) => renderBilingualHtml(report, localized.report, { edition, stamp, template: htmlTemplate() });
      }
      for (const edition of editions) {
        const started = performance.now();
        const written = await run.write(writers, built, edition, {
          file: (writer) => path.join(dir, outputName(report.slug, edition, writer.extension, suffix)),
          within: options.out,
          template,
          templateName,
          paper,
          commit: stamp.commit,
          comments,
          html: () => {
            const { html, problems } = render(edition);
            outcome.problems.push(...problems);
            return html;
          },
        });
        for (const file of written) log(`${path.relative(runCwd(), file)}  ${edition}  ${Math.round(performance.now() - started)} ms`);
      }
    }
  }
  outcome.outputs.push(...(await run.finish()));
  return outcome;
}

/** `--with-comments`: the register (open comments and their replies), refused for a public report. */
async function registerForDocx(report: Report): Promise<RegisterEntry[]> {
  if (report.meta.confidentiality === 'public') {
    throw new UserError(`${report.file}: --with-comments is refused for a public report (confidentiality: public); comments are never published`);
  }
  const { buildRegister } = await import('../comments/register.js');
  const register = await buildRegister(report);
  return register.entries;
}

/** A few unit ids in parentheses: a draft translation has hundreds missing, and one line should stay readable. */
function idList(ids: string[], shown = 8): string {
  if (ids.length === 0) return '';
  const more = ids.length - shown;
  return ` (${ids.slice(0, shown).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}
