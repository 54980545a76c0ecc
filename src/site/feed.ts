import { Feed } from 'feed';
import { absolute, type ReportEntry, type SiteContext } from './pages.js';

/**
 * The Atom feed of published versions (`feed` package), the sitemap and robots.txt. Feed and
 * sitemap take absolute addresses only, so they need the base URL; without one they are not
 * written (and no page links to the feed).
 */
export function atomFeed(ctx: SiteContext, reports: ReportEntry[]): string | undefined {
  if (!ctx.baseUrl) return undefined;
  const link = (sitePath: string) => absolute(ctx, sitePath) as string;
  const entries = reports.flatMap((report) =>
    report.versions.map((entry) => ({ report, entry, date: new Date(`${entry.version.tag.date}T00:00:00Z`) })),
  );
  entries.sort((a, b) => b.date.getTime() - a.date.getTime() || a.report.slug.localeCompare(b.report.slug));
  const feed = new Feed({
    title: ctx.siteTitle,
    description: ctx.audience === 'working-group' ? 'New drafts and versions (working group only)' : 'New versions of the published reports',
    id: `${ctx.baseUrl}/`,
    link: `${ctx.baseUrl}/`,
    feedLinks: { atom: `${ctx.baseUrl}/feed.xml` },
    language: 'en',
    updated: entries[0]?.date ?? new Date(0),
    generator: 'Rapporteur',
    copyright: '',
  });
  for (const { report, entry, date } of entries) {
    const meta = entry.version.report.meta;
    const changes = entry.redline?.changes ?? [];
    const summary = entry.redline
      ? `Changes since version ${entry.redline.from.report.meta.version}: ${changes.length ? changes.join('; ') : 'none to the text'}.`
      : 'First published version.';
    feed.addItem({
      title: `${meta.title}: version ${meta.version} (${meta.status})`,
      id: link(entry.page),
      link: link(entry.page),
      date,
      description: summary,
      author: meta.rapporteurs.map((r) => ({ name: r.name })),
    });
  }
  return feed.atom1();
}

export function sitemap(ctx: SiteContext, pages: string[]): string | undefined {
  if (!ctx.baseUrl) return undefined;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const urls = pages.map((p) => `  <url><loc>${escape(absolute(ctx, p) as string)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function robots(ctx: SiteContext): string {
  // The working group's site is not for search engines, wherever it is hosted.
  if (ctx.audience === 'working-group') return 'User-agent: *\nDisallow: /\n';
  return `User-agent: *\nAllow: /\n${ctx.baseUrl ? `Sitemap: ${ctx.baseUrl}/sitemap.xml\n` : ''}`;
}
