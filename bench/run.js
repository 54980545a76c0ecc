// `npm run bench`: whole-process timings of rapporteur beside the tools users would otherwise
// use, on generated reports of 10, 100 and 1,000 pages, run in the same session and interleaved
// (run i of every tool before run i+1 of any) so that a busy machine slows all of them alike.
//
// Each figure is the median of N runs after one warm-up, with min and max; peak memory comes
// from /usr/bin/time (GNU time's maximum resident set size). Ratios are printed against the
// targets of issue 8 and everything is written to bench/out/results.json.
//
//   node bench/run.js [--pages 10,100,1000] [--runs 5] [--only build,rebuild,...] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRevisionRepo } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const bin = path.join(repo, 'bin', 'rapporteur');
const outDir = path.join(here, 'out');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const sizes = option('pages', '10,100,1000').split(',').map(Number);
const runs = Number(option('runs', '5'));
const only = option('only', '')?.split(',').filter(Boolean);
const keep = process.argv.includes('--keep');
const pdfRunsLarge = Number(option('pdf-runs-large', '1'));

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

/** Runs a command once; returns wall milliseconds, peak RSS in MB (when GNU time is there), exit code. */
function measure(command, args, { cwd, env } = {}) {
  const timeFile = path.join(os.tmpdir(), `rapporteur-bench-time-${process.pid}.txt`);
  const argv = TIME ? [TIME, '-f', '%M', '-o', timeFile, command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let rssMB;
  if (TIME && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kb)) rssMB = kb / 1024;
    rmSync(timeFile, { force: true });
  }
  return { ms, rssMB, code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function rapporteur(args, cwd) {
  return measure(process.execPath, [bin, ...args], { cwd, env: { CI: '' } });
}

/** True when this checkout's CLI has the command (lint, diff… land from other branches). */
function hasCommand(name, cwd) {
  const result = spawnSync(process.execPath, [bin, name, '--help'], { cwd, encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes(`Usage: rapporteur ${name}`);
}

function summarise(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssMB).filter((v) => v !== undefined);
  return {
    medianMs: ms[Math.floor(ms.length / 2)],
    minMs: ms[0],
    maxMs: ms.at(-1),
    runs: ms.length,
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
  };
}

function fmtMs(ms) {
  if (ms === undefined) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

// ---------------------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvg: os.loadavg() },
  versions: {
    pandoc: spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0],
    git: spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout?.trim(),
    chromium: CHROMIUM ? spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined,
    rapporteur: JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version,
  },
  runs,
  sizes: {},
  targets: [],
};

for (const pages of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `rapporteur-bench-${pages}p-`));
  process.stderr.write(`\n# ${pages} pages: generating in ${work}\n`);
  const { root, slug } = writeRevisionRepo({ pages, dir: work });
  const reportDir = path.join(root, 'reports', slug);
  const pandocDir = path.join(root, 'pandoc', slug);
  const chapters = readdirSync(path.join(pandocDir, 'chapters')).sort().map((f) => `chapters/${f}`);
  const dist = path.join(root, 'dist');
  const cacheDir = path.join(root, '.rapporteur-cache');
  const builtHtml = path.join(dist, slug, `${slug}.html`);
  const available = { lint: hasCommand('lint', root), diff: hasCommand('diff', root) };

  // The chapter a rebuild changes: the middle one; each run writes a different sentence so the
  // content hash really changes.
  const changedChapter = path.join(reportDir, 'chapters', readdirSync(path.join(reportDir, 'chapters')).sort()[Math.floor(chapters.length / 2)]);
  let edits = 0;
  const touchChapter = () => {
    edits += 1;
    appendFileSync(changedChapter, `\nThe working group revisited this point at its meeting number ${edits}.\n`);
  };

  const bigPdf = pages >= 1000;
  const tasks = [
    { key: 'pandoc', label: 'pandoc Markdown → HTML', run: () => measure('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--toc', '-o', path.join(root, 'pandoc.html'), 'report.md', ...chapters], { cwd: pandocDir }) },
    {
      key: 'build',
      label: 'rapporteur build (HTML, cold)',
      before: () => rmSync(cacheDir, { recursive: true, force: true }),
      run: () => rapporteur(['build', slug, '--format', 'html', '-q'], root),
    },
    {
      key: 'rebuild',
      label: 'rapporteur build, one chapter changed',
      // A build with the current text first, so that only the changed chapter is new.
      before: () => {
        rapporteur(['build', slug, '--format', 'html', '-q'], root);
        touchChapter();
      },
      run: () => rapporteur(['build', slug, '--format', 'html', '-q'], root),
    },
    { key: 'lint', label: 'rapporteur lint', needs: 'lint', run: () => rapporteur(['lint', slug], root), ok: [0, 1] },
    { key: 'gitWordDiff', label: 'git diff --word-diff', run: () => measure('git', ['diff', '--word-diff', 'v0.1.0', 'v0.2.0', '--', `reports/${slug}`], { cwd: root }) },
    { key: 'diffJson', label: 'rapporteur diff --format json', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'json'], root) },
    { key: 'diffHtml', label: 'rapporteur diff --format html (redline)', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'html'], root) },
    {
      key: 'chromiumPrint',
      label: 'chromium --print-to-pdf of the built HTML',
      needs: CHROMIUM ? undefined : 'chromium',
      before: () => existsSync(builtHtml) || rapporteur(['build', slug, '--format', 'html', '-q'], root),
      run: () => measure(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(root, 'chromium.pdf')}`, `file://${builtHtml}`], { cwd: root }),
      runs: bigPdf ? pdfRunsLarge : undefined,
    },
    { key: 'pdf', label: 'rapporteur build --format pdf', needs: 'pdf', run: () => rapporteur(['build', slug, '--format', 'pdf', '-q'], root), runs: bigPdf ? pdfRunsLarge : undefined },
  ].filter((task) => !only?.length || only.includes(task.key));

  // PDF is detected by trying it once: the placeholder says it is not available yet.
  if (tasks.some((t) => t.key === 'pdf')) {
    const probe = rapporteur(['build', slug, '--format', 'pdf', '-q'], root);
    available.pdf = probe.code === 0;
    if (!available.pdf) process.stderr.write(`  pdf: n/a (${probe.stderr.trim().split('\n').at(-1)})\n`);
  }
  available.chromium = Boolean(CHROMIUM);

  const samples = Object.fromEntries(tasks.map((t) => [t.key, []]));
  const failures = {};
  const active = tasks.filter((t) => !t.needs || available[t.needs]);
  const maxRuns = Math.max(...active.map((t) => (t.runs ?? runs) + (t.runs ? 0 : 1)));
  for (let i = 0; i < maxRuns; i++) {
    for (const task of active) {
      const planned = task.runs ?? runs;
      const warm = task.runs ? 0 : 1; // single-run tasks (1,000-page PDF) skip the warm-up
      if (i >= planned + warm) continue;
      task.before?.();
      const result = task.run();
      const ok = (task.ok ?? [0]).includes(result.code);
      if (!ok) {
        failures[task.key] = `exit ${result.code}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`;
        continue;
      }
      if (i >= warm) samples[task.key].push(result);
      process.stderr.write(`  ${task.key.padEnd(14)} run ${i + 1 - warm}${i < warm ? ' (warm-up)' : ''}: ${fmtMs(result.ms)}${result.rssMB ? `, ${Math.round(result.rssMB)} MB` : ''}\n`);
    }
  }

  const size = { pages, words: undefined, tasks: {} };
  for (const task of tasks) {
    const list = samples[task.key];
    size.tasks[task.key] = {
      label: task.label,
      ...(list.length ? summarise(list) : { medianMs: undefined }),
      status: list.length ? 'ok' : failures[task.key] ? `failed: ${failures[task.key]}` : 'n/a (not in this build yet)',
    };
  }
  const totalWords = readdirSync(path.join(reportDir, 'chapters')).reduce(
    (n, f) => n + readFileSync(path.join(reportDir, 'chapters', f), 'utf8').split(/\s+/).length,
    0,
  );
  size.words = totalWords;
  results.sizes[pages] = size;
  if (!keep) rmSync(work, { recursive: true, force: true });
  else process.stderr.write(`  kept ${work}\n`);
}

