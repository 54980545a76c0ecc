import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { packagePath } from '../util/package-root.js';
import type { ReportEntry } from './pages.js';

const require = createRequire(import.meta.url);

/**
 * Search without a server: a MiniSearch index built here, from the Report models, and loaded by
 * a small script. Chosen over Pagefind because the units people look for are known and
 * structured (a report, a recommendation with its number, title, principle, variants), so they
 * are indexed from the model rather than scraped back out of the HTML; it needs no
 * platform-specific binary at build time; and the index for the sample report is tens of kB.
 * The index is a script (not JSON fetched at run time) so the search also works from file://.
 */
export const SEARCH_FIELDS = ['title', 'number', 'text', 'report'];
const STORE_FIELDS = ['title', 'number', 'report', 'url', 'kind'];

interface SearchDocument {
  id: string;
  kind: 'report' | 'recommendation';
  title: string;
  number: string;
  text: string;
  report: string;
  /** Site path (from the site's root). */
  url: string;
}

export function searchIndexScript(reports: ReportEntry[]): string {
  const documents: SearchDocument[] = [];
  for (const report of reports) {
    const meta = report.latest.version.report.meta;
    documents.push({
      id: `report:${report.slug}`,
      kind: 'report',
      title: meta.title,
      number: '',
      text: [meta.subtitle, meta.dialogue, typeof meta.description === 'string' ? meta.description : '', ...meta.rapporteurs.map((r) => r.name)].filter(Boolean).join(' '),
      report: meta.title,
      url: report.page,
    });
    for (const rec of report.recommendations) {
      if (rec.withdrawnIn) continue;
      documents.push({
        id: `rec:${report.slug}:${rec.id}`,
        kind: 'recommendation',
        title: rec.item.title,
        number: rec.item.number,
        text: [rec.item.principle, ...rec.item.variants.map((v) => v.text), ...rec.item.examples.map((e) => `${e.jurisdictionName ?? e.jurisdiction} ${e.text}`), ...rec.item.rationale.map((r) => r.text)].join(' '),
        report: meta.title,
        url: rec.page,
      });
    }
  }
  const search = new MiniSearch<SearchDocument>({ fields: SEARCH_FIELDS, storeFields: STORE_FIELDS });
  search.addAll(documents);
  const payload = { fields: SEARCH_FIELDS, storeFields: STORE_FIELDS, index: search.toJSON() };
  return `window.rapporteurSearch = ${JSON.stringify(payload).replace(/</g, '\\u003c')};\n`;
}

/**
 * MiniSearch for the browser. `npm run compile` writes it minified without comments (so the
 * published file names no other site); without the build tools, the package's own UMD file.
 */
export function miniSearchBrowserScript(): string {
  const built = packagePath('lib', 'site', 'minisearch.browser.js');
  if (existsSync(built)) return readFileSync(built, 'utf8');
  return readFileSync(path.join(path.dirname(require.resolve('minisearch')), '..', 'umd', 'index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** The page's script: shows the form, searches as one types, keeps the query in the address. */
export const SEARCH_SCRIPT = `(function () {
  var data = window.rapporteurSearch;
  var form = document.querySelector('form.search');
  if (!data || !window.MiniSearch || !form) return;
  var engine = window.MiniSearch.loadJS(data.index, { fields: data.fields, storeFields: data.storeFields });
  var input = document.getElementById('q');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  form.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); run(); });
  input.addEventListener('input', run);
  function run() {
    var query = input.value.trim();
    list.textContent = '';
    if (!query) { status.textContent = ''; return; }
    var results = engine.search(query, { prefix: true, fuzzy: 0.2, boost: { title: 3, number: 2 } }).slice(0, 50);
    status.textContent = results.length + (results.length === 1 ? ' result' : ' results') + ' for “' + query + '”';
    results.forEach(function (hit) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '../' + hit.url;
      link.textContent = (hit.number ? hit.number + ' ' : '') + hit.title;
      item.appendChild(link);
      if (hit.kind === 'recommendation') item.appendChild(document.createTextNode(' — ' + hit.report));
      list.appendChild(item);
    });
    if (history.replaceState) history.replaceState(null, '', '?q=' + encodeURIComponent(query));
  }
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
})();
`;
