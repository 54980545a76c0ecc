// Generates a well-formed report of realistic shape and size: chapters of sections, each with
// recommendations (principle, a variant per system with examples of the right legal family,
// rationale, footnotes, cross-references), prose, lists, tables, quotations that cite binding law
// ("shall" inside quotes, which lint must not flag), resolved comments and images.
// Deterministic: the same options give the same bytes. Used by lint's benchmark and precision test.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WORDS = ('court courts evidence secret secrets holder defendant claimant order orders procedure measure measures ' +
  'confidential information proceedings party parties judge expert access protection disclosure document documents ' +
  'hearing application preservation inspection seizure description rights remedy practice working group members ' +
  'jurisdiction jurisdictions system systems civil common law tradition approach reason risk harm damage proof')
  .split(' ');
const CIVIL = ['FR', 'DE', 'IT', 'ES', 'JP', 'NL', 'BE', 'AT', 'CH', 'KR', 'BR', 'EU'];
const COMMON = ['GB', 'US', 'IE', 'AU', 'NZ', 'SG', 'IN', 'CA'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prose of about `words` words; never contains a mandatory word (shall, must, required, obliged). */
function makeProse(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  return (words) => {
    const sentences = [];
    let count = 0;
    while (count < words) {
      const length = 8 + Math.floor(random() * 14);
      const parts = Array.from({ length }, () => pick(WORDS));
      parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
      if (random() < 0.3) parts[3] = `*${parts[3]}*`;
      sentences.push(`${parts.join(' ')} should be considered.`);
      count += length + 2;
    }
    return sentences.join(' ');
  };
}

/**
 * Writes reports/<slug>/ under `root` and returns the path of report.md. About 500 words per
 * page; `pages` / 12 chapters (at least 1), each a file of its own.
 */
export function generateReport(root, { slug = 'generated', pages = 100, seed = 1 } = {}) {
  const random = rng(seed);
  const prose = makeProse(random);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const dir = path.join(root, 'reports', slug);
  mkdirSync(path.join(dir, 'chapters'), { recursive: true });
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'images', 'figure.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n');

  const chapters = Math.max(1, Math.round(pages / 12));
  const sectionsPerChapter = 4;
  // A section (prose, two recommendations with variants, examples and rationale) is about
  // 2 000 words: four pages of 500 words.
  const sections = Math.max(1, Math.round(pages / 4));
  const ids = [];
  const chapterFiles = [];
  let section = 0;
  for (let c = 1; c <= chapters; c++) {
    const lines = [`# Chapter ${c}: ${prose(4).replace(/ should be considered\.$/, '')}`, '', prose(120), ''];
    const count = c === chapters ? Math.max(1, sections - section) : Math.min(sectionsPerChapter, Math.max(1, sections - section));
    for (let s = 1; s <= count; s++) {
      section++;
      const tag = `c${c}s${s}`;
      lines.push(`## Section ${c}.${s} on ${pick(WORDS)} and ${pick(WORDS)} (${tag})`, '', prose(150), '');
      lines.push(`- ${prose(20)}`, `- ${prose(20)}`, `- ${prose(20)}`, '');
      lines.push('| Jurisdiction | Measure | Notes |', '|---|---|---|');
      for (let r = 0; r < 3; r++) lines.push(`| ${pick(CIVIL)} | ${pick(WORDS)} | ${prose(8)} |`);
      lines.push('');
      lines.push(`> "The court shall order the measure where the holder shows a risk," in the words of a statute quoted by members (${tag}).`, '');
      for (let r = 1; r <= 2; r++) {
        const id = `rec-${tag}-${r}`;
        const uniform = random() < 0.15;
        const ref = ids.length > 0 ? ` See also :ref[${pick(ids)}].` : '';
        ids.push(id);
        const note = `${id}-n`;
        lines.push(`:::::recommendation{#${id} title="${prose(5).replace(/ should be considered\.$/, '').replace(/\*/g, '')}" topic=${pick(['evidence', 'confidentiality'])}${uniform ? ' uniform' : ''}}`);
        lines.push(`${prose(90)}${ref} Members cite \`must\` only as statutory wording.[^${note}]`, '');
        if (!uniform) {
          for (const [system, codes] of [['civil-law', CIVIL], ['common-law', COMMON]]) {
            lines.push(`::::variant{system=${system}}`, prose(70), '');
            lines.push(`:::example{jurisdiction=${pick(codes)}}`, prose(60), ':::', '::::', '');
          }
        }
        lines.push(`:::example{jurisdiction=${pick([...CIVIL, ...COMMON])}}`, prose(60), ':::', '');
        lines.push(':::rationale', `${prose(100)} Some statutes provide that parties are required to cooperate.`, ':::', '');
        lines.push(`:::comment{author="Reviewer ${r}" date=2026-10-0${r} status=resolved}`, 'Settled at the plenary.', ':::', ':::::', '');
        lines.push(`[^${note}]: ${prose(25)}`, '');
      }
      if (s === 1) lines.push(`![Figure for ${tag}](../images/figure.svg)`, '');
      lines.push(prose(250), '');
    }
    const file = `chapters/${String(c).padStart(2, '0')}-chapter.md`;
    chapterFiles.push(file);
    writeFileSync(path.join(dir, file), lines.join('\n'));
  }
  const front = [
    '---',
    `title: Generated Report of ${pages} Pages`,
    'dialogue: Trade Secrets Best Practices Dialogue',
    'version: 0.1.0',
    'status: review',
    'date: 2026-11-21',
    'rapporteurs: [{name: A. Rapporteur, affiliation: Somewhere}]',
    'systems: [civil-law, common-law]',
    'confidentiality: working-group',
    'chapters:',
    ...chapterFiles.map((f) => `  - ${f}`),
    '---',
    '',
    '::toc',
    '',
    prose(200),
    '',
    '::recommendations',
    '',
  ];
  writeFileSync(path.join(dir, 'report.md'), front.join('\n'));
  return path.join(dir, 'report.md');
}

