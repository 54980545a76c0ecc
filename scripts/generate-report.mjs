// Writes a realistic report of about N pages (500 words a page) into a workspace folder:
// reports/<slug>/report.md plus one chapter file per 10 pages, with recommendations (principle,
// both variants, examples, rationale), footnotes and cross-references. Used to measure watch.
// Usage: node scripts/generate-report.mjs <workspace> [pages=100] [slug=generated]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WORDS = ('court evidence claimant defendant secret information order measure confidential proceedings ' +
  'disclosure expert access party judge protection misappropriation holder preservation document ' +
  'hearing application security interest scope review procedure applicant record trial inspection').split(' ');

function sentence(seed, length = 18) {
  const words = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 7 + i * 13 + ((seed * i) % 11)) % WORDS.length]);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
function paragraph(seed, sentences = 6) {
  return Array.from({ length: sentences }, (_, i) => sentence(seed * 31 + i)).join(' ');
}

export function generateReport(root, pages = 100, slug = 'generated') {
  const dir = path.join(root, 'reports', slug);
  mkdirSync(path.join(dir, 'chapters'), { recursive: true });
  const chapters = Math.max(1, Math.round(pages / 10));
  const files = [];
  let rec = 0;
  for (let c = 1; c <= chapters; c++) {
    const parts = [`# Chapter ${c}: questions of procedure\n`, paragraph(c * 1000), ''];
    for (let s = 1; s <= 4; s++) {
      parts.push(`## Section ${c}.${s}\n`);
      for (let p = 0; p < 4; p++) parts.push(paragraph(c * 100 + s * 10 + p), '');
      for (let r = 0; r < 2; r++) {
        rec++;
        const id = `rec-${c}-${s}-${r}`;
        const ref = rec > 1 ? ` See also :ref[rec-${c}-${s}-${r === 0 ? 1 : 0}].` : '';
        parts.push(
          `::::recommendation{#${id} title="Recommendation on point ${rec}" topic=evidence}`,
          `${paragraph(rec * 3, 4)}${ref}`,
          '',
          ':::variant{system=civil-law}',
          paragraph(rec * 5, 3),
          ':::',
          '',
          ':::variant{system=common-law}',
          paragraph(rec * 7, 3),
          ':::',
          '',
          ':::example{jurisdiction=FR}',
          `${paragraph(rec * 11, 3)}[^fn-${id}-a]`,
          ':::',
          '',
          ':::example{jurisdiction=GB}',
          `${paragraph(rec * 13, 3)}[^fn-${id}-b]`,
          ':::',
          '',
          ':::rationale',
          paragraph(rec * 17, 4),
          ':::',
          '::::',
          '',
          `[^fn-${id}-a]: ${sentence(rec * 19, 10)}`,
          `[^fn-${id}-b]: ${sentence(rec * 23, 10)}`,
          '',
        );
      }
    }
    const name = `chapters/${String(c).padStart(2, '0')}-chapter.md`;
    writeFileSync(path.join(dir, name), parts.join('\n'));
    files.push(name);
  }
  const front = [
    '---',
    `title: Generated report of ${pages} pages`,
    'dialogue: Trade Secrets Best Practices Dialogue',
    'version: 0.1.0',
    'status: draft',
    'date: 2026-11-21',
    'systems: [civil-law, common-law]',
    'confidentiality: working-group',
    'chapters:',
    ...files.map((f) => `  - ${f}`),
    '---',
    '',
    '::toc',
    '',
    paragraph(1),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'report.md'), front);
  return { dir, file: path.join(dir, 'report.md'), chapters: files.map((f) => path.join(dir, f)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, pages = '100', slug = 'generated'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node scripts/generate-report.mjs <workspace> [pages] [slug]');
    process.exit(2);
  }
  const out = generateReport(path.resolve(root), Number(pages), slug);
  console.log(out.file);
}
