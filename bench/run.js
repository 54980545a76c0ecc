// `npm run bench`: whole-process timings of rapporteur beside the tools users would otherwise
// use, on generated reports of 10, 100 and 1,000 pages, run in the same session and interleaved
// (run i of every tool before run i+1 of any) so that a busy machine slows all of them alike.
//
// Each figure is the median of the runs a row had (the table says how many, and how many failed:
// a failed run is reported, never dropped silently), with min and max. Every rapporteur row says
// its parse-cache state: cold (cache wiped before each run) or warm (primed by an unmeasured run
// first). CPU is user+system of the whole process tree (GNU time counts waited-for children, so
// Chromium is in it); memory is the peak of the summed resident sets of the process and all its
// descendants (node + Chromium), sampled from /proc. Ratios are printed against the targets of
// issues 8 and 12 and everything is written to bench/out/results.json.
//
//   node bench/run.js [--pages 10,100,1000] [--runs 5] [--only build,rebuild,...] [--keep]
import { spawn, spawnSync } from 'node:child_process';
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

/** Resident memory (MB) of `pid` and all its descendants, from /proc (Linux); undefined elsewhere. */
function treeRssMB(pid) {
  if (!existsSync('/proc')) return undefined;
  const children = new Map();
  const rss = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      rss.set(Number(entry), Number(fields[21]) * 4096);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const next = stack.pop();
    total += rss.get(next) ?? 0;
    stack.push(...(children.get(next) ?? []));
  }
  return total / 2 ** 20;
}

/**
 * Runs a command once; returns wall milliseconds, CPU milliseconds (user+system of it and its
 * waited-for children, from GNU time), the peak resident memory of its whole process tree, exit code.
 */
function measure(command, args, { cwd, env } = {}) {
  const timeFile = path.join(os.tmpdir(), `rapporteur-bench-time-${process.pid}.txt`);
  const argv = TIME ? [TIME, '-f', '%M %U %S', '-o', timeFile, command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let treeMB = 0;
    const sample = () => {
      const now = treeRssMB(child.pid);
      if (now !== undefined) treeMB = Math.max(treeMB, now);
    };
    const sampler = setInterval(sample, 200);
    const killer = setTimeout(() => child.kill('SIGKILL'), 900_000);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssMB;
      let cpuMs;
      if (TIME && existsSync(timeFile)) {
        // GNU time prints "Command exited with non-zero status N" first when the command fails.
        const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        if (Number.isFinite(kb)) rssMB = kb / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
        rmSync(timeFile, { force: true });
      }
      resolve({ ms, cpuMs, rssMB, treeMB: treeMB || undefined, code: code ?? -1, stdout, stderr });
    });
  });
}

let cacheEnv = {};
function rapporteur(args, cwd) {
  return measure(process.execPath, [bin, ...args], { cwd, env: { CI: '', ...cacheEnv } });
}

