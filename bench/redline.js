// Redline benchmark: `rapporteur diff` between two tagged revisions of a generated report of about
// 100 pages (~5% of paragraphs edited, a few recommendations moved), whole process, beside one
// `rapporteur build --format html` of the newer revision and beside `git diff --word-diff` on the
// same files. Prints medians and both ratios (target: redline ≤ 1.5 × one HTML build).
//
//   node bench/redline.js [--pages 100] [--runs 5] [--chapter-share 1] [--keep]
//
// --chapter-share 0.25 puts the same number of edits into a quarter of the chapters (a typical
// revision: unchanged chapter files are parsed once).
//
// `makeRedlineRepo(dir, options)` and `timeRedline(dir, options)` are exported for bench/run.js.
// Plain ESM JavaScript so it runs without a build step (the CLI itself must be compiled).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'rapporteur');
const WORDS_PER_PAGE = 450;

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (list) => list[Math.floor(next() * list.length)] };
}

const SUBJECTS = ['the court', 'the claimant', 'the defendant', 'the holder of the secret', 'the applicant', 'the independent expert', 'each party', 'the judicial officer'];
const VERBS = ['should be able to order', 'may request', 'is encouraged to consider', 'should explain', 'may limit', 'should protect', 'can review'];
const OBJECTS = ['the production of specified documents', 'the preservation of evidence', 'access to confidential information', 'a confidentiality club', 'the description of the process', 'the scope of disclosure', 'a redacted version of the judgment', 'the seizure of samples'];
const TAILS = ['before the hearing', 'without notice to the other side', 'under the supervision of the court', 'where the circumstances justify it', 'for the duration of the proceedings', 'subject to adequate safeguards'];
const EXAMPLES = { civil: ['FR', 'DE', 'IT', 'ES', 'JP', 'KR'], common: ['GB', 'US', 'AU', 'SG', 'IE'] };

