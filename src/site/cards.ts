import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { findBrowser, launchBrowser, type LaunchedBrowser } from '../pdf/browser.js';
import { embeddedFontCss } from '../render/fonts.js';

/**
 * Share cards: one 1200×630 PNG per recommendation (the size Open Graph and X show large), laid
 * out in HTML and photographed by the same Chromium that prints the PDFs. The fonts are inlined
 * into the card's page and nothing is fetched: the page is set as content with no base URL.
 */
export interface CardInput {
  number: string;
  title: string;
  principle: string;
  reportTitle: string;
  dialogue?: string;
  withdrawn: boolean;
}

const CARD_CSS = `
html, body { margin: 0; width: 1200px; height: 630px; }
body { box-sizing: border-box; padding: 64px 72px; display: flex; flex-direction: column; background: #fff; color: #1d232b;
  border-left: 28px solid #1f4e79; font-family: "Source Serif 4", Georgia, serif; }
.kicker { font-family: "Source Sans 3", sans-serif; font-size: 26px; letter-spacing: .08em; text-transform: uppercase; color: #1f4e79; margin: 0; }
h1 { font-family: "Source Sans 3", sans-serif; font-size: 60px; line-height: 1.12; margin: 18px 0 22px; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
.principle { font-size: 30px; line-height: 1.4; color: #3a4550; margin: 0; display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical; overflow: hidden; }
.foot { margin-top: auto; font-family: "Source Sans 3", sans-serif; font-size: 24px; color: #4f5b66; display: flex; justify-content: space-between; gap: 24px; }
.foot .report { font-weight: 600; color: #1d232b; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;

export function cardHtml(card: CardInput): string {
  const kicker = card.withdrawn ? 'Withdrawn recommendation' : `Recommendation ${card.number}`;
  const doc = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charSet: 'utf-8' }), h('style', `${embeddedFontCss()}\n${CARD_CSS}`)]),
    h('body', [
      h('p.kicker', [kicker, card.dialogue ? ` · ${card.dialogue}` : '']),
      h('h1', card.title),
      h('p.principle', card.principle),
      // No version on the card: it stays the same picture (and is not made again) until its text changes.
      h('div.foot', [h('span.report', card.reportTitle)]),
    ]),
  ]);
  return `<!DOCTYPE html>${toHtml(doc)}`;
}

/** Photographs cards with one browser, started on the first card and closed by `close`. */
export class CardCamera {
  private launched?: Promise<LaunchedBrowser>;
  constructor(private readonly browserPath?: string) {}

  async shoot(html: string): Promise<Buffer> {
    this.launched ??= launchBrowser(findBrowser(this.browserPath));
    const { browser } = await this.launched;
    const page = await browser.newPage();
    try {
      // Nothing may leave the machine, even if a card's text looked like markup.
      await page.setRequestInterception(true);
      page.on('request', (request) => (request.url().startsWith('data:') ? request.continue() : request.abort()));
      await page.setViewport({ width: 1200, height: 630, deviceScaleFactor: 1 });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return Buffer.from(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1200, height: 630 } }));
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    if (this.launched) await (await this.launched).close();
  }
}
