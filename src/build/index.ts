import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { diskParseStore, parseCacheDir, type ParseStore } from '../cache/parse-cache.js';
import { startStamp } from '../git/stamp.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { Report } from '../model/types.js';
import { outputName, selectEditions } from '../render/editions.js';
import { renderHtml } from '../render/html.js';
import { loadTemplate } from '../render/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isError, UserError } from '../util/problems.js';
import { writeSelfReference } from '../cite/self.js';

export const FORMATS = ['html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

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
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UserError(`--format: unknown format "${format}" (use ${FORMATS.join(', ')})`);
  }
  return formats as Format[];
}

/** Loads a report and refuses to go on when its source has errors a reader would see. */
export async function loadForBuild(target: ReportTarget, problems: VFileMessage[], store?: ParseStore): Promise<Report | undefined> {
  const loaded = await loadReport(target, { store });
  problems.push(...loaded.problems);
  if (!loaded.report || loaded.problems.some(isError)) return undefined;
  return loaded.report;
}

export async function buildReports(targets: ReportTarget[], options: BuildOptions): Promise<BuildOutcome> {
  const outcome: BuildOutcome = { outputs: [], problems: [], failed: [] };
  const log = options.log ?? (() => {});
  const pdfJobs: Array<{ report: Report; edition: string; html: string; file: string }> = [];
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
      const { html, problems } = renderHtml(report, { edition, stamp, template });
      outcome.problems.push(...problems);
      if (options.formats.includes('html')) {
        const file = path.join(dir, outputName(report.slug, edition, 'html'));
        await writeFileAtomic(file, html);
        outcome.outputs.push(file);
        log(`${path.relative(process.cwd(), file)}  ${edition}  ${Math.round(performance.now() - started)} ms`);
      }
      if (options.formats.includes('pdf')) {
        pdfJobs.push({ report, edition, html, file: path.join(dir, outputName(report.slug, edition, 'pdf')) });
      }
    }
  }
  if (pdfJobs.length > 0) {
    const { renderPdfs } = await import('../pdf/index.js');
    const written = await renderPdfs(pdfJobs, { log });
    outcome.outputs.push(...written);
  }
  return outcome;
}