/** True when this checkout's CLI has the command (lint, diff… land from other branches). */
function hasCommand(name, cwd) {
  const result = spawnSync(process.execPath, [bin, name, '--help'], { cwd, encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes(`Usage: rapporteur ${name}`);
}

function summarise(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssMB).filter((v) => v !== undefined);
  const tree = samples.map((s) => s.treeMB).filter((v) => v !== undefined);
  const cpu = samples.map((s) => s.cpuMs).filter((v) => v !== undefined).sort((a, b) => a - b);
  return {
    medianMs: ms[Math.floor(ms.length / 2)],
    medianCpuMs: cpu.length ? cpu[Math.floor(cpu.length / 2)] : undefined,
    minMs: ms[0],
    maxMs: ms.at(-1),
    runs: ms.length,
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
    peakTreeMB: tree.length ? Math.max(...tree) : undefined,
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
  // The parse cache of this run only, so that "cold" really is cold and the user's stays untouched.
  const cacheDir = path.join(work, 'parse-cache');
  const builtHtml = path.join(dist, slug, `${slug}.html`);
  cacheEnv = { RAPPORTEUR_CACHE_DIR: cacheDir };
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
  const wipeCache = () => rmSync(cacheDir, { recursive: true, force: true });
  // `cache`: 'cold' wipes the parse cache before every run; 'warm' primes it with one unmeasured
  // run first (and keeps it). Rows of other tools have no cache state.
  const tasks = [
    { key: 'pandoc', label: 'pandoc Markdown → HTML', run: () => measure('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--toc', '-o', path.join(root, 'pandoc.html'), 'report.md', ...chapters], { cwd: pandocDir }) },
    { key: 'build', label: 'rapporteur build (HTML)', cache: 'cold', run: () => rapporteur(['build', slug, '--format', 'html', '-q'], root) },
    { key: 'buildWarm', label: 'rapporteur build (HTML)', cache: 'warm', run: () => rapporteur(['build', slug, '--format', 'html', '-q'], root) },
    {
      key: 'rebuild',
      label: 'rapporteur build, one chapter changed',
      cache: 'warm',
      // A build with the current text first, so that only the changed chapter is new.
      before: async () => {
        await rapporteur(['build', slug, '--format', 'html', '-q'], root);
        touchChapter();
      },
      run: () => rapporteur(['build', slug, '--format', 'html', '-q'], root),
    },
    { key: 'lint', label: 'rapporteur lint', cache: 'cold', needs: 'lint', run: () => rapporteur(['lint', slug], root), ok: [0, 1] },
    { key: 'lintWarm', label: 'rapporteur lint', cache: 'warm', needs: 'lint', run: () => rapporteur(['lint', slug], root), ok: [0, 1] },
    { key: 'gitWordDiff', label: 'git diff --word-diff', run: () => measure('git', ['diff', '--word-diff', 'v0.1.0', 'v0.2.0', '--', `reports/${slug}`], { cwd: root }) },
    { key: 'diffJson', label: 'rapporteur diff --format json', cache: 'cold', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'json'], root) },
    { key: 'diffJsonWarm', label: 'rapporteur diff --format json', cache: 'warm', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'json'], root) },
    { key: 'diffHtml', label: 'rapporteur diff --format html (redline)', cache: 'cold', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'html'], root) },
    { key: 'diffHtmlWarm', label: 'rapporteur diff --format html (redline)', cache: 'warm', needs: 'diff', run: () => rapporteur(['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'html'], root) },
    {
      key: 'chromiumPrint',
      label: 'chromium --print-to-pdf of the built HTML',
      needs: CHROMIUM ? undefined : 'chromium',
      before: async () => existsSync(builtHtml) || (await rapporteur(['build', slug, '--format', 'html', '-q'], root)),
      run: () => measure(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(root, 'chromium.pdf')}`, `file://${builtHtml}`], { cwd: root }),
      runs: bigPdf ? pdfRunsLarge : undefined,
    },
    { key: 'pdf', label: 'rapporteur build --format pdf (checked)', cache: 'warm', needs: 'pdf', run: () => rapporteur(['build', slug, '--format', 'pdf', '-q'], root), runs: bigPdf ? pdfRunsLarge : undefined },
    { key: 'pdfNoVerify', label: 'rapporteur build --format pdf --no-verify', cache: 'warm', needs: 'pdf', run: () => rapporteur(['build', slug, '--format', 'pdf', '-q', '--no-verify'], root), runs: bigPdf ? pdfRunsLarge : undefined },
  ].filter((task) => !only?.length || only.includes(task.key));

  // PDF is detected by trying it once.
  if (tasks.some((t) => t.key === 'pdf' || t.key === 'pdfNoVerify')) {
    // Unchecked: a check that fails is a failed run of the checked row, reported there.
    const probe = await rapporteur(['build', slug, '--format', 'pdf', '-q', '--no-verify'], root);
    available.pdf = probe.code === 0;
    if (!available.pdf) process.stderr.write(`  pdf: n/a (${probe.stderr.trim().split('\n').at(-1)})\n`);
  }
  available.chromium = Boolean(CHROMIUM);

  const samples = Object.fromEntries(tasks.map((t) => [t.key, []]));
  const failures = Object.fromEntries(tasks.map((t) => [t.key, []]));
  const attempts = Object.fromEntries(tasks.map((t) => [t.key, 0]));
  const active = tasks.filter((t) => !t.needs || available[t.needs]);
  const maxRuns = Math.max(...active.map((t) => (t.runs ?? runs) + (t.runs ? 0 : 1)));
  for (let i = 0; i < maxRuns; i++) {
    for (const task of active) {
      const planned = task.runs ?? runs;
      const warm = task.runs ? 0 : 1; // single-run tasks (1,000-page PDF) skip the warm-up
      if (i >= planned + warm) continue;
      if (task.cache === 'cold') wipeCache();
      if (task.cache === 'warm' && i === 0 && warm === 0) await rapporteur(['build', slug, '--format', 'html', '-q'], root);
      await task.before?.();
      const result = await task.run();
      const ok = (task.ok ?? [0]).includes(result.code);
      if (i >= warm) attempts[task.key] += 1;
      if (!ok) {
        // A failed warm-up is reported too, as one more attempt.
        if (i < warm) attempts[task.key] += 1;
        failures[task.key].push(`exit ${result.code}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`);
        process.stderr.write(`  ${task.key.padEnd(14)} run ${i + 1 - warm}: FAILED (${failures[task.key].at(-1)})\n`);
        continue;
      }
      if (i >= warm) samples[task.key].push(result);
      process.stderr.write(`  ${task.key.padEnd(14)} run ${i + 1 - warm}${i < warm ? ' (warm-up)' : ''}: ${fmtMs(result.ms)}${result.treeMB ? `, ${Math.round(result.treeMB)} MB tree` : ''}\n`);
    }
  }

  const size = { pages, words: undefined, tasks: {} };
  for (const task of tasks) {
    const list = samples[task.key];
    const failed = failures[task.key];
    size.tasks[task.key] = {
      label: task.label,
      cache: task.cache ?? 'n/a',
      attempted: attempts[task.key],
      failedRuns: failed.length,
      failures: failed,
      ...(list.length ? summarise(list) : { medianMs: undefined }),
      status: failed.length ? `${failed.length} of ${attempts[task.key]} run(s) failed: ${failed[0]}` : list.length ? 'ok' : 'n/a (not in this build yet)',
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
function medianCpu(pages, key) {
  return results.sizes[pages]?.tasks[key]?.medianCpuMs;
}
/** `cpu`: the same ratio over CPU time (user + system), steadier than wall time on a shared machine. */
function target(name, pages, value, limit, unit, cpu) {
  const met = value === undefined ? undefined : value <= limit;
  results.targets.push({ name, pages, value, limit, unit, met, cpu, cpuMet: cpu === undefined ? undefined : cpu <= limit });
}
for (const pages of sizes) {
  const pandoc = median(pages, 'pandoc');
  const ratio = (key, base) => (median(pages, key) !== undefined && base ? median(pages, key) / base : undefined);
  const cpuRatio = (key, baseKey) => {
    const a = medianCpu(pages, key);
    const b = medianCpu(pages, baseKey);
    return a !== undefined && b ? a / b : undefined;
  };
  if (pages >= 100) {
    target('HTML build ÷ pandoc (cold)', pages, ratio('build', pandoc), 1.0, '×', cpuRatio('build', 'pandoc'));
    target('HTML rebuild, one chapter changed ÷ pandoc', pages, ratio('rebuild', pandoc), 0.2, '×', cpuRatio('rebuild', 'pandoc'));
  }
  target('lint ÷ pandoc', pages, ratio('lint', pandoc), 0.6, '×', cpuRatio('lint', 'pandoc'));
  target('redline (diff html) ÷ one HTML build', pages, ratio('diffHtml', median(pages, 'build')), 1.5, '×', cpuRatio('diffHtml', 'build'));
  if (pages >= 100) {
    // Issue 12: checked PDF ÷ plain print of the same HTML in the same run, ≤ 2.0× at 100 pages, ≤ 1.5× at 1,000.
    const limit = pages >= 1000 ? 1.5 : 2.0;
    target('PDF (checked) ÷ plain Chromium print', pages, ratio('pdf', median(pages, 'chromiumPrint')), limit, '×', cpuRatio('pdf', 'chromiumPrint'));
    target('PDF (--no-verify) ÷ plain Chromium print', pages, ratio('pdfNoVerify', median(pages, 'chromiumPrint')), limit, '×', cpuRatio('pdfNoVerify', 'chromiumPrint'));
  }
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
  lines.push('', `${pages} pages (${size.words.toLocaleString('en')} words in chapters); each row: the median of its runs (column "runs", after one unmeasured warm-up unless the row had a single run), failed runs counted apart`);
  lines.push(`${pad('command', 46)} ${pad('cache', 5)} ${padStart('runs', 4)} ${padStart('failed', 6)} ${padStart('median', 9)} ${padStart('min', 9)} ${padStart('max', 9)} ${padStart('CPU', 9)} ${padStart('tree RSS', 9)} ${padStart('÷ pandoc', 9)}`);
  for (const [key, t] of Object.entries(size.tasks)) {
    const head = `${pad(t.label, 46)} ${pad(t.cache, 5)} ${padStart(t.attempted ?? 0, 4)} ${padStart(t.failedRuns ?? 0, 6)}`;
    if (t.medianMs === undefined) {
      lines.push(`${head} ${padStart(t.failedRuns ? 'failed' : 'n/a', 9)}  ${t.status}`);
      continue;
    }
    const tree = t.peakTreeMB === undefined ? 'n/a' : `${Math.round(t.peakTreeMB)} MB`;
    const r = pandoc && key !== 'pandoc' ? `${(t.medianMs / pandoc).toFixed(2)}×` : '';
    lines.push(`${head} ${padStart(fmtMs(t.medianMs), 9)} ${padStart(fmtMs(t.minMs), 9)} ${padStart(fmtMs(t.maxMs), 9)} ${padStart(fmtMs(t.medianCpuMs), 9)} ${padStart(tree, 9)} ${padStart(r, 9)}${t.failedRuns ? `  ${t.status}` : ''}`);
  }
}
lines.push('', `Targets (issues 8 and 12): wall-clock medians; CPU = the same ratio over user+system time (load average at start ${results.machine.loadAvg.map((l) => l.toFixed(1)).join(' ')})`);
for (const t of results.targets) {
  const value = t.value === undefined ? 'n/a' : t.unit === '×' ? `${t.value.toFixed(2)}×` : `${t.value.toFixed(t.unit === 's' ? 1 : 0)} ${t.unit}`;
  const verdict = t.met === undefined ? 'n/a' : t.met ? 'met' : 'MISSED';
  const cpu = t.cpu === undefined ? '' : `  (CPU ${t.cpu.toFixed(2)}× ${t.cpuMet ? 'met' : 'missed'})`;
  lines.push(`${pad(`${t.name}, ${t.pages} pages`, 58)} ${padStart(value, 10)}  target ≤ ${t.limit}${t.unit === '×' ? '×' : ` ${t.unit}`}  ${verdict}${cpu}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten ${path.relative(process.cwd(), path.join(outDir, 'results.json'))}\n`);
