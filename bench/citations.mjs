// Bench row for citations: the generated 100-page report with 400 citations (OSCOLA, notes),
// built to HTML by Rapporteur and by pandoc --citeproc from the same Markdown and references.
// Usage: npm run compile && node bench/citations.mjs [--pages 100] [--citations 400] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport, rng, writeWorkspace } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'rapporteur');
const CSL = path.join(process.env.RAPPORTEUR_CSL_DIR ?? '/usr/share/citation-style-language', 'styles', 'oscola.csl');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const pages = option('pages', 100);
const citations = option('citations', 400);
const runs = option('runs', 3);

/** 80 references of the types a legal report cites. */
function references() {
  const items = [];
  for (let i = 0; i < 80; i++) {
    const kind = i % 4;
    if (kind === 0) items.push({ id: `case${i}`, type: 'legal_case', title: `Claimant ${i} Ltd v Defendant ${i} plc`, 'container-title': 'WLR', volume: String(1 + (i % 3)), page: String(100 + i * 7), authority: 'Ch', issued: { 'date-parts': [[1980 + (i % 40)]] } });
    else if (kind === 1) items.push({ id: `act${i}`, type: 'legislation', title: `Trade Secrets Act No ${i}`, issued: { 'date-parts': [[1990 + (i % 30)]] } });
    else if (kind === 2) items.push({ id: `book${i}`, type: 'book', title: `Confidential Information, volume ${i}`, author: [{ family: `Author${i}`, given: 'Ann' }], publisher: 'Oxford University Press', issued: { 'date-parts': [[2000 + (i % 24)]] } });
    else items.push({ id: `article${i}`, type: 'article-journal', title: `Evidence and secrets ${i}`, author: [{ family: `Writer${i}`, given: 'Ben' }], 'container-title': 'Law Quarterly Review', volume: String(100 + i), page: String(10 + i), issued: { 'date-parts': [[2010 + (i % 14)]] } });
  }
  return items;
}

/** Paragraphs that cite: the same text appended to the last chapter of both trees. */
function citingParagraphs(ids) {
  const r = rng(7);
  const paragraphs = [];
  let left = citations;
  while (left > 0) {
    const sentences = [];
    for (let s = 0; s < 4 && left > 0; s++, left--) {
      const id = ids[Math.floor(r.next() * ids.length)];
      const pin = 1 + Math.floor(r.next() * 300);
      sentences.push(r.next() < 0.2 ? `Courts have followed this approach [see @${id}, ${pin}; @${ids[(ids.indexOf(id) + 1) % ids.length]}].` : `The point is settled [@${id}, ${pin}].`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return `\n## Authorities discussed\n\n${paragraphs.join('\n\n')}\n`;
}

function measure(command, argv, cwd) {
  const timeFile = path.join(os.tmpdir(), `rapporteur-cite-bench-${process.pid}.txt`);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  rmSync(timeFile, { force: true });
  return { ms, cpuMs: (user + system) * 1000, rssMB: kb / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-cite-bench-'));
try {
  const report = generateReport({ pages, seed: 1, slug: 'cited' });
  const { reportDir, pandocDir, pandocOrder } = writeWorkspace(root, report);
  const items = references();
  const text = citingParagraphs(items.map((item) => item.id));
  const last = report.chapters.at(-1).file;
  appendFileSync(path.join(reportDir, last), text);
  appendFileSync(path.join(pandocDir, last), text);
  writeFileSync(path.join(reportDir, 'references.json'), JSON.stringify(items, null, 1));
  writeFileSync(path.join(pandocDir, 'references.json'), JSON.stringify(items, null, 1));
  spawnSync('git', ['init', '-q', root]);

  const ours = [];
  const theirs = [];
  for (let run = 0; run < runs; run++) {
    ours.push(measure(process.execPath, [bin, 'build', 'cited', '--format', 'html', '--no-cache', '--out', path.join(root, 'dist')], root));
    theirs.push(measure('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--citeproc', '--csl', CSL, '--bibliography', 'references.json', '-o', path.join(root, 'pandoc.html'), ...pandocOrder], pandocDir));
  }
  const html = readFileSync(path.join(root, 'dist', 'cited', 'cited.html'), 'utf8');
  const notes = (html.match(/<li id="user-content-fn-/g) ?? []).length;
  const row = (label, list) => `${label.padEnd(44)} ${median(list.map((m) => m.ms)).toFixed(0).padStart(7)} ms ${median(list.map((m) => m.cpuMs)).toFixed(0).padStart(7)} ms CPU ${median(list.map((m) => m.rssMB)).toFixed(0).padStart(5)} MB`;
  console.log(`citations bench: ${pages} pages, ${citations} citations, ${items.length} references, OSCOLA; ${notes} notes in the HTML; median of ${runs}`);
  console.log(row('rapporteur build --format html (cold)', ours));
  console.log(row('pandoc --citeproc → HTML', theirs));
  const ratio = median(ours.map((m) => m.cpuMs)) / median(theirs.map((m) => m.cpuMs));
  console.log(`CPU ÷ pandoc: ${ratio.toFixed(2)}× (target ≤ 1.0×)${existsSync(CSL) ? '' : ' — oscola.csl missing'}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
