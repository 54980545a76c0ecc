import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { LinkChecker } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../src/pdf/browser.js';
import { loadReport } from '../src/model/load.js';
import { resolveReports } from '../src/workspace.js';
import { formatsFor, versionsFor } from '../src/site/audience.js';
import { buildSite, type SiteOutcome } from '../src/site/index.js';
import { commitAll, git, runCliInProcess, tempWorkspaces } from './helpers.js';
import { makeSiteHistory, REMEDIES_COMMENT } from './site-fixture.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = 'https://reports.example.org/trade-secrets';
/** Where the screenshots go, to be looked at (kept after the run). */
const SHOTS = process.env.SITE_SHOTS ?? path.join(os.tmpdir(), 'rapporteur-site-shots');
const workspace = tempWorkspaces();

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), rel) : [rel];
  });
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(walk(dir).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));
}

/** A static server on 127.0.0.1 that answers only to its own Host, as a pages host would serve the folder. */
async function serve(root: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.xml': 'application/xml', '.json': 'application/json', '.pdf': 'application/pdf' };
  let origin = '';
  const server = createServer((request, response) => {
    if (request.headers.host !== new URL(origin).host) {
      response.writeHead(421).end();
      return;
    }
    let file = path.join(root, decodeURIComponent(new URL(request.url ?? '/', origin).pathname));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { server, origin };
}

describe('rapporteur site', () => {
  let root: string;
  let publicOut: string;
  let groupOut: string;
  let first: SiteOutcome;
  let group: SiteOutcome;
  let launched: LaunchedBrowser;
  const messages: string[] = [];

  beforeAll(async () => {
    root = makeSiteHistory(workspace);
    const targets = await resolveReports([], root, root);
    publicOut = path.join(root, 'dist', 'site');
    groupOut = path.join(root, 'dist', 'wg-site');
    first = await buildSite({ root, targets, out: publicOut, audience: 'public', baseUrl: BASE, formats: ['html'], log: (l) => messages.push(l) });
    group = await buildSite({ root, targets, out: groupOut, audience: 'working-group', formats: ['html'], log: (l) => messages.push(l) });
    launched = await launchBrowser(findBrowser());
  }, 600_000);

  afterAll(async () => {
    await launched?.close();
  });

  it('publishes only the final, public versions of the public report, with every page and file a reader needs', async () => {
    expect(first.reports).toEqual(['access-to-evidence']);
    expect(first.versions).toBe(2);
    const files = new Set(first.files);
    for (const file of [
      'index.html', 'search/index.html', 'search/index.js', 'assets/site.css', 'assets/minisearch.js', 'assets/search.js', 'feed.xml', 'sitemap.xml', 'robots.txt',
      'access-to-evidence/index.html', 'access-to-evidence/changes/index.html',
      'access-to-evidence/v/1.0.0/index.html', 'access-to-evidence/v/1.1.0/index.html',
      'access-to-evidence/v/1.1.0/access-to-evidence.html', 'access-to-evidence/v/1.1.0/access-to-evidence-civil-law.html', 'access-to-evidence/v/1.1.0/access-to-evidence-common-law.html',
      'access-to-evidence/v/1.1.0/access-to-evidence-redline-1.0.0-1.1.0.html',
      'access-to-evidence/r/confidentiality-orders/index.html', 'access-to-evidence/r/confidentiality-orders/card.png',
      'access-to-evidence/r/early-case-management/index.html',
      'access-to-evidence/cite/access-to-evidence.bib', 'access-to-evidence/cite/access-to-evidence.ris', 'access-to-evidence/cite/access-to-evidence.json',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(first.files.filter((f) => f.includes('0.3.0') || f.startsWith('remedies/'))).toEqual([]);
    const recPages = first.files.filter((f) => /^access-to-evidence\/r\/[^/]+\/index\.html$/.test(f));
    expect(recPages).toHaveLength(14);
    // Fonts are one shared copy, not inside every page.
    expect(first.files.some((f) => f.startsWith('assets/fonts/') && f.endsWith('.woff2'))).toBe(true);
    for (const file of first.files.filter((f) => f.endsWith('.html'))) expect(readFileSync(path.join(publicOut, file), 'utf8'), file).not.toContain('data:font/woff2');
  });

  it('keeps every page within its size budget (site pages 60 kB, report editions and redlines 600 kB, cards 200 kB)', async () => {
    for (const file of first.files) {
      const size = statSync(path.join(publicOut, file)).size;
      const budget = /\/v\/[^/]+\/[^/]+\.html$/.test(file) && !file.endsWith('index.html') ? 600_000 : file.endsWith('.html') ? 60_000 : file.endsWith('.png') ? 200_000 : 2_000_000;
      expect(size, `${file}: ${size} bytes`).toBeLessThanOrEqual(budget);
    }
  });

  it('writes a change log from the per-recommendation summaries, and a permanent page per recommendation with its history', async () => {
    const changes = readFileSync(path.join(publicOut, 'access-to-evidence/changes/index.html'), 'utf8');
    expect(changes).toContain('3.1 Make confidentiality orders available from the outset: civil-law variant modified');
    expect(changes).toContain('2.1 Hold an early case-management hearing: added');
    expect(changes).toContain('2.2 Identify the secret with reasonable particularity: renumbered from 2.1');
    const rec = readFileSync(path.join(publicOut, 'access-to-evidence/r/identify-secrets/index.html'), 'utf8');
    expect(rec).toContain('Recommendation 2.2: Identify the secret with reasonable particularity');
    expect(rec).toContain(`<link rel="canonical" href="${BASE}/access-to-evidence/r/identify-secrets/">`);
    expect(rec).toContain(`<meta property="og:image" content="${BASE}/access-to-evidence/r/identify-secrets/card.png">`);
    expect(rec).toContain('href="../../v/1.1.0/access-to-evidence.html#identify-secrets"');
    expect(rec).toMatch(/<td>2\.1<\/td>.*first published version/s);
    expect(rec).toMatch(/<td>2\.2<\/td>.*renumbered from 2\.1/s);
    const card = readFileSync(path.join(publicOut, 'access-to-evidence/r/identify-secrets/card.png'));
    expect(card.subarray(1, 4).toString()).toBe('PNG');
    expect([card.readUInt32BE(16), card.readUInt32BE(20)]).toEqual([1200, 630]);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(path.join(SHOTS, 'card-identify-secrets.png'), card);
    const page = readFileSync(path.join(publicOut, 'access-to-evidence/index.html'), 'utf8');
    expect(page).toContain('How to cite');
    // The report's own reference in its citation style (OSCOLA), the same as its builds write.
    expect(page).toContain('Hélène Marchetti, Daniel K. Osei, and Akiko Morimoto, ‘Access to Evidence and Protection of Secrets in Trade Secret Litigation’ (Trade Secrets Best Practices Dialogue 2026) Report');
    expect(readFileSync(path.join(publicOut, 'access-to-evidence/cite/access-to-evidence.bib'), 'utf8')).toContain('@techreport{access-to-evidence,');
    const feed = readFileSync(path.join(publicOut, 'feed.xml'), 'utf8');
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed).toContain(`${BASE}/access-to-evidence/v/1.1.0/`);
    expect(readFileSync(path.join(publicOut, 'sitemap.xml'), 'utf8')).toContain(`<loc>${BASE}/access-to-evidence/r/identify-secrets/</loc>`);
    expect(readFileSync(path.join(publicOut, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
  });

  it('never holds comment text, internal paths, working-group material or remote addresses (every file walked)', async () => {
    const comments: string[] = [REMEDIES_COMMENT];
    for (const target of await resolveReports([], root, root)) {
      const { report } = await loadReport(target);
      for (const comment of report?.comments ?? []) comments.push(comment.text.trim().slice(0, 60));
    }
    expect(comments.length).toBeGreaterThan(3);
    // XML namespaces name vocabularies; they are never fetched.
    const namespaces = ['http://www.w3.org/2005/Atom', 'http://www.w3.org/2000/svg', 'http://www.sitemaps.org/schemas/sitemap/0.9', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/1998/Math/MathML'];
    const files = walk(publicOut);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      expect(file).not.toMatch(/(^|\/)internal\//);
      if (/\.(png|woff2|pdf)$/.test(file)) continue;
      const text = readFileSync(path.join(publicOut, file), 'utf8');
      for (const comment of comments) expect(text.includes(comment), `${file} carries comment text "${comment}"`).toBe(false);
      expect(text, file).not.toContain('internal/');
      expect(text, file).not.toContain('Working group only');
      expect(text, file).not.toContain('Remedies in Trade Secret Cases');
      expect(text, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>[^<]/);
      const remote = (text.match(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? []).filter(
        (url) => !url.startsWith(BASE) && !namespaces.some((ns) => url.startsWith(ns)),
      );
      expect(remote, file).toEqual([]);
    }
  });

  it('adds drafts, their redlines and a notice on every page for the working group', async () => {
    expect(group.reports.sort()).toEqual(['access-to-evidence', 'remedies']);
    expect(group.versions).toBe(6);
    const files = new Set(group.files);
    for (const file of [
      'remedies/v/0.1.0/remedies.html', 'remedies/v/0.2.0/remedies-redline-0.1.0-0.2.0.html', 'remedies/v/0.3.0/remedies-redline-0.2.0-0.3.0.html',
      'access-to-evidence/v/0.3.0/access-to-evidence.html', 'access-to-evidence/v/1.0.0/access-to-evidence-redline-0.3.0-1.0.0.html',
    ]) {
      expect(files, file).toContain(file);
    }
    for (const file of group.files.filter((f) => f.endsWith('index.html'))) {
      expect(readFileSync(path.join(groupOut, file), 'utf8'), file).toContain('Working group only — not for distribution.');
    }
    expect(readFileSync(path.join(groupOut, 'remedies/v/0.3.0/remedies.html'), 'utf8')).toContain('Working group only — not for distribution');
    expect(readFileSync(path.join(groupOut, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    // Even the working group's site never shows a comment.
    for (const file of group.files.filter((f) => f.endsWith('.html') || f.endsWith('.js'))) {
      expect(readFileSync(path.join(groupOut, file), 'utf8'), file).not.toContain(REMEDIES_COMMENT);
    }
  });

  it('opens in Chromium at 1440 and 390 px with no serious or critical axe violation on any page type, and search works', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { server, origin } = await serve(publicOut);
    const page = await launched.browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      const types: Record<string, string> = {
        home: '/',
        report: '/access-to-evidence/',
        version: '/access-to-evidence/v/1.1.0/',
        changes: '/access-to-evidence/changes/',
        recommendation: '/access-to-evidence/r/confidentiality-orders/',
        search: '/search/',
        edition: '/access-to-evidence/v/1.1.0/access-to-evidence.html',
        redline: '/access-to-evidence/v/1.1.0/access-to-evidence-redline-1.0.0-1.1.0.html',
      };
      for (const [name, address] of Object.entries(types)) {
        for (const width of [1440, 390]) {
          await page.setViewport({ width, height: 900 });
          const response = await page.goto(`${origin}${address}`, { waitUntil: 'load' });
          expect(response?.status(), address).toBe(200);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`) as `${string}.png`, fullPage: name !== 'edition' && name !== 'redline' });
          await page.evaluate(axeSource);
          const violations = (await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target) }));
          })) as Array<{ impact: string | null }>;
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(serious, `${name} at ${width}: ${JSON.stringify(serious)}`).toEqual([]);
        }
      }
      await page.goto(`${origin}/search/?q=bailiff`, { waitUntil: 'load' });
      await page.waitForSelector('#search-results li a');
      const hits = await page.$$eval('#search-results li a', (links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(hits).toContain(`${origin}/access-to-evidence/r/evidence-preservation/index.html`);
      await page.screenshot({ path: path.join(SHOTS, 'search-results-1440.png') as `${string}.png` });
      expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await page.close();
      server.close();
    }
  }, 300_000);

  it('has no broken link, and no link to another host, on the whole site (linkinator over 127.0.0.1)', async () => {
    for (const out of [publicOut, groupOut]) {
      const { server, origin } = await serve(out);
      try {
        // The site's own absolute addresses (canonical, og:image) are checked against the local copy.
        const result = await new LinkChecker().check({
          path: `${origin}/`,
          recurse: true,
          concurrency: 4,
          timeout: 20_000,
          urlRewriteExpressions: [{ pattern: new RegExp(`^${BASE.replace(/[.]/g, '\\.')}`), replacement: origin }],
        });
        const broken = result.links.filter((l) => l.state === 'BROKEN').map((l) => `${l.url} (${l.status}) from ${l.parent}`);
        expect(broken, out).toEqual([]);
        expect(result.links.filter((l) => !l.url.startsWith(origin) && !l.url.startsWith('data:')).map((l) => l.url)).toEqual([]);
        expect(result.links.length).toBeGreaterThan(50);
      } finally {
        server.close();
      }
    }
  }, 300_000);

  it('runs again with nothing new without making anything, and a new tag makes only the new version and its redline', async () => {
    const targets = await resolveReports([], root, root);
    const before = hashes(publicOut);
    const again = await buildSite({ root, targets, out: publicOut, audience: 'public', baseUrl: BASE, formats: ['html'] });
    expect(again.made).toBe(0);
    expect(again.reused).toBeGreaterThan(14);
    expect(hashes(publicOut)).toEqual(before);

    const chapter = path.join(root, 'reports/access-to-evidence/chapters/03-protecting-secrets.md');
    const text = readFileSync(chapter, 'utf8');
    writeFileSync(chapter, text.replace('The designation should take the form of a reasoned court order', 'The designation should take the form of a written and reasoned court order'));
    const report = path.join(root, 'reports/access-to-evidence/report.md');
    writeFileSync(report, readFileSync(report, 'utf8').replace('version: 1.1.0', 'version: 1.2.0'));
    commitAll(root, 'Publish 1.2.0', { GIT_AUTHOR_DATE: '2026-11-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' });
    git(root, ['tag', '-a', 'v1.2.0', '-m', 'v1.2.0'], { GIT_COMMITTER_DATE: '2026-11-20T10:00:00Z' });
    const next = await buildSite({ root, targets, out: publicOut, audience: 'public', baseUrl: BASE, formats: ['html'] });
    expect(next.versions).toBe(3);
    // The editions of 1.2.0 and the redline 1.1.0 → 1.2.0; every card and older version is reused.
    expect(next.made).toBe(2);
    expect(next.files).toContain('access-to-evidence/v/1.2.0/access-to-evidence-redline-1.1.0-1.2.0.html');
    expect(readFileSync(path.join(publicOut, 'access-to-evidence/changes/index.html'), 'utf8')).toContain('3.1 Make confidentiality orders available from the outset: civil-law variant modified');
  }, 300_000);

  it('is a command: exit 2 with one line for a bad audience or a folder it did not make, 0 and a summary otherwise', async () => {
    const bad = await runCliInProcess(['site', '--audience', 'press'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--audience: unknown audience "press"');
    const foreign = await runCliInProcess(['site', '--out', 'reports'], { cwd: root });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is not empty and was not made by rapporteur site/);
    expect(foreign.stderr).not.toMatch(/\n\s+at /);
    const ok = await runCliInProcess(['site', 'remedies', '--audience', 'working-group', '--out', 'dist/cli-site', '--no-cards'], { cwd: root });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/dist\/cli-site: working-group site, 1 report, 3 versions, \d+ files; \d+ made, 0 reused/);
  }, 120_000);
});

describe('rapporteur site with PDF editions', () => {
  it('adds each version\'s PDFs (drafts keep their DRAFT line on the working group\'s site)', async () => {
    const root = makeSiteHistory(workspace);
    const targets = await resolveReports(['remedies'], root, root);
    const out = path.join(root, 'dist', 'pdf-site');
    const outcome = await buildSite({ root, targets, out, audience: 'working-group', formats: ['html', 'pdf'], cards: false });
    const pdfs = outcome.files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(
      ['0.1.0', '0.2.0', '0.3.0'].flatMap((v) => [`remedies/v/${v}/remedies-civil-law.pdf`, `remedies/v/${v}/remedies-common-law.pdf`, `remedies/v/${v}/remedies.pdf`]).sort(),
    );
    const text = execFileSync('pdftotext', ['-layout', path.join(out, 'remedies/v/0.3.0/remedies.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('REVIEW DRAFT · version 0.3.0');
    expect(text).toContain('and an account of profits');
    expect(text).not.toContain(REMEDIES_COMMENT);
    const page = readFileSync(path.join(out, 'remedies/v/0.3.0/index.html'), 'utf8');
    expect(page).toMatch(/<span class="format">PDF<\/span>/);
  }, 600_000);
});

describe('the CI layout: editions made per report, the site put together from their caches', () => {
  it('makes nothing again when the caches of per-report runs are merged', async () => {
    const root = makeSiteHistory(workspace);
    const out = path.join(root, 'dist', 'site');
    const saved = process.env.RAPPORTEUR_CACHE_DIR;
    const caches = ['access-to-evidence', 'remedies', 'merged'].map((name) => path.join(root, '.caches', name));
    try {
      for (const [index, slug] of ['access-to-evidence', 'remedies'].entries()) {
        process.env.RAPPORTEUR_CACHE_DIR = caches[index];
        const made = await buildSite({ root, targets: await resolveReports([slug], root, root), out, audience: 'working-group', formats: ['html'] });
        expect(made.made).toBeGreaterThan(0);
        cpSync(path.join(caches[index], 'site'), path.join(caches[2], 'site'), { recursive: true });
      }
      process.env.RAPPORTEUR_CACHE_DIR = caches[2];
      const whole = await buildSite({ root, targets: await resolveReports([], root, root), out, audience: 'working-group', formats: ['html'] });
      expect(whole.reports.sort()).toEqual(['access-to-evidence', 'remedies']);
      expect(whole.made).toBe(0);
    } finally {
      process.env.RAPPORTEUR_CACHE_DIR = saved;
    }
  }, 600_000);
});

describe('audience rules', () => {
  const version = (status: 'draft' | 'review' | 'final', confidentiality: 'public' | 'working-group') => ({ report: { meta: { status, confidentiality } } });
  it('puts a report on the public site only when its newest version is final and public, and earlier public drafts only when asked', async () => {
    const history = [version('draft', 'working-group'), version('review', 'public'), version('final', 'public'), version('final', 'public')];
    expect(versionsFor(history, { audience: 'public', publicDrafts: false })).toEqual(history.slice(2));
    expect(versionsFor(history, { audience: 'public', publicDrafts: true })).toEqual(history.slice(1));
    expect(versionsFor(history, { audience: 'working-group', publicDrafts: false })).toEqual(history);
    expect(versionsFor([...history, version('draft', 'working-group')], { audience: 'public', publicDrafts: true })).toEqual([]);
    expect(formatsFor({ status: 'review' }, ['html', 'pdf'], { audience: 'public', publicDrafts: true })).toEqual(['html']);
    expect(formatsFor({ status: 'review' }, ['html', 'pdf'], { audience: 'working-group', publicDrafts: false })).toEqual(['html', 'pdf']);
  });
});
