#!/usr/bin/env node
// The PDF build against plain Chromium print of the same HTML, in one run (issue #12's targets:
// ≤ 2.0× at 100 pages, ≤ 1.5× at 1,000, wall and CPU, with the read-back check on).
//
//   node scripts/pdf-profile.mjs [--pages 100] [--runs 3] [--keep DIR] [--phases] [--bin other/bin/rapporteur]   (npm run compile first)
//
// Rows, interleaved run by run so a busy machine slows all of them alike:
//   chromium --print-to-pdf of the built HTML (what bench/run.js calls plain print),
//   rapporteur build --format pdf (checked), rapporteur build --format pdf --no-verify.
// Each figure: wall, CPU = user+system of every process of the tree (node + Chromium, sampled from
// /proc; see `measure`), and the peak of the summed resident sets of the tree.
// --phases prints where the time went inside the checked build (RAPPORTEUR_PDF_DEBUG phase lines).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRevisionRepo } from '../bench/generate.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CHROMIUM = '/usr/bin/chromium';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}
const pages = Number(option('pages', '100'));
const runs = Number(option('runs', '3'));
const keepDir = option('keep', undefined);
const phases = process.argv.includes('--phases');
// Another checkout's CLI (say, main's, to compare before and after a change).
const bin = path.resolve(option('bin', path.join(repo, 'bin', 'rapporteur')));

/**
 * The processes of the tree under `pid`, read from /proc: resident memory (bytes) and CPU
 * (utime + stime, ms) of each.
 */
function tree(pid) {
  const children = new Map();
  const stats = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { rss: Number(fields[21]) * 4096, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 });
      const parent = Number(fields[1]);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const found = new Map();
  const stack = [pid];
  while (stack.length) {
    const next = stack.pop();
    if (stats.has(next)) found.set(next, stats.get(next));
    stack.push(...(children.get(next) ?? []));
  }
  return found;
}

/**
 * One run: wall ms; CPU ms of the whole tree, the sum over every process seen in it of its last
 * sampled utime + stime (sampled every 50 ms, so a process's last few ms may be missed); the
 * peak summed resident memory of the tree (MB); exit code; stderr.
 * Why not GNU time's user + system: it counts only descendants that were waited for, and
 * Chromium's renderers are not (forked from its zygote), so for plain print it reports ~1.4 s
 * of a ~5 s whole at 100 pages.
 */
function measure(command, args, { cwd, env = {} }) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let peak = 0;
    const cpu = new Map();
    const sample = () => {
      let rss = 0;
      for (const [pid, stat] of tree(child.pid)) {
        rss += stat.rss;
        cpu.set(pid, stat.cpuMs);
      }
      peak = Math.max(peak, rss / 2 ** 20);
    };
    const sampler = setInterval(sample, 50);
    child.on('close', (code) => {
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuMs = [...cpu.values()].reduce((sum, value) => sum + value, 0);
      resolve({ ms, cpuMs, treeMB: peak, code, stderr });
    });
  });
}

const made = writeRevisionRepo({ pages, dir: keepDir, slug: 'bench' });
const { root, slug } = made;
const env = { RAPPORTEUR_CACHE_DIR: path.join(root, '.rapporteur-cache') };
try {
  // The HTML that plain print gets, built once (and the parse cache warmed, as in bench/run.js).
  const html = spawnSync(process.execPath, [bin, 'build', slug, '--format', 'html', '-q'], { cwd: root, env: { ...process.env, ...env, CI: '' }, encoding: 'utf8' });
  if (html.status !== 0) throw new Error(`HTML build failed: ${html.stderr}`);
  const builtHtml = path.join(root, 'dist', slug, `${slug}.html`);
  const rows = [
    { key: 'plain', label: 'chromium --print-to-pdf (plain)', run: () => measure(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(root, 'plain.pdf')}`, `file://${builtHtml}`], { cwd: root }) },
    { key: 'checked', label: 'build --format pdf (checked)', run: () => measure(process.execPath, [bin, 'build', slug, '--format', 'pdf', '-q'], { cwd: root, env: { ...env, ...(phases ? { RAPPORTEUR_PDF_DEBUG: '1' } : {}) } }) },
    { key: 'unchecked', label: 'build --format pdf --no-verify', run: () => measure(process.execPath, [bin, 'build', slug, '--format', 'pdf', '-q', '--no-verify'], { cwd: root, env }) },
  ];
  const samples = Object.fromEntries(rows.map((row) => [row.key, []]));
  const loads = [os.loadavg()[0]];
  for (let i = 0; i < runs; i++) {
    for (const row of rows) {
      const result = await row.run();
      if (result.code !== 0) process.stderr.write(`${row.label}: exit ${result.code}\n${result.stderr.split('\n').filter((line) => !line.startsWith('[pdf]')).slice(-5).join('\n')}\n`);
      if (phases && row.key === 'checked') process.stderr.write(result.stderr.split('\n').filter((line) => line.startsWith('[pdf]')).map((line) => `  ${line}\n`).join(''));
      samples[row.key].push(result);
      process.stderr.write(`  run ${i + 1} ${row.label}: ${(result.ms / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(2)} s CPU, ${Math.round(result.treeMB)} MB, load ${os.loadavg()[0].toFixed(1)}\n`);
      loads.push(os.loadavg()[0]);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const pdfPages = spawnSync('pdfinfo', [path.join(root, 'dist', slug, `${slug}.pdf`)], { encoding: 'utf8' }).stdout.match(/Pages:\s+(\d+)/)?.[1];
  const plain = { ms: median(samples.plain.map((s) => s.ms)), cpu: median(samples.plain.map((s) => s.cpuMs)) };
  console.log(`${pages}-page generated report (${pdfPages} PDF pages), ${runs} run(s) each, medians; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (${os.cpus().length} CPUs)`);
  console.log(`${'command'.padEnd(34)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)} ${'tree RSS'.padStart(9)}  ÷ plain (wall, CPU)`);
  for (const row of rows) {
    const list = samples[row.key];
    const ms = median(list.map((s) => s.ms));
    const cpu = median(list.map((s) => s.cpuMs));
    const mb = Math.max(...list.map((s) => s.treeMB));
    const failed = list.filter((s) => s.code !== 0).length;
    console.log(
      `${row.label.padEnd(34)} ${`${(ms / 1000).toFixed(2)} s`.padStart(8)} ${`${(cpu / 1000).toFixed(2)} s`.padStart(8)} ${`${Math.round(mb)} MB`.padStart(9)}  ${(ms / plain.ms).toFixed(2)}×, ${(cpu / plain.cpu).toFixed(2)}×${failed ? `  (${failed} failed)` : ''}`,
    );
  }
} finally {
  if (!keepDir) rmSync(root, { recursive: true, force: true });
}
