import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The template's type: Source Serif 4 for text, Source Sans 3 for headings (npm @fontsource). */
const FONTSOURCE: Array<{ pkg: string; weights: string[] }> = [
  // Every weight and style the template sets, so Chromium never makes up (and embeds as Type 3)
  // an italic or bold it was not given: headings are sans 600/700, italic in headings included.
  { pkg: '@fontsource/source-serif-4', weights: ['400', '400-italic', '600', '600-italic', '700', '700-italic'] },
  { pkg: '@fontsource/source-sans-3', weights: ['400', '400-italic', '600', '600-italic', '700', '700-italic'] },
];

export interface FontFile {
  /** e.g. source-serif-4-latin-400-normal.woff2 */
  name: string;
  file: string;
}

/**
 * @font-face rules for the Latin subsets (the ones a report in a Latin script needs), with each
 * file's URL chosen by `urlFor`: served by the PDF renderer, or a data URL in the web page.
 * The rules come from the packages' own CSS.
 */
export function fontsourceCss(urlFor: (font: FontFile) => string, subsets: RegExp = /-(latin|latin-ext)-\d+-(normal|italic)\b/): string {
  const rules: string[] = [];
  for (const { pkg, weights } of FONTSOURCE) {
    const dir = path.dirname(require.resolve(`${pkg}/400.css`));
    for (const weight of weights) {
      const css = readFileSync(path.join(dir, `${weight}.css`), 'utf8');
      for (const block of css.split('@font-face').slice(1)) {
        if (!subsets.test(block)) continue;
        rules.push(
          '@font-face' +
            block
              .replace(/\/\*[^]*?\*\//g, '')
              .replace(/url\(\.\/files\/([^)]+?\.woff2)\) format\('woff2'\), url\([^)]+\) format\('woff'\)/, (_m, name: string) => {
                return `url(${urlFor({ name, file: path.join(dir, 'files', name) })}) format('woff2')`;
              })
              .trim(),
        );
      }
    }
  }
  return rules.join('\n');
}

let embedded: string | undefined;

/** The same faces as data URLs, so the published web page is one self-contained file. */
export function embeddedFontCss(): string {
  embedded ??= fontsourceCss(
    ({ file }) => `data:font/woff2;base64,${readFileSync(file).toString('base64')}`,
    /-latin-(400|600|700)-(normal|italic)\b|source-serif-4-latin-ext-400-normal/,
  );
  return embedded;
}
