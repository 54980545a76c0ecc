import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { runCwd } from '../util/run-context.js';
import os from 'node:os';
import path from 'node:path';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { visit } from 'unist-util-visit';
import { diskParseStore, parseCacheDir } from '../cache/parse-cache.js';
import { compareReports, versionInfo, type Comparison } from '../diff/index.js';
import { renderRedlineHtml } from '../diff/redline.js';
import type { ReportTarget } from '../model/load.js';
import { editionLabel, editionsOf, FULL, outputName } from '../render/editions.js';
import { renderBody, renderHtml } from '../render/html.js';
import { loadTemplate } from '../render/template.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { FORMAT_NAMES, writerFor, WriterRun } from '../writers/index.js';
import { howToCiteText, selfReferenceFiles } from '../cite/self.js';
import { packagePath } from '../util/package-root.js';
import { formatProblem, UserError } from '../util/problems.js';
import { formatsFor, versionsFor, type Audience, type AudienceRules } from './audience.js';
import { fontBytes, ICON_SVG, sharedFonts, siteCss } from './assets.js';
import { diskSiteCache, hashOf, siteCacheDir, type SiteCache } from './cache.js';
import { CardCamera, cardHtml } from './cards.js';
import { changeLog, changeOfRecommendation } from './changes.js';
import { atomFeed, robots, sitemap } from './feed.js';
import {
  absolute, changesPage, homePage, recommendationPage, relative, reportPage, searchPage, versionPage,
  type EditionLink, type HistoryRow, type RecommendationEntry, type ReportEntry, type SiteContext, type VersionEntry,
} from './pages.js';
import { miniSearchBrowserScript, SEARCH_SCRIPT, searchIndexScript } from './search.js';
import { taggedVersions, type SiteVersion } from './versions.js';


export interface SiteOptions {
  /** Workspace root (absolute). */
  root: string;
  targets: ReportTarget[];
  /** Absolute output folder (the site's root). */
  out: string;
  audience: Audience;
  /** The address the site is published at (for the feed, sitemap, permalinks and share cards). */
  baseUrl?: string;
  /**
   * Formats of each version's editions, from the writer registry (src/writers). HTML is always
   * made, by the site itself: the same page as the html writer's, with the fonts shared instead
   * of embedded; every other format is written by its registered writer.
   */
  formats: string[];
  /** Public site: also publish earlier versions that were marked public (config `site.publicDrafts`). */
  publicDrafts?: boolean;
  template?: string;
  /** Reuse what earlier runs made (default true). */
  cache?: boolean;
  /** Render a PNG share card per recommendation (default true). */
  cards?: boolean;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

export interface SiteOutcome {
  /** Site paths written, sorted. */
  files: string[];
  reports: string[];
  versions: number;
  /** Cached units (editions of a version, redlines, cards) made this run and reused from before. */
  made: number;
  reused: number;
  removed: number;
}

/** An empty file at the site's root: a folder with it may be emptied of old pages by the next run. */
export const SITE_MARKER = '.rapporteur-site';

const NO_CACHE: SiteCache = { get: () => undefined, set: () => {}, prune: () => {} };

function toolVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The site is rewritten as a whole; refuse to prune a folder that holds anything else. */
function checkOut(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UserError(`--out ${out} is a file; the site needs a folder`);
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new UserError(`--out ${out} is not empty and was not made by rapporteur site; pick an empty or new folder (the site replaces everything in it)`);
  }
}

/** The element of a rendered body with this id (a recommendation's block). */
function elementById(tree: HastRoot, id: string): Element | undefined {
  let found: Element | undefined;
  visit(tree, 'element', (node: Element) => {
    if (found) return false;
    if (node.properties.id === id) {
      found = node;
      return false;
    }
    return undefined;
  });
  return found;
}

/** A recommendation taken out of its report: its in-page links now lead into the full report. */
function standalone(element: Element, recPage: string, fullReport: string | undefined): ElementContent[] {
  const copy = structuredClone(element);
  visit(copy, 'element', (node: Element) => {
    const href = node.properties.href;
    if (typeof href === 'string' && href.startsWith('#')) {
      if (fullReport) node.properties.href = `${relative(recPage, fullReport)}${href}`;
      else {
        delete node.properties.href;
      }
    }
    // Footnote calls now lead into the full report: their ids and their pointer at the notes'
    // heading (not on this page) go.
    if (node.tagName === 'sup' && node.properties.id) delete node.properties.id;
    if (node.properties.ariaDescribedBy !== undefined) delete node.properties.ariaDescribedBy;
  });
  return [copy];
}

