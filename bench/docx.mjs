// `npm run bench:docx`: `rapporteur build --format docx` and `rapporteur diff --format docx` beside
// `pandoc -t docx` on the same generated report (bench/generate.js), 100 and 1,000 pages. Runs are
// interleaved (run i of every command before run i+1 of any) so a busy machine slows all alike;
// each figure is the median of N runs after one warm-up, with CPU (user + system) and peak memory
// from GNU time. The target of issue 13 is ≤ 1.0× pandoc by CPU. Results: bench/out/docx.json.
//
//   node bench/docx.mjs [--pages 100,1000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRevisionRepo } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'rapporteur');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const sizes = option('pages', '100,1000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function measure(command, args, cwd, env = {}) {
  const timeFile = path.join(os.tmpdir(), `rapporteur-bench-docx-${process.pid}.txt`);
  const argv = TIME ? [TIME, '-f', '%M %U %S', '-o', timeFile, command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1', CI: '', ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  let cpuMs;
  let rssMB;
  if (TIME && existsSync(timeFile)) {
    const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rssMB = kb / 1024;
    cpuMs = (user + system) * 1000;
    rmSync(timeFile, { force: true });
  }
  return { ms, cpuMs, rssMB };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

const results = { date: new Date().toISOString(), loadAvg: os.loadavg(), pandoc: spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0], runs, sizes: {} };
for (const pages of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `rapporteur-bench-docx-${pages}p-`));
  const { root, slug } = writeRevisionRepo({ pages, dir: work });
  const pandocDir = path.join(root, 'pandoc', slug);
  const chapters = readdirSync(path.join(pandocDir, 'chapters')).sort().map((f) => `chapters/${f}`);
  const cache = path.join(work, 'parse-cache');
  const tasks = {
    pandoc: () => measure('pandoc', ['-f', 'markdown', '-t', 'docx', '--toc', '-o', path.join(work, 'pandoc.docx'), 'report.md', ...chapters], pandocDir),
    // Cold: no parse cache, as pandoc has none.
    build: () => measure(process.execPath, [bin, 'build', slug, '--format', 'docx', '--no-cache', '--quiet'], root, { RAPPORTEUR_CACHE_DIR: cache }),
    redline: () => measure(process.execPath, [bin, 'diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'docx', '--no-cache', '--quiet'], root, { RAPPORTEUR_CACHE_DIR: cache }),
  };
  const samples = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (const task of Object.values(tasks)) task(); // warm-up
  for (let i = 0; i < runs; i++) for (const [key, task] of Object.entries(tasks)) samples[key].push(task());
  const row = {};
  for (const [key, list] of Object.entries(samples)) {
    row[key] = { medianMs: median(list.map((s) => s.ms)), medianCpuMs: median(list.map((s) => s.cpuMs ?? NaN)), peakRssMB: Math.max(...list.map((s) => s.rssMB ?? 0)) };
  }
  results.sizes[pages] = row;
  process.stdout.write(`\n${pages} pages (median of ${runs})\n`);
  for (const [key, r] of Object.entries(row)) {
    const ratio = key === 'pandoc' ? '' : `  ${(r.medianCpuMs / row.pandoc.medianCpuMs).toFixed(2)}× pandoc by CPU`;
    process.stdout.write(`  ${key.padEnd(8)} wall ${fmt(r.medianMs).padStart(8)}  CPU ${fmt(r.medianCpuMs).padStart(8)}  peak ${Math.round(r.peakRssMB)} MB${ratio}\n`);
  }
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(path.join(here, 'out'), { recursive: true });
writeFileSync(path.join(here, 'out', 'docx.json'), `${JSON.stringify(results, null, 2)}\n`);
