import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h, type Child } from 'hastscript';
import type { Comparison } from '../diff/index.js';
import type { RecommendationItem } from '../model/types.js';
import { statusLabel } from '../render/html.js';
import type { Audience } from './audience.js';
import type { SiteVersion } from './versions.js';

/**
 * The site's own pages (home, report, version, change log, recommendation, search), made as
 * hast and serialized once, with links relative to the page so the site works from any folder,
 * any base URL and from file:// alike.
 */

export interface SiteContext {
  audience: Audience;
  /** Absolute address of the site's root, without a trailing slash. */
  baseUrl?: string;
  siteTitle: string;
}

export interface EditionLink {
  format: string;
  edition: string;
  label: string;
  /** Site path, e.g. `remedies/v/1.0.0/remedies.html`. */
  path: string;
  bytes: number;
}

export interface RedlineLink {
  path: string;
  from: SiteVersion;
  comparison: Comparison;
  changes: string[];
}

export interface VersionEntry {
  version: SiteVersion;
  editions: EditionLink[];
  redline?: RedlineLink;
  /** Site path of the version's page. */
  page: string;
}

export interface HistoryRow {
  entry: VersionEntry;
  item?: RecommendationItem;
  change: string;
}

export interface RecommendationEntry {
  id: string;
  item: RecommendationItem;
  /** The version its text is shown from (the newest that has it). */
  shownFrom: VersionEntry;
  withdrawnIn?: VersionEntry;
  content: ElementContent[];
  history: HistoryRow[];
  page: string;
  card?: string;
}

export interface ReportEntry {
  slug: string;
  versions: VersionEntry[];
  latest: VersionEntry;
  /** How to cite the report, in its citation style, as plain text. */
  reference: { text: string };
  referenceFiles: { csl: string; bibtex: string; ris: string };
  recommendations: RecommendationEntry[];
  page: string;
  changesPage: string;
}

export function relative(from: string, to: string): string {
  const result = path.posix.relative(path.posix.dirname(from), to);
  return result === '' ? path.posix.basename(to) : result;
}

/** The address of a site path under the base URL; folders end with `/` (the permalink form). */
export function absolute(ctx: SiteContext, sitePath: string): string | undefined {
  if (!ctx.baseUrl) return undefined;
  const pretty = sitePath.endsWith('index.html') ? sitePath.slice(0, -'index.html'.length) : sitePath;
  return `${ctx.baseUrl}/${pretty}`;
}

interface PageOptions {
  title: string;
  description: string;
  lang?: string;
  /** Site path of a PNG share card. */
  image?: string;
  imageAlt?: string;
  type?: 'website' | 'article';
  main: Child[];
}