export async function buildSite(options: SiteOptions): Promise<SiteOutcome> {
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  const rules: AudienceRules = { audience: options.audience, publicDrafts: options.publicDrafts ?? false };
  const formats = ['html', ...options.formats.filter((f) => f !== 'html')];
  const writers = formats.slice(1).map((format) => {
    const writer = writerFor(format);
    if (!writer) throw new UserError(`--format: unknown format "${format}" (use ${FORMAT_NAMES.join(', ')})`);
    return writer;
  });
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  checkOut(options.out);
  const useCache = options.cache !== false;
  const cache = useCache ? diskSiteCache(siteCacheDir(options.out)) : NO_CACHE;
  const template = loadTemplate(options.template ?? 'default', options.root);
  const tool = toolVersion();
  const templateHash = hashOf(template.name, template.html, template.screenCss, template.printCss);
  const fonts = sharedFonts();
  const files = new Map<string, Buffer | string>();
  const outcome: SiteOutcome = { files: [], reports: [], versions: 0, made: 0, reused: 0, removed: 0 };
  const camera = new CardCamera();
  // Writers write files; they write into this folder and the site takes the bytes from there.
  const writerTemp = writers.length > 0 ? mkdtempSync(path.join(os.tmpdir(), 'rapporteur-site-')) : undefined;
  // Writers name the files they write; the reader should see where they end up in the site.
  const shownTemp = writerTemp ? path.relative(runCwd(), writerTemp) : '';
  const shownOut = path.relative(runCwd(), options.out) || '.';
  const run = new WriterRun((line) => log(shownTemp && line.startsWith(shownTemp) ? `${shownOut}${line.slice(shownTemp.length)}` : line));
  const reports: ReportEntry[] = [];
  const siteTitle = { value: '' };

  try {
    const written: Array<{ file: string; sitePath: string }> = [];
    const pendingStores: Array<{ key: string; folder: string; names: string[] }> = [];
    const planned: Array<{ slug: string; versions: SiteVersion[]; editionsOf: Map<SiteVersion, Array<{ format: string; edition: string; path: string }>>; comparisons: Map<SiteVersion, { path: string; comparison: Comparison }> }> = [];

    for (const target of options.targets) {
      const store = useCache ? diskParseStore(parseCacheDir(options.out, `${target.slug}.site`)) : undefined;
      const all = await taggedVersions(target, { store, warn, template: template.name });
      store?.prune();
      const included = versionsFor(all, rules);
      if (included.length === 0) {
        const newest = all[all.length - 1];
        log(
          newest
            ? `${target.slug}: not on the ${options.audience} site (its newest version, ${newest.report.meta.version} at ${newest.tag.name}, is ${newest.report.meta.status} and ${newest.report.meta.confidentiality})`
            : `${target.slug}: no tagged version yet (tag one: git tag ${target.slug}/v0.1.0)`,
        );
        continue;
      }
      const editionFiles = new Map<SiteVersion, Array<{ format: string; edition: string; path: string }>>();
      const comparisons = new Map<SiteVersion, { path: string; comparison: Comparison }>();
      for (const [index, version] of included.entries()) {
        const folder = `${target.slug}/v/${version.dir}`;
        const toAssets = `${'../'.repeat(folder.split('/').length)}assets/`;
        const versionFormats = formatsFor(version.report.meta, formats, rules);
        const editions = editionsOf(version.report);
        const extension = (format: string) => writerFor(format)?.extension ?? format;
        const list = versionFormats.flatMap((format) => editions.map((edition) => ({ format, edition, path: `${folder}/${outputName(target.slug, edition, extension(format))}` })));
        editionFiles.set(version, list);
        // The editions' "How to cite this report" links to the reference files beside them.
        for (const [name, content] of selfReferenceFiles(version.report)) files.set(`${folder}/${name}`, content);
        const key = hashOf('site-editions-1', tool, version.tag.commit, version.contentHash, templateHash, versionFormats.join(','), editions.join(','), toAssets);
        const hit = cache.get(key);
        if (hit) {
          for (const [name, data] of hit) files.set(`${folder}/${name}`, data);
          outcome.reused++;
        } else {
          const started = performance.now();
          const stamp = { commit: version.tag.commit.slice(0, 10), dirty: false };
          for (const edition of editions) {
            const web = renderHtml(version.report, { edition, stamp, template, fontCss: fonts.css(toAssets) });
            for (const problem of web.problems) warn(`${formatProblem(problem)} (at ${version.tag.name})`);
            files.set(`${folder}/${outputName(target.slug, edition, 'html')}`, web.html);
            const others = writers.filter((w) => versionFormats.includes(w.format));
            if (others.length > 0 && writerTemp) {
              await run.write(others, version.report, edition, {
                file: (writer) => {
                  const name = outputName(target.slug, edition, writer.extension);
                  const file = path.join(writerTemp, ...folder.split('/'), name);
                  written.push({ file, sitePath: `${folder}/${name}` });
                  return file;
                },
                // Other writers take the self-contained page, as in a build.
                html: () => renderHtml(version.report, { edition, stamp, template }).html,
              });
            }
          }
          pendingStores.push({ key, folder, names: list.map((e) => path.posix.basename(e.path)) });
          outcome.made++;
          log(`${target.slug} ${version.report.meta.version} (${version.tag.name}): ${editions.length} edition${editions.length > 1 ? 's' : ''} (${versionFormats.join(', ')})  ${Math.round(performance.now() - started)} ms${versionFormats.length > 1 ? ' (some formats are written below)' : ''}`);
        }
        if (index > 0) {
          const before = included[index - 1];
          const name = `${target.slug}-redline-${before.dir}-${version.dir}.html`;
          const redlineKey = hashOf('site-redline-1', tool, before.tag.commit, before.contentHash, version.tag.commit, version.contentHash, templateHash, toAssets);
          const cached = cache.get(redlineKey);
          let comparison: Comparison;
          if (cached?.get('redline.html') && cached.get('comparison.json')) {
            files.set(`${folder}/${name}`, cached.get('redline.html') as Buffer);
            comparison = JSON.parse((cached.get('comparison.json') as Buffer).toString('utf8')) as Comparison;
            outcome.reused++;
          } else {
            const started = performance.now();
            const result = compareReports(before.report, version.report, {
              from: versionInfo(before.report, before.tag.name, before.tag.commit, before.tag.date),
              to: versionInfo(version.report, version.tag.name, version.tag.commit, version.tag.date),
            });
            comparison = result.comparison;
            const html = renderRedlineHtml(comparison, result.tree, version.report, { template, fontCss: fonts.css(toAssets) });
            files.set(`${folder}/${name}`, html);
            cache.set(redlineKey, new Map<string, string>([['redline.html', html], ['comparison.json', JSON.stringify(comparison)]]));
            outcome.made++;
            log(`${target.slug} ${before.report.meta.version} → ${version.report.meta.version}: redline  ${Math.round(performance.now() - started)} ms`);
          }
          comparisons.set(version, { path: `${folder}/${name}`, comparison });
        }
      }
      planned.push({ slug: target.slug, versions: included, editionsOf: editionFiles, comparisons });
    }

    await run.finish();
    for (const { file, sitePath } of written) {
      // A writer that had nothing to write for an edition leaves no file, and the site lists none.
      if (existsSync(file)) files.set(sitePath, readFileSync(file));
    }
    for (const pending of pendingStores) {
      const stored = new Map<string, Buffer | string>();
      for (const name of pending.names) {
        const data = files.get(`${pending.folder}/${name}`);
        if (data !== undefined) stored.set(name, data);
      }
      cache.set(pending.key, stored);
    }

    const ctx: SiteContext = { audience: options.audience, baseUrl, siteTitle: '' };
    for (const plan of planned) {
      const latestVersion = plan.versions[plan.versions.length - 1];
      siteTitle.value ||= latestVersion.report.meta.dialogue ?? '';
      const entries: VersionEntry[] = plan.versions.map((version) => {
        const editions: EditionLink[] = (plan.editionsOf.get(version) ?? []).map((e) => ({
          ...e,
          label: editionLabel(e.edition).replace(/ edition$/, ''),
          bytes: Buffer.byteLength(files.get(e.path) ?? ''),
        })).filter((e) => files.has(e.path));
        return { version, editions, page: `${plan.slug}/v/${version.dir}/index.html` };
      });
      for (const [index, entry] of entries.entries()) {
        const found = plan.comparisons.get(entry.version);
        if (found && index > 0) entry.redline = { path: found.path, from: entries[index - 1].version, comparison: found.comparison, changes: changeLog(found.comparison) };
      }
      const latest = entries[entries.length - 1];
      const page = `${plan.slug}/index.html`;
      // The report's own reference is the one its builds write (src/cite/self.ts), with the site's address.
      const cited = latest.version.report;
      const url = absolute(ctx, page);
      const reference = { text: howToCiteText(cited, { url }) ?? cited.meta.title };
      const [csl, bibtex, ris] = selfReferenceFiles(cited, { url }).map(([, content]) => content);
      const referenceFiles = { csl: `${plan.slug}/cite/${plan.slug}.json`, bibtex: `${plan.slug}/cite/${plan.slug}.bib`, ris: `${plan.slug}/cite/${plan.slug}.ris` };
      files.set(referenceFiles.csl, csl);
      files.set(referenceFiles.bibtex, bibtex);
      files.set(referenceFiles.ris, ris);
      const report: ReportEntry = { slug: plan.slug, versions: entries, latest, reference, referenceFiles, recommendations: [], page, changesPage: `${plan.slug}/changes/index.html` };
      report.recommendations = await recommendationEntries(report, { cache, camera, files, outcome, cards: options.cards !== false, log });
      reports.push(report);
      outcome.reports.push(plan.slug);
      outcome.versions += entries.length;
    }

    ctx.siteTitle = siteTitle.value || 'Reports';
    for (const report of reports) {
      files.set(report.page, reportPage(ctx, report));
      files.set(report.changesPage, changesPage(ctx, report));
      for (const entry of report.versions) files.set(entry.page, versionPage(ctx, report, entry));
      for (const rec of report.recommendations) {
        const full = rec.shownFrom.editions.find((e) => e.format === 'html' && e.edition === FULL)?.path;
        files.set(rec.page, recommendationPage(ctx, report, rec, full ? `${full}#${rec.id}` : undefined));
      }
    }
    files.set('index.html', homePage(ctx, reports));
    files.set('search/index.html', searchPage(ctx, reports));
    files.set('search/index.js', searchIndexScript(reports));
    files.set('assets/search.js', SEARCH_SCRIPT);
    files.set('assets/minisearch.js', miniSearchBrowserScript());
    files.set('assets/site.css', siteCss(template, fonts));
    files.set('assets/icon.svg', ICON_SVG);
    for (const [sitePath, source] of fonts.files) files.set(sitePath, fontBytes(source));
    const feed = atomFeed(ctx, reports);
    const pages = [...files.keys()].filter((p) => p.endsWith('index.html')).sort();
    const map = sitemap(ctx, pages);
    if (feed && map) {
      files.set('feed.xml', feed);
      files.set('sitemap.xml', map);
    } else log('no --base-url (or site.baseUrl): feed.xml and sitemap.xml need absolute addresses and are not written');
    files.set('robots.txt', robots(ctx));
    files.set(SITE_MARKER, '');

    for (const [sitePath, data] of files) await writeFileAtomic(path.join(options.out, ...sitePath.split('/')), data);
    outcome.removed = removeStale(options.out, new Set(files.keys()));
    cache.prune();
    outcome.files = [...files.keys()].filter((p) => p !== SITE_MARKER).sort();
    return outcome;
  } finally {
    await camera.close();
    if (writerTemp) rmSync(writerTemp, { recursive: true, force: true });
  }
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

async function recommendationEntries(
  report: ReportEntry,
  context: { cache: SiteCache; camera: CardCamera; files: Map<string, Buffer | string>; outcome: SiteOutcome; cards: boolean; log: (line: string) => void },
): Promise<RecommendationEntry[]> {
  const ids: string[] = [];
  for (const entry of report.versions) {
    for (const rec of entry.version.report.recommendations) {
      if (!rec.id || ids.includes(rec.id)) continue;
      // The id becomes a folder name: only a plain slug may (lint reports the others).
      if (!SAFE_ID.test(rec.id)) {
        context.log(`${report.slug}: recommendation "${rec.id}" (${entry.version.tag.name}) gets no page of its own: its id is not a slug (letters, digits, - and _)`);
        continue;
      }
      ids.push(rec.id);
    }
  }
  // Current recommendations in the latest version's order, then withdrawn ones.
  const latestIds = report.latest.version.report.recommendations.map((r) => r.id).filter(Boolean);
  ids.sort((a, b) => (latestIds.includes(a) ? latestIds.indexOf(a) : 1e9) - (latestIds.includes(b) ? latestIds.indexOf(b) : 1e9));
  const bodies = new Map<VersionEntry, HastRoot>();
  const bodyOf = (entry: VersionEntry) => {
    let body = bodies.get(entry);
    if (!body) {
      body = renderBody(entry.version.report).hast;
      bodies.set(entry, body);
    }
    return body;
  };
  const result: RecommendationEntry[] = [];
  let shot = 0;
  for (const id of ids) {
    const holders = report.versions.filter((entry) => entry.version.report.recommendations.some((r) => r.id === id));
    const shownFrom = holders[holders.length - 1];
    const item = shownFrom.version.report.recommendations.find((r) => r.id === id) as RecommendationEntry['item'];
    const shownIndex = report.versions.indexOf(shownFrom);
    const withdrawnIn = shownFrom === report.latest ? undefined : report.versions[shownIndex + 1];
    const history: HistoryRow[] = [];
    for (const [index, entry] of report.versions.entries()) {
      const here = entry.version.report.recommendations.find((r) => r.id === id);
      const before = index > 0 ? report.versions[index - 1].version.report.recommendations.find((r) => r.id === id) : undefined;
      if (!here && !before) continue;
      let change: string;
      if (index === 0) change = 'first published version';
      else {
        const found = entry.redline?.comparison.recommendations.find((r) => r.id === id);
        change = found ? changeOfRecommendation(found) : here && !before ? 'added' : !here ? 'withdrawn' : 'unchanged';
      }
      history.push({ entry, item: here, change });
    }
    const page = `${report.slug}/r/${id}/index.html`;
    const element = elementById(bodyOf(shownFrom), id);
    const full = shownFrom.editions.find((e) => e.format === 'html' && e.edition === FULL)?.path;
    const content = element ? standalone(element, page, full) : [];
    const rec: RecommendationEntry = { id, item, shownFrom, withdrawnIn, content, history, page };
    if (context.cards) {
      const meta = shownFrom.version.report.meta;
      const html = cardHtml({ number: item.number, title: item.title, principle: item.principle, reportTitle: meta.title, dialogue: meta.dialogue, withdrawn: !!withdrawnIn });
      const key = hashOf('site-card-1', html);
      const cardPath = `${report.slug}/r/${id}/card.png`;
      const hit = context.cache.get(key)?.get('card.png');
      if (hit) {
        context.files.set(cardPath, hit);
        context.outcome.reused++;
      } else {
        const png = await context.camera.shoot(html);
        context.files.set(cardPath, png);
        context.cache.set(key, new Map([['card.png', png]]));
        context.outcome.made++;
        shot++;
      }
      rec.card = cardPath;
    }
    result.push(rec);
  }
  if (shot > 0) context.log(`${report.slug}: ${shot} share card${shot > 1 ? 's' : ''}`);
  return result;
}

/** Deletes files of an earlier run that this one did not write (a version no longer published), then empty folders. */
function removeStale(out: string, keep: Set<string>): number {
  let removed = 0;
  const walk = (dir: string, prefix: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const sitePath = prefix ? `${prefix}/${entry.name}` : entry.name;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (walk(abs, sitePath)) rmdirSync(abs);
        else empty = false;
      } else if (keep.has(sitePath)) empty = false;
      else {
        unlinkSync(abs);
        removed++;
      }
    }
    return empty;
  };
  walk(out, '');
  return removed;
}
