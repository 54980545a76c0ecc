// Measures what a rapporteur waits for after saving: the rebuild of a generated 100-page report
// after a one-paragraph edit of one chapter, (a) as WatchSession.rebuild (load with the parse
// cache + checks + render), (b) from the file write to the rebuilt page, through the real file
// watcher, and (c) a cold load + render without the cache for comparison.
// It runs in a worker thread with the same young-generation size as `rapporteur watch` does
// (lib/cli/commands/watch.js); --main-thread measures on the main thread with Node's defaults.
// Usage: npm run compile && node scripts/measure-watch-rebuild.mjs [pages=100] [runs=15] [--main-thread]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, Worker } from 'node:worker_threads';
import { generateReport, toRapporteur, writeFiles } from '../bench/generate.js';

const mainThread = process.argv.includes('--main-thread');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (isMainThread && !mainThread) {
  const worker = new Worker(new URL(import.meta.url), { argv: args, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  worker.on('exit', (code) => process.exit(code));
  await new Promise(() => {}); // the worker measures and prints
}

const lib = new URL('../lib/', import.meta.url);
const { WatchSession, startWatch } = await import(new URL('watch/index.js', lib).href);
const { loadReport } = await import(new URL('model/load.js', lib).href);
const { renderHtml } = await import(new URL('render/html.js', lib).href);

const pages = Number(args[0] ?? 100);
const runs = Number(args[1] ?? 15);
// The benchmark's generated report (bench/generate.js), the same one `npm run bench` uses.
const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-watch-bench-'));
const reportDir = path.join(root, 'reports', 'generated');
const generatedFiles = toRapporteur(generateReport({ pages }));
writeFiles(reportDir, generatedFiles);
const chapters = Object.keys(generatedFiles).filter((f) => f !== 'report.md');
const generated = { file: path.join(reportDir, 'report.md'), chapters: chapters.map((f) => path.join(reportDir, f)) };
const target = { slug: 'generated', root, file: generated.file };
const chapter = generated.chapters[Math.floor(generated.chapters.length / 2)];
const original = readFileSync(chapter, 'utf8');
// One paragraph edited: a sentence added at the start of the chapter's first prose paragraph.
const paragraphStart = original.search(/\n\n[A-Z]/) + 2;
const editOf = (i) => original.slice(0, paragraphStart) + `Edited paragraph number ${i}. ` + original.slice(paragraphStart);

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: +at(0.5).toFixed(1), p90: +at(0.9).toFixed(1), min: +sorted[0].toFixed(1), max: +sorted[sorted.length - 1].toFixed(1) };
};

// (c) cold: no cache, every file parsed.
const cold = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const { report } = await loadReport(target);
  renderHtml(report);
  cold.push(performance.now() - t);
}

// (a) the session's rebuild after a one-paragraph edit.
const session = new WatchSession({ root, targets: [target] });
await session.rebuildAll();
for (let i = 0; i < 3; i++) {
  writeFileSync(chapter, editOf(1000 + i));
  await session.rebuild('generated');
}
const warm = [];
const warmCpu = [];
for (let i = 0; i < runs; i++) {
  writeFileSync(chapter, editOf(i));
  const cpu = process.cpuUsage();
  const result = await session.rebuild('generated');
  const used = process.cpuUsage(cpu);
  if (!result.ok) throw new Error('rebuild failed: ' + result.problems.map(String).join('; '));
  warm.push(result.ms);
  // CPU time is what the rebuild costs by itself; wall time also counts other processes on a shared machine.
  warmCpu.push((used.user + used.system) / 1000);
}

// (b) save → rebuilt, through chokidar and the debounce, as the user experiences it.
writeFileSync(chapter, original);
let resolveBuild;
const handle = await startWatch({ root, targets: [target], port: 0, onBuild: (results, reason) => reason !== 'start' && resolveBuild?.(results) });
const endToEnd = [];
for (let i = 0; i < Math.min(runs, 10); i++) {
  const built = new Promise((resolve) => (resolveBuild = resolve));
  const t = performance.now();
  writeFileSync(chapter, editOf(500 + i));
  await built;
  endToEnd.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 50));
}
await handle.close();
rmSync(root, { recursive: true, force: true });

console.log(JSON.stringify({
  pages, chapters: generated.chapters.length, words: Object.values(generatedFiles).join(' ').split(/\s+/).length, runs,
  rebuildAfterParagraphEditMs: stats(warm),
  rebuildAfterParagraphEditCpuMs: stats(warmCpu),
  saveToRebuiltPageMs: stats(endToEnd),
  coldLoadAndRenderMs: stats(cold),
  thread: mainThread ? 'main thread, Node defaults' : 'worker, young generation 96 MB (as watch)',
  node: process.version,
  loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
  cores: os.cpus().length,
}, null, 2));
