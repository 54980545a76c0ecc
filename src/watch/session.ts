import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { clearConfigCache, loadConfig } from '../config.js';
import { buildStamp, type Stamp } from '../git/index.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { Report } from '../model/types.js';
import { toPosix } from '../model/reader.js';
import { editionsOf, FULL } from '../render/editions.js';
import { renderHtml } from '../render/html.js';
import { loadTemplate } from '../render/template.js';
import { isError, problem, UserError } from '../util/problems.js';
import { checkReport } from './checks.js';

/** The state of one watched report: the last good build, and what the last attempt found. */
export interface WatchedReport {
  target: ReportTarget;
  title: string;
  /** The last report that loaded without errors; pages are rendered from it. */
  report?: Report;
  /** Rendered pages of `report`, by edition, without any preview additions. */
  pages: Map<string, string>;
  problems: VFileMessage[];
  /** True when the last attempt failed and `report` is older than the sources. */
  stale: boolean;
  /** Milliseconds the last rebuild took (load + checks + render of the default edition). */
  lastMs: number;
}

export interface RebuildResult {
  slug: string;
  ok: boolean;
  ms: number;
  problems: VFileMessage[];
}

export interface SessionOptions {
  root: string;
  targets: ReportTarget[];
  /** Template name; undefined means the configuration's. */
  template?: string;
  /** Edition rendered on every rebuild; others render when first asked for. */
  edition?: string;
}

/**
 * Everything watch knows, independent of files events and HTTP: rebuilding is a method call, so
 * it can be measured and tested without a server. Parses are cached by file content
 * (loadReport's cache), so an edit of one chapter re-parses only that chapter.
 */
export class WatchSession {
  readonly root: string;
  readonly reports = new Map<string, WatchedReport>();
  /** Goes up on every rebuild, good or bad; the browser reloads when it sees a new one. */
  revision = 0;
  private templateName?: string;
  private readonly defaultEdition: string;
  private stamp?: Stamp;
  /** Set by the watcher once a file was saved: the page then says "uncommitted changes". */
  sourcesChanged = false;

  constructor(options: SessionOptions) {
    this.root = options.root;
    this.templateName = options.template;
    this.defaultEdition = options.edition ?? FULL;
    for (const target of options.targets) this.add(target);
  }

  /** Starts watching one more report (one created while watch runs); false if it is already watched. */
  add(target: ReportTarget): boolean {
    if (this.reports.has(target.slug)) return false;
    this.reports.set(target.slug, { target, title: target.slug, pages: new Map(), problems: [], stale: false, lastMs: 0 });
    return true;
  }

  get template(): string {
    return this.templateName ?? loadConfig(this.root).config.template;
  }

  /** Re-reads the configuration after rapporteur.config.yaml (or package.json) changed. */
  reloadConfig(): VFileMessage[] {
    clearConfigCache();
    try {
      loadConfig(this.root);
      return [];
    } catch (error) {
      if (error instanceof UserError) return error.problems;
      throw error;
    }
  }

  /** Which reports a changed file affects: its own report, or all of them for templates and configuration. */
  affected(file: string): string[] {
    const abs = path.resolve(file);
    const own = [...this.reports.values()].filter((w) => {
      const rel = path.relative(path.dirname(w.target.file), abs);
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    });
    return (own.length ? own : [...this.reports.values()]).map((w) => w.target.slug);
  }

  async rebuildAll(extraProblems: VFileMessage[] = []): Promise<RebuildResult[]> {
    if (!this.stamp) this.stamp = await buildStamp(this.root, [...this.reports.values()].map((w) => w.target.file)).catch(() => ({ dirty: false }));
    const results: RebuildResult[] = [];
    for (const slug of this.reports.keys()) results.push(await this.rebuild(slug, extraProblems));
    return results;
  }

  async rebuild(slug: string, extraProblems: VFileMessage[] = []): Promise<RebuildResult> {
    const watched = this.reports.get(slug);
    if (!watched) throw new Error(`not watching ${slug}`);
    const started = performance.now();
    let problems: VFileMessage[] = [...extraProblems];
    let ok = false;
    try {
      const loaded = await loadReport(watched.target, { cache: true, template: this.template });
      if (loaded.report && !loaded.problems.some(isError) && !extraProblems.some(isError)) {
        const report = loaded.report;
        const template = loadTemplate(this.template, this.root);
        const known = editionsOf(report).includes(this.defaultEdition);
        const edition = known ? this.defaultEdition : FULL;
        if (!known) {
          const place = { file: toPosix(path.relative(this.root, watched.target.file)) };
          problems.push(problem(`no edition "${this.defaultEdition}" in this report (it has ${editionsOf(report).join(', ')}); showing the full edition`, place, { ruleId: 'watch', severity: 'warning' }));
        }
        const rendered = renderHtml(report, { edition, stamp: this.currentStamp(), template });
        problems = [...problems, ...(await checkReport(report, loaded.problems, rendered.problems))];
        watched.report = report;
        watched.title = report.meta.title;
        watched.pages = new Map([[edition, rendered.html]]);
        ok = true;
      } else {
        problems = [...problems, ...loaded.problems];
      }
    } catch (error) {
      // A template that cannot be found, or even a bug: keep the last good page and say why.
      const file = toPosix(path.relative(this.root, watched.target.file));
      if (!(error instanceof UserError)) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push(problem(`internal error while building (please report it): ${message}`, { file }, { ruleId: 'watch' }));
      } else if (error.problems.length > 0) problems = [...problems, ...error.problems];
      else problems.push(problem(error.message, { file }, { ruleId: 'watch' }));
    }
    watched.problems = problems;
    watched.stale = !ok;
    watched.lastMs = performance.now() - started;
    this.revision++;
    return { slug, ok, ms: watched.lastMs, problems };
  }

  /** git is asked once, at start; after a save the sources differ from the commit it names. */
  private currentStamp(): Stamp | undefined {
    return this.stamp && this.sourcesChanged ? { ...this.stamp, dirty: true } : this.stamp;
  }

  /** The page of one edition from the last good report, rendered when first asked for. */
  page(slug: string, requested?: string): string | undefined {
    const watched = this.reports.get(slug);
    if (!watched?.report) return undefined;
    // The default edition may not exist in this report (a warning says so): the full one stands in.
    const edition = requested ?? (editionsOf(watched.report).includes(this.defaultEdition) ? this.defaultEdition : FULL);
    const hit = watched.pages.get(edition);
    if (hit) return hit;
    if (!editionsOf(watched.report).includes(edition)) return undefined;
    const { html } = renderHtml(watched.report, { edition, stamp: this.currentStamp(), template: loadTemplate(this.template, this.root) });
    watched.pages.set(edition, html);
    return html;
  }
}