// ---------------------------------------------------------------------------------------------
// Targets (issue 8): ratios, not absolute times.

function median(pages, key) {
  return results.sizes[pages]?.tasks[key]?.medianMs;
}
function target(name, pages, value, limit, unit, detail) {
  const met = value === undefined ? undefined : value <= limit;
  results.targets.push({ name, pages, value, limit, unit, met, detail });
}
for (const pages of sizes) {
  const pandoc = median(pages, 'pandoc');
  const ratio = (key, base) => (median(pages, key) !== undefined && base ? median(pages, key) / base : undefined);
  if (pages >= 100) {
    target('HTML build ÷ pandoc (cold)', pages, ratio('build', pandoc), 1.0, '×');
    target('HTML rebuild, one chapter changed ÷ pandoc', pages, ratio('rebuild', pandoc), 0.2, '×');
  }
  target('lint ÷ pandoc', pages, ratio('lint', pandoc), 0.6, '×');
  target('redline (diff html) ÷ one HTML build', pages, ratio('diffHtml', median(pages, 'build')), 1.5, '×');
  if (pages === 100) target('PDF ÷ plain Chromium print', pages, ratio('pdf', median(pages, 'chromiumPrint')), 2.0, '×');
  if (pages >= 1000) {
    const pdf = median(pages, 'pdf');
    target('PDF of 1,000 pages', pages, pdf === undefined ? undefined : pdf / 1000, 90, 's');
    const rss = results.sizes[pages].tasks.build?.peakRssMB;
    target('peak memory of the HTML build', pages, rss, 300, 'MB');
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

const lines = [];
const pad = (s, n) => String(s).padEnd(n);
const padStart = (s, n) => String(s).padStart(n);
for (const pages of sizes) {
  const size = results.sizes[pages];
  const pandoc = median(pages, 'pandoc');
  lines.push('', `${pages} pages (${size.words.toLocaleString('en')} words in chapters), median of ${runs} after a warm-up`);
  lines.push(`${pad('command', 44)} ${padStart('median', 9)} ${padStart('min', 9)} ${padStart('max', 9)} ${padStart('peak RSS', 9)} ${padStart('÷ pandoc', 9)}`);
  for (const [key, t] of Object.entries(size.tasks)) {
    if (t.medianMs === undefined) {
      lines.push(`${pad(t.label, 44)} ${padStart(t.status.startsWith('failed') ? 'failed' : 'n/a', 9)}${t.status.startsWith('failed') ? `  ${t.status}` : ''}`);
      continue;
    }
    const rss = t.peakRssMB === undefined ? 'n/a' : `${Math.round(t.peakRssMB)} MB`;
    const r = pandoc && key !== 'pandoc' ? `${(t.medianMs / pandoc).toFixed(2)}×` : '';
    lines.push(`${pad(t.label, 44)} ${padStart(fmtMs(t.medianMs), 9)} ${padStart(fmtMs(t.minMs), 9)} ${padStart(fmtMs(t.maxMs), 9)} ${padStart(rss, 9)} ${padStart(r, 9)}`);
  }
}
lines.push('', 'Targets (issue 8)');
for (const t of results.targets) {
  const value = t.value === undefined ? 'n/a' : t.unit === '×' ? `${t.value.toFixed(2)}×` : `${t.value.toFixed(t.unit === 's' ? 1 : 0)} ${t.unit}`;
  const verdict = t.met === undefined ? 'n/a' : t.met ? 'met' : 'MISSED';
  lines.push(`${pad(`${t.name}, ${t.pages} pages`, 58)} ${padStart(value, 10)}  target ≤ ${t.limit}${t.unit === '×' ? '×' : ` ${t.unit}`}  ${verdict}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten ${path.relative(process.cwd(), path.join(outDir, 'results.json'))}\n`);
