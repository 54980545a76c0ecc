import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { fontsourceCss } from '../render/fonts.js';

/**
 * Everything a PDF page may load is served from memory or from known files under this origin,
 * through request interception. Any other request (a remote image, a stylesheet, a font from a
 * CDN, anything at all) is aborted, so rendering never touches the network.
 */
export const ORIGIN = 'http://rapporteur.invalid';

const require = createRequire(import.meta.url);

interface Asset {
  type: string;
  /** Read lazily: the CJK fonts are megabytes and most reports never use some of them. */
  body: () => Buffer;
}

export class AssetServer {
  private readonly assets = new Map<string, Asset>();
  readonly blocked: string[] = [];

  add(pathname: string, type: string, body: string | Buffer | (() => Buffer)): string {
    const read = typeof body === 'function' ? body : () => (typeof body === 'string' ? Buffer.from(body) : body);
    let cached: Buffer | undefined;
    this.assets.set(pathname, { type, body: () => (cached ??= read()) });
    return `${ORIGIN}${pathname}`;
  }

  async attach(page: Page): Promise<void> {
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      // data: URLs never leave the page; they are the embedded images.
      if (url.startsWith('data:')) return void request.continue();
      const asset = url.startsWith(`${ORIGIN}/`) ? this.assets.get(new URL(url).pathname) : undefined;
      if (!asset) {
        this.blocked.push(url);
        return void request.abort('blockedbyclient');
      }
      return void request.respond({ status: 200, contentType: asset.type, body: asset.body(), headers: { 'Access-Control-Allow-Origin': '*' } });
    });
  }
}

export function pagedPolyfillPath(): string {
  // The package's exports map hides dist/; its CommonJS entry sits in lib/ beside it.
  return path.resolve(path.dirname(require.resolve('pagedjs')), '..', 'dist', 'paged.polyfill.js');
}

/**
 * TrueType CJK fonts from Debian (fonts-ipafont, fonts-nanum, fonts-wqy-zenhei), taken as system
 * fonts with local(): Chromium's font sanitizer refuses some of these files as web fonts, and as
 * system TrueType fonts they embed in the PDF as CID TrueType. (Noto CJK, OTF/CFF, would end up as
 * dozens of Type 3 fonts.) Each face covers only its script's ranges.
 */
const KANA_HAN = 'U+3000-30FF,U+31F0-31FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FF00-FFEF';
const HANGUL = 'U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7AF,U+D7B0-D7FF,U+3000-303F,U+FF00-FFEF';
const CJK_FONTS: Array<{ family: string; local: string[]; range: string; weight?: string }> = [
  { family: 'Rapporteur JP Serif', local: ['IPAMincho', 'IPA明朝'], range: KANA_HAN },
  { family: 'Rapporteur JP Sans', local: ['IPAGothic', 'IPAゴシック'], range: KANA_HAN },
  { family: 'Rapporteur KR Serif', local: ['NanumMyeongjo'], range: HANGUL },
  { family: 'Rapporteur KR Serif', local: ['NanumMyeongjoBold'], range: HANGUL, weight: '700' },
  { family: 'Rapporteur KR Sans', local: ['NanumGothic'], range: HANGUL },
  { family: 'Rapporteur KR Sans', local: ['NanumGothicBold'], range: HANGUL, weight: '700' },
  { family: 'Rapporteur ZH', local: ['WenQuanYi Zen Hei', 'WenQuanYiZenHei'], range: KANA_HAN },
];

/** Serves the fonts and returns the @font-face rules that point at them. */
export function registerFonts(server: AssetServer): string {
  const rules: string[] = [
    fontsourceCss(({ name, file }) => server.add(`/fonts/${name}`, 'font/woff2', () => readFileSync(file))),
  ];
  for (const font of CJK_FONTS) {
    const src = font.local.map((name) => `local('${name}')`).join(', ');
    rules.push(`@font-face { font-family: '${font.family}'; font-style: normal; font-weight: ${font.weight ?? '400'}; src: ${src}; unicode-range: ${font.range}; }`);
  }
  return rules.join('\n');
}
