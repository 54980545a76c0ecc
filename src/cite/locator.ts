/**
 * Pandoc's reading of a citation's suffix: `, 12–14` is a page locator, `, para 3` a paragraph,
 * `, ch. 2 and passim` a chapter followed by a suffix. Works on the text of one token of the
 * citation syntax, word by word.
 */

/** Locator terms of the CSL English locale as pandoc accepts them, to CSL labels. */
const LABELS: Record<string, string> = {
  'bk.': 'book', 'bks.': 'book', book: 'book', books: 'book',
  'ch.': 'chapter', 'chs.': 'chapter', 'chap.': 'chapter', 'chaps.': 'chapter', chapter: 'chapter', chapters: 'chapter',
  'col.': 'column', 'cols.': 'column', column: 'column', columns: 'column',
  'fig.': 'figure', 'figs.': 'figure', figure: 'figure', figures: 'figure',
  'fol.': 'folio', 'fols.': 'folio', folio: 'folio',
  'no.': 'issue', 'nos.': 'issue',
  'l.': 'line', 'll.': 'line', line: 'line', lines: 'line',
  'n.': 'note', 'nn.': 'note', n: 'note', nn: 'note', note: 'note', notes: 'note',
  'op.': 'opus', 'opp.': 'opus',
  'p.': 'page', 'pp.': 'page', p: 'page', pp: 'page', page: 'page', pages: 'page',
  'para.': 'paragraph', 'paras.': 'paragraph', para: 'paragraph', paras: 'paragraph', paragraph: 'paragraph', paragraphs: 'paragraph', '¶': 'paragraph', '¶¶': 'paragraph',
  'pt.': 'part', 'pts.': 'part', part: 'part', parts: 'part',
  'sec.': 'section', 'secs.': 'section', section: 'section', sections: 'section', '§': 'section', '§§': 'section', s: 'section', ss: 'section',
  's.v.': 'sub-verbo', 'ss.vv.': 'sub-verbo',
  'v.': 'verse', 'vv.': 'verse', verse: 'verse', verses: 'verse',
  'vol.': 'volume', 'vols.': 'volume', volume: 'volume', volumes: 'volume',
};

const ROMAN = new Set([...'ivxlcdmIVXLCDM']);
const LOCATOR_PUNCTUATION = new Set([...'-–—,:.()']);

/** A word that can be (part of) a locator: digits, roman numerals, ranges, `3(a)`. */
function locatorWord(word: string): boolean {
  let digit = false;
  let roman = true;
  for (const char of word) {
    if (char >= '0' && char <= '9') digit = true;
    else if (!ROMAN.has(char)) roman = false;
    if (!(char >= '0' && char <= '9') && !ROMAN.has(char) && !LOCATOR_PUNCTUATION.has(char) && !(char >= 'a' && char <= 'z' && digit)) return false;
  }
  return digit || roman;
}

export interface SplitLocator {
  locator?: string;
  label?: string;
  suffix?: string;
}

/**
 * Splits a suffix into locator, label and the rest. In a bracketed citation the locator follows a
 * comma (`@key, 47`); after a narrative citation the bracket holds it directly (`@key [47]`).
 */
export function splitLocator(raw: string, { afterComma }: { afterComma: boolean }): SplitLocator {
  let text = raw.trim();
  if (!text) return {};
  if (afterComma) {
    if (!text.startsWith(',')) return { suffix: raw.trimEnd() };
    text = text.slice(1).trimStart();
  }
  const words = text.split(' ').filter((word) => word !== '');
  let index = 0;
  let label: string | undefined;
  const first = words[0]?.toLowerCase();
  if (first !== undefined && LABELS[first] && words.length > 1 && locatorWord(words[1].replace(/,$/, ''))) {
    label = LABELS[first];
    index = 1;
  }
  const taken: string[] = [];
  while (index < words.length) {
    const word = words[index];
    const bare = word.endsWith(',') ? word.slice(0, -1) : word;
    // `12, 14` and `12 & 14` continue a locator; anything else ends it.
    if (locatorWord(bare) || (taken.length > 0 && (word === '&' || word === 'and') && index + 1 < words.length && locatorWord(words[index + 1].replace(/,$/, '')))) {
      taken.push(word);
      index++;
      if (word.endsWith(',') && !(index < words.length && locatorWord(words[index].replace(/,$/, '')))) break;
      continue;
    }
    break;
  }
  if (taken.length === 0) {
    return { suffix: afterComma ? raw.trimEnd() : text };
  }
  let locator = taken.join(' ');
  let rest = words.slice(index).join(' ');
  if (locator.endsWith(',')) {
    locator = locator.slice(0, -1);
    rest = rest ? `, ${rest}` : '';
  } else if (rest) rest = ` ${rest}`;
  return { locator, label: label ?? 'page', suffix: rest || undefined };
}