export function page(ctx: SiteContext, at: string, options: PageOptions): string {
  const link = (to: string) => relative(at, to);
  const url = absolute(ctx, at);
  const meta: Element[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: 'Rapporteur' }),
    h('meta', { name: 'description', content: options.description }),
    h('meta', { property: 'og:type', content: options.type ?? 'website' }),
    h('meta', { property: 'og:title', content: options.title }),
    h('meta', { property: 'og:description', content: options.description }),
    h('meta', { property: 'og:site_name', content: ctx.siteTitle }),
    h('meta', { name: 'twitter:card', content: options.image ? 'summary_large_image' : 'summary' }),
    h('meta', { name: 'twitter:title', content: options.title }),
    h('meta', { name: 'twitter:description', content: options.description }),
  ];
  if (ctx.audience === 'working-group') meta.push(h('meta', { name: 'robots', content: 'noindex, nofollow' }));
  if (url) meta.push(h('link', { rel: 'canonical', href: url }), h('meta', { property: 'og:url', content: url }));
  if (options.image) {
    // Open Graph readers want an absolute address; without a base URL the card is still linked from the page.
    const image = absolute(ctx, options.image);
    if (image) {
      meta.push(
        h('meta', { property: 'og:image', content: image }),
        h('meta', { property: 'og:image:width', content: '1200' }),
        h('meta', { property: 'og:image:height', content: '630' }),
        h('meta', { property: 'og:image:alt', content: options.imageAlt ?? options.title }),
        h('meta', { name: 'twitter:image', content: image }),
      );
    }
  }
  const banner =
    ctx.audience === 'working-group'
      ? [h('p.audience-banner', { role: 'note' }, [h('strong', 'Working group only — not for distribution.'), ' This site includes drafts and the redlines between them.'])]
      : [];
  const doc = h('html', { lang: options.lang ?? 'en' }, [
    h('head', [
      ...meta,
      h('title', `${options.title} — ${ctx.siteTitle}`),
      h('link', { rel: 'stylesheet', href: link('assets/site.css') }),
      ctx.baseUrl ? h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${ctx.siteTitle}: new versions`, href: link('feed.xml') }) : '',
      h('link', { rel: 'icon', href: link('assets/icon.svg'), type: 'image/svg+xml' }),
    ]),
    h('body', { className: [`audience-${ctx.audience}`] }, [
      h('a.skip-link', { href: '#main' }, 'Skip to content'),
      h('header.site-header', [
        h('a.site-name', { href: link('index.html') }, ctx.siteTitle),
        h('nav', { ariaLabel: 'Site' }, [
          h('ul', [
            h('li', h('a', { href: link('index.html') }, 'Reports')),
            h('li', h('a', { href: link('search/index.html') }, 'Search')),
            ctx.baseUrl ? h('li', h('a', { href: link('feed.xml') }, 'Feed')) : '',
          ]),
        ]),
      ]),
      ...banner,
      h('main#main', {}, ...options.main),
      h('footer.site-footer', [h('p', ['Published with Rapporteur.', ...(ctx.baseUrl ? [' ', h('a', { href: link('feed.xml') }, 'Atom feed of new versions'), '.'] : [])])]),
    ]),
  ]);
  return `<!DOCTYPE html>\n${toHtml(doc)}\n`;
}

function formatLabel(format: string): string {
  return format.toUpperCase();
}

function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

function facts(version: SiteVersion): string {
  const meta = version.report.meta;
  return [`Version ${meta.version}`, statusLabel(meta.status), meta.date].filter(Boolean).join(' · ');
}

function statusBadge(version: SiteVersion): Element {
  const status = version.report.meta.status;
  return h(`span.status.status-${status}`, statusLabel(status));
}

/** The editions of a version as a list grouped by format: "HTML: Full · Civil-law · Common-law". */
function editionList(at: string, editions: EditionLink[]): Element {
  const formats = [...new Set(editions.map((e) => e.format))];
  return h(
    'ul.editions',
    formats.map((format) =>
      h('li', [
        h('span.format', formatLabel(format)),
        ' ',
        ...editions
          .filter((e) => e.format === format)
          .flatMap((e, i) => [
            i > 0 ? ' · ' : '',
            h('a', { href: relative(at, e.path), type: format === 'pdf' ? 'application/pdf' : undefined }, [e.label, h('span.size', ` (${humanSize(e.bytes)})`)]),
          ]),
      ]),
    ),
  );
}

export function homePage(ctx: SiteContext, reports: ReportEntry[]): string {
  const at = 'index.html';
  const items = reports.map((r) => {
    const meta = r.latest.version.report.meta;
    return h('li.report-card', [
      meta.dialogue ? h('p.dialogue', meta.dialogue) : '',
      h('h2', h('a', { href: relative(at, r.page) }, meta.title)),
      typeof meta.subtitle === 'string' ? h('p.subtitle', meta.subtitle) : '',
      h('p.facts', [statusBadge(r.latest.version), ` Latest: version ${meta.version}${meta.date ? `, ${meta.date}` : ''} · ${plural(r.versions.length, 'version')} · ${plural(r.recommendations.filter((x) => !x.withdrawnIn).length, 'recommendation')}`]),
      h('p.languages', `Languages: ${languages(r).join(', ')}`),
    ]);
  });
  return page(ctx, at, {
    title: ctx.audience === 'working-group' ? 'Reports and drafts' : 'Reports',
    description: `${ctx.siteTitle}: reports of recommendations, every version, edition and change.`,
    main: [
      h('h1', ctx.audience === 'working-group' ? 'Reports and drafts' : 'Reports'),
      reports.length ? h('ul.report-list', items) : h('p', 'No report has been published yet.'),
    ],
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function languages(entry: ReportEntry): string[] {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const codes = [entry.latest.version.report.meta.lang];
  return codes.map((code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  });
}

function versionsTable(at: string, report: ReportEntry): Element {
  const rows = [...report.versions].reverse().map((entry) =>
    h('tr', [
      h('th', { scope: 'row' }, h('a', { href: relative(at, entry.page) }, entry.version.report.meta.version)),
      h('td', statusBadge(entry.version)),
      h('td', entry.version.report.meta.date ?? ''),
      h('td', h('code', entry.version.tag.name)),
      h('td', entry.redline ? h('a', { href: relative(at, entry.redline.path) }, `Changes since ${entry.redline.from.report.meta.version}`) : '—'),
    ]),
  );
  return h('div.table-wrap', [
    h('table.versions', [
      h('caption', 'Every version'),
      h('thead', h('tr', [h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Tag'), h('th', { scope: 'col' }, 'Redline')])),
      h('tbody', rows),
    ]),
  ]);
}

function citeSection(at: string, report: ReportEntry): Element {
  return h('section.cite', { ariaLabelledby: 'how-to-cite' }, [
    h('h2#how-to-cite', 'How to cite'),
    h('p.reference', report.reference.text),
    h('p', [
      'Download the reference: ',
      h('a', { href: relative(at, report.referenceFiles.csl), download: '' }, 'CSL-JSON'),
      ' · ',
      h('a', { href: relative(at, report.referenceFiles.bibtex), download: '' }, 'BibTeX'),
      ' · ',
      h('a', { href: relative(at, report.referenceFiles.ris), download: '' }, 'RIS'),
    ]),
  ]);
}

export function reportPage(ctx: SiteContext, report: ReportEntry): string {
  const at = report.page;
  const latest = report.latest;
  const meta = latest.version.report.meta;
  const current = report.recommendations.filter((r) => !r.withdrawnIn);
  const withdrawn = report.recommendations.filter((r) => r.withdrawnIn);
  const main: Child[] = [
    meta.dialogue ? h('p.dialogue', meta.dialogue) : '',
    h('h1', meta.title),
    typeof meta.subtitle === 'string' ? h('p.subtitle', meta.subtitle) : '',
    h('p.facts', [statusBadge(latest.version), ' ', facts(latest.version)]),
    meta.rapporteurs.length ? h('p.rapporteurs', `${meta.rapporteurs.length > 1 ? 'Rapporteurs' : 'Rapporteur'}: ${meta.rapporteurs.map((r) => (r.affiliation ? `${r.name} (${r.affiliation})` : r.name)).join('; ')}`) : '',
    h('section', { ariaLabelledby: 'read' }, [h('h2#read', `Read version ${meta.version}`), editionList(at, latest.editions)]),
    h('section', { ariaLabelledby: 'recommendations' }, [
      h('h2#recommendations', 'Recommendations'),
      h(
        'ol.recommendation-list',
        current.map((r) => h('li', [h('span.number', r.item.number), ' ', h('a', { href: relative(at, r.page) }, r.item.title)])),
      ),
      withdrawn.length
        ? h('details', [
            h('summary', `Withdrawn recommendations (${withdrawn.length})`),
            h('ul', withdrawn.map((r) => h('li', [h('a', { href: relative(at, r.page) }, r.item.title), ` (withdrawn in version ${r.withdrawnIn?.version.report.meta.version})`]))),
          ])
        : '',
    ]),
    h('section', { ariaLabelledby: 'versions' }, [
      h('h2#versions', 'Versions'),
      versionsTable(at, report),
      h('p', h('a', { href: relative(at, report.changesPage) }, 'Change log: what changed in each version')),
    ]),
    citeSection(at, report),
  ];
  return page(ctx, at, { title: meta.title, description: typeof meta.description === 'string' ? meta.description : `${meta.dialogue ?? 'Report'}: ${meta.title}`, lang: meta.lang, type: 'article', main });
}

export function versionPage(ctx: SiteContext, report: ReportEntry, entry: VersionEntry): string {
  const at = entry.page;
  const meta = entry.version.report.meta;
  const main: Child[] = [
    h('p.breadcrumb', h('a', { href: relative(at, report.page) }, report.latest.version.report.meta.title)),
    h('h1', `Version ${meta.version}`),
    h('p.facts', [statusBadge(entry.version), ` ${facts(entry.version)} · tag `, h('code', entry.version.tag.name), ` (${entry.version.tag.date})`]),
    entry === report.latest ? h('p', 'This is the latest version.') : h('p', ['A newer version exists: ', h('a', { href: relative(at, report.latest.page) }, `version ${report.latest.version.report.meta.version}`), '.']),
    h('section', { ariaLabelledby: 'editions' }, [h('h2#editions', 'Editions'), editionList(at, entry.editions)]),
  ];
  if (entry.redline) {
    main.push(
      h('section', { ariaLabelledby: 'changes' }, [
        h('h2#changes', `Changes since version ${entry.redline.from.report.meta.version}`),
        h('p', h('a', { href: relative(at, entry.redline.path) }, `Redline ${entry.redline.from.report.meta.version} → ${meta.version} (HTML)`)),
        changeList(entry.redline.changes),
      ]),
    );
  }
  main.push(citeSection(at, report));
  return page(ctx, at, { title: `${meta.title}, version ${meta.version}`, description: `Version ${meta.version} (${statusLabel(meta.status).toLowerCase()}) of ${meta.title}`, lang: meta.lang, main });
}

function changeList(changes: string[]): Element {
  return changes.length ? h('ul.changes', changes.map((line) => h('li', line))) : h('p', 'No change to the text.');
}

export function changesPage(ctx: SiteContext, report: ReportEntry): string {
  const at = report.changesPage;
  const meta = report.latest.version.report.meta;
  const entries = [...report.versions].reverse().map((entry) => {
    const v = entry.version.report.meta;
    const id = `v-${entry.version.dir}`;
    return h('section', { ariaLabelledby: id }, [
      h(`h2#${id}`, [h('a', { href: relative(at, entry.page) }, `Version ${v.version}`), ` · ${statusLabel(v.status)}${v.date ? ` · ${v.date}` : ''}`]),
      entry.redline
        ? [h('p', h('a', { href: relative(at, entry.redline.path) }, `Redline from version ${entry.redline.from.report.meta.version}`)), changeList(entry.redline.changes)]
        : h('p', 'First published version.'),
    ].flat());
  });
  return page(ctx, at, {
    title: `Change log: ${meta.title}`,
    description: `What changed in each version of ${meta.title}`,
    lang: meta.lang,
    main: [h('p.breadcrumb', h('a', { href: relative(at, report.page) }, meta.title)), h('h1', 'Change log'), ...entries],
  });
}