function sentence(r) {
  const s = `${r.pick(SUBJECTS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(TAILS)}.`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function paragraph(r, sentences) {
  return Array.from({ length: sentences }, () => sentence(r)).join(' ');
}
const words = (text) => text.split(/\s+/).filter(Boolean).length;

/**
 * A report as chapters of blocks. Each block is a unit the revision can edit or move:
 * { kind: 'p' | 'h' | 'rec', id?, text }.
 */
export function generateChapters({ pages = 100, seed = 42 } = {}) {
  const r = rng(seed);
  const target = pages * WORDS_PER_PAGE;
  const chapters = [];
  let total = 0;
  let recCount = 0;
  while (total < target) {
    const blocks = [];
    const chapterNo = chapters.length + 1;
    blocks.push({ kind: 'h', text: `# Chapter ${chapterNo} on ${r.pick(OBJECTS)}` });
    for (let s = 0; s < 5 && total < target; s++) {
      blocks.push({ kind: 'h', text: `## Section ${chapterNo}.${s + 1} on ${r.pick(OBJECTS)}` });
      for (let p = 0; p < 4; p++) {
        const text = paragraph(r, r.int(3, 6));
        total += words(text);
        blocks.push({ kind: 'p', text });
      }
      for (let k = 0; k < 2; k++) {
        const id = `rec-${++recCount}`;
        const civil = r.pick(EXAMPLES.civil);
        const common = r.pick(EXAMPLES.common);
        const parts = {
          principle: paragraph(r, 2),
          civil: paragraph(r, 2),
          common: paragraph(r, 2),
          exCivil: paragraph(r, 2),
          exCommon: paragraph(r, 2),
          rationale: paragraph(r, 3),
        };
        total += Object.values(parts).reduce((n, t) => n + words(t), 0);
        blocks.push({ kind: 'rec', id, title: `Recommendation on ${r.pick(OBJECTS)}`, civilCode: civil, commonCode: common, ...parts });
      }
    }
    chapters.push(blocks);
  }
  return chapters;
}

function renderBlock(block) {
  if (block.kind !== 'rec') return `${block.text}\n`;
  return `:::::recommendation{#${block.id} title="${block.title}"}
${block.principle}

::::variant{system=civil-law}
${block.civil}

:::example{jurisdiction=${block.civilCode}}
${block.exCivil}
:::
::::

::::variant{system=common-law}
${block.common}

:::example{jurisdiction=${block.commonCode}}
${block.exCommon}
:::
::::

:::rationale
${block.rationale}
:::
:::::
`;
}

function writeReport(root, chapters, version) {
  const dir = path.join(root, 'reports', 'bench');
  mkdirSync(path.join(dir, 'chapters'), { recursive: true });
  const names = chapters.map((_, i) => `chapters/${String(i + 1).padStart(2, '0')}.md`);
  const front = `---\ntitle: Benchmark report\ndialogue: Trade Secrets Best Practices Dialogue\nversion: ${version}\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nchapters:\n${names.map((n) => `  - ${n}`).join('\n')}\n---\n\n::toc\n\n::recommendations\n`;
  writeFileSync(path.join(dir, 'report.md'), front);
  chapters.forEach((blocks, i) => writeFileSync(path.join(dir, names[i]), blocks.map(renderBlock).join('\n')));
}

/** The next draft: `editShare` of paragraphs (and recommendation principles) reworded, `moves` recommendations moved. */
export function reviseChapters(chapters, { seed = 7, editShare = 0.05, moves = 3, chapterShare = 1 } = {}) {
  const r = rng(seed);
  const next = chapters.map((blocks) => blocks.map((b) => ({ ...b })));
  const edit = (text) => {
    const sentences = text.split('. ');
    const i = r.int(0, sentences.length - 1);
    sentences[i] = `${sentences[i].replace(/ should /, ' ought to ').replace(/ may /, ' might ')} in most cases`;
    return sentences.join('. ');
  };
  let edited = 0;
  let paragraphs = 0;
  // With chapterShare < 1 the same number of edits lands in fewer chapters (a typical revision).
  const editedChapters = Math.max(1, Math.round(next.length * chapterShare));
  const share = editShare / (editedChapters / next.length);
  for (const [index, blocks] of next.entries()) {
    const inScope = index < editedChapters;
    for (const block of blocks) {
      if (!inScope) {
        paragraphs += block.kind === 'p' ? 1 : block.kind === 'rec' ? 6 : 0;
        continue;
      }
      if (block.kind === 'p') {
        paragraphs++;
        if (r.next() < share) {
          block.text = edit(block.text);
          edited++;
        }
      } else if (block.kind === 'rec') {
        paragraphs += 6;
        if (r.next() < share * 6) {
          block.civil = edit(block.civil);
          edited++;
        }
      }
    }
  }
  let moved = 0;
  for (let m = 0; m < moves; m++) {
    const from = next[r.int(0, next.length - 1)];
    const index = from.findIndex((b, i) => b.kind === 'rec' && i > r.int(0, from.length - 1));
    if (index < 0) continue;
    const [rec] = from.splice(index, 1);
    const to = next[r.int(0, next.length - 1)];
    to.splice(r.int(1, to.length), 0, rec);
    moved++;
  }
  return { chapters: next, edited, paragraphs, moved };
}

function git(cwd, args, env = {}) {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.org', ...env },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A git repository with the report tagged v0.1.0 and v0.2.0 (the revision). */
export function makeRedlineRepo(root, options = {}) {
  const chapters = generateChapters(options);
  const revision = reviseChapters(chapters, options);
  git(root, ['init', '-q', '-b', 'main']);
  writeReport(root, chapters, '0.1.0');
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'v0.1.0'], { GIT_COMMITTER_DATE: '2026-10-01T10:00:00Z' });
  git(root, ['tag', 'v0.1.0']);
  writeReport(root, revision.chapters, '0.2.0');
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'v0.2.0'], { GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z' });
  git(root, ['tag', 'v0.2.0']);
  const totalWords = chapters.flat().reduce((n, b) => n + (b.kind === 'rec' ? words(Object.values(b).join(' ')) : words(b.text)), 0);
  return { words: totalWords, pages: Math.round(totalWords / WORDS_PER_PAGE), edited: revision.edited, paragraphs: revision.paragraphs, moved: revision.moved };
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall-clock milliseconds, and CPU milliseconds (user + system, from GNU time) when available. */
function timed(command, args, cwd) {
  const argv = GNU_TIME ? [GNU_TIME, ['-f', '\n%U %S', command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv[1], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const times = GNU_TIME ? result.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN];
  return { ms, cpu: (times[0] + times[1]) * 1000, stdout: result.stdout };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Interleaved runs (one of each tool per round) after one warm-up; medians in milliseconds. */
export function timeRedline(root, { runs = 5 } = {}) {
  git(root, ['checkout', '-q', 'v0.2.0']);
  const out = path.join(root, 'dist');
  // "cold": --no-cache, every file parsed; "warm": the parse cache in the output folder is
  // filled by the previous run (a rebuild, or a second redline from the same tag).
  const build = ['build', 'bench', '--format', 'html', '--quiet', '--out', out];
  const redline = ['diff', 'bench', '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'html', '--quiet', '--out', out];
  const tools = {
    buildCold: () => timed(process.execPath, [bin, ...build, '--no-cache'], root),
    redlineCold: () => timed(process.execPath, [bin, ...redline, '--no-cache'], root),
    buildWarm: () => timed(process.execPath, [bin, ...build], root),
    redlineWarm: () => timed(process.execPath, [bin, ...redline], root),
    gitWordDiff: () => timed('git', ['diff', '--no-color', '--word-diff', 'v0.1.0', 'v0.2.0', '--', 'reports/bench'], root),
  };
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (const run of Object.values(tools)) run(); // warm-up
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(tools)) {
      const t = run();
      samples[name].push(t.ms);
      cpu[name].push(t.cpu);
    }
  }
  const json = timed(process.execPath, [bin, ...redline.map((a) => (a === 'html' ? 'json' : a))], root);
  const result = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { median: median(v), min: Math.min(...v), max: Math.max(...v), cpuMedian: median(cpu[k]) }]),
  );
  const comparison = JSON.parse(json.stdout);
  return {
    ...result,
    redlineVsBuild: result.redlineCold.median / result.buildCold.median,
    redlineVsBuildCpu: result.redlineCold.cpuMedian / result.buildCold.cpuMedian,
    redlineVsBuildWarm: result.redlineWarm.median / result.buildWarm.median,
    redlineVsBuildWarmCpu: result.redlineWarm.cpuMedian / result.buildWarm.cpuMedian,
    redlineVsGitWordDiff: result.redlineCold.median / result.gitWordDiff.median,
    found: { ...comparison.summary, renumbered: comparison.summary.renumbered.length, stats: comparison.stats },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : process.argv[i + 1];
  };
  const pages = Number(option('pages', '100'));
  const chapterShare = Number(option('chapter-share', '1'));
  const runs = Number(option('runs', '5'));
  const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-bench-redline-'));
  try {
    const made = makeRedlineRepo(root, { pages, chapterShare });
    console.log(`report: ${made.words} words (~${made.pages} pages); ${made.edited} of ${made.paragraphs} paragraphs edited; ${made.moved} recommendations moved`);
    const r = timeRedline(root, { runs });
    const row = (name, t) =>
      console.log(`${name.padEnd(32)} median ${t.median.toFixed(0).padStart(6)} ms  (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)}; CPU ${t.cpuMedian.toFixed(0)} ms)`);
    row('build --format html --no-cache', r.buildCold);
    row('diff (redline html) --no-cache', r.redlineCold);
    row('build --format html (warm cache)', r.buildWarm);
    row('diff (redline html, warm cache)', r.redlineWarm);
    row('git diff --word-diff', r.gitWordDiff);
    console.log(`redline / build, no cache: ${r.redlineVsBuild.toFixed(2)}× wall clock, ${r.redlineVsBuildCpu.toFixed(2)}× CPU  (target ≤ 1.5×)`);
    console.log(`redline / build, warm cache: ${r.redlineVsBuildWarm.toFixed(2)}× wall clock, ${r.redlineVsBuildWarmCpu.toFixed(2)}× CPU`);
    console.log(`redline / git diff --word-diff: ${r.redlineVsGitWordDiff.toFixed(1)}×`);
    console.log(`redline found: ${JSON.stringify(r.found)}`);
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
