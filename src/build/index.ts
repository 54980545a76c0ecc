import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { diskParseStore, parseCacheDir, type ParseStore } from '../cache/parse-cache.js';
import { startStamp } from '../git/stamp.js';
import { lintReport } from '../lint/engine.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { Report } from '../model/types.js';
import { outputName, selectEditions } from '../render/editions.js';
import { renderHtml } from '../render/html.js';
import { loadTemplate } from '../render/template.js';
import { isError } from '../util/problems.js';
import { FORMAT_NAMES, parseFormatList, WriterRun, writerFor, type Writer } from '../writers/index.js';
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
  log?: (line: string) => void;
  /** Reuse parsed chapters from the parse cache (default true; `--no-cache` turns it off). */
  cache?: boolean;
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
export async function loadForBuild(target: ReportTarget, problems: VFileMessage[], store?: ParseStore): Promise<Report | undefined> {
  const loaded = await loadReport(target, { store });
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
  const run = new WriterRun(log);
  const writers = options.formats.map((format) => writerFor(format)).filter((writer): writer is Writer => writer !== undefined);
  for (const target of targets) {
    // git answers in its own processes while the report is parsed.
    const stampFor = startStamp(path.dirname(target.file));
    // Parsed on this thread: worker threads (lint's prefetch) cost more CPU and ~50 MB more memory
    // than they saved on a 1,000-page report here (bench/run.js), and unchanged files come from the cache.
    const store = options.cache === false ? undefined : diskParseStore(parseCacheDir(options.out, target.slug));
    const report = await loadForBuild(target, outcome.problems, store);
    if (report) store?.prune();
    if (!report) {
      outcome.failed.push(target.slug);
      continue;
    }
    const editions = selectEditions(report, options.editions);
    const template = loadTemplate(options.template ?? 'default', report.root);
    const stamp = await stampFor(report.files.map((f) => f.absPath));
    const dir = path.join(options.out, report.slug);
    // The report's own reference, beside its outputs, for "How to cite this report".
    outcome.outputs.push(...(await writeSelfReference(report, dir)));
    for (const edition of editions) {
      const started = performance.now();
      const written = await run.write(writers, report, edition, {
        file: (writer) => path.join(dir, outputName(report.slug, edition, writer.extension)),
        html: () => {
          const { html, problems } = renderHtml(report, { edition, stamp, template });
          outcome.problems.push(...problems);
          return html;
        },
      });
      for (const file of written) log(`${path.relative(process.cwd(), file)}  ${edition}  ${Math.round(performance.now() - started)} ms`);
    }
  }
  outcome.outputs.push(...(await run.finish()));
  return outcome;
}