export function recommendationPage(ctx: SiteContext, report: ReportEntry, rec: RecommendationEntry, fullReport: string | undefined): string {
  const at = rec.page;
  const meta = rec.shownFrom.version.report.meta;
  const heading = rec.withdrawnIn ? `${rec.item.title} (withdrawn)` : `Recommendation ${rec.item.number}: ${rec.item.title}`;
  const permalink = absolute(ctx, at);
  const history = h('div.table-wrap', [
    h('table.history', [
      h('caption', 'History'),
      h('thead', h('tr', [h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Number'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Change')])),
      h(
        'tbody',
        [...rec.history].reverse().map((row) =>
          h('tr', [
            h('th', { scope: 'row' }, h('a', { href: relative(at, row.entry.page) }, row.entry.version.report.meta.version)),
            h('td', row.item?.number ?? '—'),
            h('td', row.item?.title ?? '—'),
            h('td', row.change),
          ]),
        ),
      ),
    ]),
  ]);
  const main: Child[] = [
    h('p.breadcrumb', h('a', { href: relative(at, report.page) }, report.latest.version.report.meta.title)),
    h('h1', heading),
    h('p.facts', rec.withdrawnIn ? `Withdrawn in version ${rec.withdrawnIn.version.report.meta.version}; the text below is from version ${meta.version}.` : `As it stands in version ${meta.version} (${statusLabel(meta.status).toLowerCase()}${meta.date ? `, ${meta.date}` : ''}).`),
    h('article.recommendation-text', { ariaLabel: heading }, rec.content),
    h('ul.rec-links', [
      fullReport ? h('li', h('a', { href: relative(at, fullReport) }, 'Read it in the full report')) : '',
      h('li', ['Permanent link: ', permalink ? h('a', { href: relative(at, at) }, permalink) : h('a', { href: relative(at, at) }, `${report.slug}/r/${rec.id}/`)]),
      rec.card ? h('li', h('a', { href: relative(at, rec.card) }, 'Share card (PNG)')) : '',
    ]),
    history,
  ];
  const description = rec.item.principle.length > 200 ? `${rec.item.principle.slice(0, 197).trimEnd()}…` : rec.item.principle;
  return page(ctx, at, { title: heading, description: description || heading, lang: meta.lang, image: rec.card, imageAlt: `${heading} — ${meta.title}`, type: 'article', main });
}

