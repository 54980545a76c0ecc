
/**
 * A report built to provoke every PDF defect of issue #12: footnotes on nearly every sentence (so
 * calls land on the last line of pages, and at chunk boundaries), a hundred long URLs in notes and
 * table cells, a title far too long for a running head and no short title, headings that carry
 * their own numbers ("I.", "A.", "1.", "(a)") and italics, CJK text in footnotes. Every sentence
 * carries a marker word (w<section>x<n>) so a lost line is easy to name. Deterministic.
 */
// Options: sections (top-level, each about 3-4 pages), paragraphs per subsection, seed, front
// (front-matter fields to add or override, as YAML text).
// Plain ESM JavaScript: the benchmark and the tests import it without a build.

import { rng } from './generate.js';

export const LONG_TITLE =
  'Protecting Trade Secrets in Civil Proceedings: Evidence, Confidentiality Clubs and the Future of Cross-Border Judicial Dialogue';

const WORDS = ('court evidence secret holder defendant claimant order procedure measure confidential information proceedings ' +
  'party judge expert access protection disclosure document hearing application preservation inspection seizure remedy ' +
  'practice jurisdiction system tradition approach reason risk harm damage proof misappropriation reassurance supports work')
  .split(' ');


const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

export function stressReport(options = {}) {
  const { sections = 6, paragraphs = 5, seed = 7 } = options;
  const random = rng(seed).next;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const notes = [];
  let note = 0;
  let sentenceNo = 0;
  let url = 0;
  const longUrl = () => {
    url++;
    return `https://www.example-law-review.org/volumes/2026/trade-secrets/articles/${url}/cross-border-evidence-confidentiality-${'segment'.repeat(3)}-${url}/${'CrossBorderEvidenceConfidentiality'.repeat(3)}${url}.pdf?session=${'A1B2C3D4E5'.repeat(4)}`;
  };
  const sentence = (section) => {
    sentenceNo++;
    const length = 6 + Math.floor(random() * 16);
    const words = Array.from({ length }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    words.splice(1, 0, `w${section}x${sentenceNo}`);
    return `${words.join(' ')}.`;
  };
  const paragraph = (section) => {
    const count = 3 + Math.floor(random() * 5);
    const parts = [];
    for (let i = 0; i < count; i++) {
      let text = sentence(section);
      if (random() < 0.6) {
        note++;
        text += `[^n${note}]`;
        const kind = note % 7;
        const body =
          kind === 0
            ? `Note n${note}q: see ${longUrl()} for the full text of the judgment.`
            : kind === 3
              ? `Note n${note}q: 日本の不正競争防止法は営業秘密を保護する。 부정경쟁방지법은 영업비밀을 보호한다.`
              : `Note n${note}q: ${Array.from({ length: 5 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ')}.`;
        notes.push(`[^n${note}]: ${body}`);
      }
      parts.push(text);
    }
    return parts.join(' ');
  };
  const body = ['::toc', ''];
  for (let s = 1; s <= sections; s++) {
    // Every third section has a heading long enough to wrap in the contents and the running head.
    const tail = s % 3 === 0 ? ' in Cross-Border Proceedings Where Confidentiality Clubs, Court Experts and Protective Orders Meet' : '';
    body.push(`## ${ROMAN[(s - 1) % ROMAN.length]}. The *Increasing* Role of Evidence Part ${s}${tail}`, '', paragraph(s), '');
    for (let sub = 0; sub < 2; sub++) {
      body.push(`### ${String.fromCharCode(65 + sub)}. Confidentiality *Clubs* and Experts ${s}${sub}`, '', paragraph(s), '');
      for (let p = 0; p < paragraphs; p++) body.push(paragraph(s), '');
      body.push(`#### ${sub + 1}. Voluntary Disclosure ${s}${sub}`, '', paragraph(s), '');
      body.push(`##### (a) Orders *in camera* ${s}${sub}`, '', paragraph(s), '');
    }
    body.push('| Jurisdiction | Source |', '|---|---|');
    for (let r = 0; r < 3; r++) body.push(`| ${pick(['FR', 'DE', 'GB', 'US', 'JP'])} | ${longUrl()} |`);
    body.push('');
  }
  body.push(...notes, '');
  const front = { title: JSON.stringify(LONG_TITLE), version: '0.1.0', status: 'draft', date: '2026-11-21', systems: '[civil-law, common-law]', ...options.front };
  const yaml = Object.entries(front).map(([key, value]) => `${key}: ${value}`).join('\n');
  return `---\n${yaml}\n---\n\n${body.join('\n')}`;
}
