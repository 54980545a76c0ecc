import { readFileSync } from 'node:fs';
import { fontsourceCss } from '../render/fonts.js';
import type { Template } from '../render/template.js';

/**
 * Files every page shares: the type (one copy of each font file, not embedded in every page),
 * the stylesheet (the template's screen styles, so a recommendation reads the same on its own
 * page as in the report, plus the site's own layout) and the icon.
 */
export interface SharedFonts {
  /** @font-face rules whose addresses start with `toAssets`, the way from the page to `assets/` ('' from assets/ itself). */
  css(toAssets: string): string;
  /** Font files to copy: site path → absolute source. */
  files: Map<string, string>;
}

export function sharedFonts(): SharedFonts {
  const files = new Map<string, string>();
  const rules = new Map<string, string>();
  return {
    css(toAssets) {
      let css = rules.get(toAssets);
      if (css === undefined) {
        css = fontsourceCss(({ name, file }) => {
          files.set(`assets/fonts/${name}`, file);
          return `${toAssets}fonts/${name}`;
        });
        rules.set(toAssets, css);
      }
      return css;
    },
    files,
  };
}

const SITE_CSS = `
.site-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem 1.5rem; max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; border-bottom: 1px solid var(--rule); font-family: var(--sans); }
.site-name { font-weight: 700; text-decoration: none; color: var(--ink); }
.site-header ul { list-style: none; display: flex; gap: 1.25rem; margin: 0; padding: 0; }
.audience-banner { max-width: 60rem; margin: 0 auto; padding: .6rem 1.25rem; background: #fff4e5; border-bottom: 2px solid #8a1c1c; color: #5c1111; font-family: var(--sans); font-size: .95rem; }
main#main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
main#main > h1 { font-size: clamp(1.6rem, 1.2rem + 2vw, 2.3rem); margin: .3rem 0 .6rem; }
.site-footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; border-top: 1px solid var(--rule); font-family: var(--sans); font-size: .85rem; color: var(--muted); }
.dialogue, .breadcrumb { font-family: var(--sans); text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: var(--muted); margin: 0; }
.breadcrumb a { color: var(--muted); }
.facts, .rapporteurs, .languages { font-family: var(--sans); color: var(--muted); }
.status { display: inline-block; font-family: var(--sans); font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; padding: .1rem .45rem; border-radius: 3px; background: var(--tint); color: var(--ink); }
.status-final { background: #e3f1e8; color: #0d4d2b; }
.status-draft, .status-review { background: #fdeaea; color: #7d1414; }
.report-list { list-style: none; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); }
.report-card { border: 1px solid var(--rule); border-top: 4px solid var(--accent); border-radius: 4px; padding: 1rem 1.25rem; }
.report-card h2 { margin: .3rem 0; font-size: 1.3rem; }
.editions { list-style: none; padding: 0; font-family: var(--sans); }
.editions li { margin: .35rem 0; }
.editions .format { display: inline-block; min-width: 3.2rem; font-weight: 700; }
.editions .size { color: var(--muted); font-size: .85em; }
.recommendation-list { list-style: none; padding: 0; font-family: var(--sans); }
.recommendation-list li { margin: .3rem 0; }
.recommendation-list .number { display: inline-block; min-width: 2.5rem; color: var(--accent); font-weight: 600; }
.table-wrap { overflow-x: auto; }
tbody th { border-bottom: 1px solid var(--rule); font-weight: 600; white-space: nowrap; }
/* The versions table scrolls sideways on a phone rather than breaking "0.3.0" or a date in two. */
table.versions th, table.versions td { white-space: nowrap; }
caption { text-align: left; font-family: var(--sans); font-weight: 700; padding: .3rem 0; }
.changes li { margin: .2rem 0; }
.reference { background: var(--tint); padding: .75rem 1rem; border-radius: 4px; }
.rec-links { font-family: var(--sans); overflow-wrap: anywhere; }
.recommendation-text .recommendation { margin-top: 1rem; }
form.search { display: flex; flex-direction: column; gap: .3rem; max-width: 32rem; font-family: var(--sans); }
form.search input { font: inherit; padding: .45rem .6rem; border: 1px solid var(--muted); border-radius: 3px; }
#search-results { font-family: var(--sans); }
@media (max-width: 40rem) { .site-header, main#main, .site-footer, .audience-banner { padding-left: 1rem; padding-right: 1rem; } }
`;

export function siteCss(template: Template, fonts: SharedFonts): string {
  return `${fonts.css('')}\n${template.screenCss}\n${SITE_CSS}`;
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/><path d="M9 8h9a6 6 0 0 1 0 12h-4l6 5h-5l-6-5V8zm4 3.5v5h5a2.5 2.5 0 0 0 0-5z" fill="#fff"/></svg>\n`;

export function fontBytes(file: string): Buffer {
  return readFileSync(file);
}