export function searchPage(ctx: SiteContext, reports: ReportEntry[]): string {
  const at = 'search/index.html';
  const everything = reports.flatMap((r) => [
    h('li', h('a', { href: relative(at, r.page) }, r.latest.version.report.meta.title)),
    ...r.recommendations.filter((x) => !x.withdrawnIn).map((x) => h('li', [h('a', { href: relative(at, x.page) }, `${x.item.number} ${x.item.title}`), ` — ${r.latest.version.report.meta.title}`])),
  ]);
  return page(ctx, at, {
    title: 'Search',
    description: `Search the reports and recommendations of ${ctx.siteTitle}`,
    main: [
      h('h1', 'Search'),
      h('form.search', { role: 'search', action: '', hidden: true }, [
        h('label', { htmlFor: 'q' }, 'Search reports and recommendations'),
        h('input#q', { type: 'search', name: 'q', autocomplete: 'off' }),
      ]),
      h('p#search-status', { role: 'status', ariaLive: 'polite' }),
      h('ol#search-results'),
      h('section#everything', { ariaLabelledby: 'all' }, [h('h2#all', 'Everything on this site'), h('ul', everything)]),
      h('script', { src: relative(at, 'assets/minisearch.js') }),
      h('script', { src: relative(at, 'search/index.js') }),
      h('script', { src: relative(at, 'assets/search.js') }),
    ],
  });
}
