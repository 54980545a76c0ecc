// Benchmark: `rapporteur lint` on generated 100-page and 1,000-page reports (whole process, as a
// user runs it) beside pandoc's Markdown → HTML on the same text (all files concatenated).
// Prints wall and CPU seconds (median of RUNS) and the ratio lint / pandoc. Target ≤ 0.6.
// Usage: npm run compile && node bench/lint.mjs [pages…]   (RUNS=5 to change the run count)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReport } from './generate-report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'rapporteur');
const runs = Number(process.env.RUNS ?? 3);
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command `runs` times; returns median wall and CPU (user+sys) seconds. */
function measure(command, args, options) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    options.before?.();
    const started = process.hrtime.bigint();
    const result = timeBin
      ? spawnSync(timeBin, ['-f', '%U %S', command, ...args], { ...options, encoding: 'utf8' })
      : spawnSync(command, args, { ...options, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (result.status !== 0 && !options.allowFail) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    if (timeBin) {
      const last = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      cpus.push(last[0] + last[1]);
    }
    options.after?.(result);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { wall: median(walls), cpu: cpus.length ? median(cpus) : NaN };
}

const f = (n) => n.toFixed(2);
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
console.log(`lint benchmark: ${runs} run(s) each, median; cpu = user+sys of the process`);
for (const pages of sizes.length ? sizes : [100, 1000]) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-bench-lint-'));
  // lint shares build's parse cache, inside the output folder.
  const cacheDir = path.join(root, 'dist', '.rapporteur-cache');
  try {
    const reportFile = generateReport(root, { slug: 'generated', pages });
    const dir = path.dirname(reportFile);
    const chapters = readdirSync(path.join(dir, 'chapters')).sort().map((c) => path.join(dir, 'chapters', c));
    const all = [reportFile, ...chapters].map((file) => readFileSync(file, 'utf8')).join('\n\n');
    const combined = path.join(root, 'all.md');
    writeFileSync(combined, all);
    const words = all.split(/\s+/).length;
    const env = { ...process.env, NO_COLOR: '1' };
    const check = (result) => {
      if (result.stdout.trim() !== '') throw new Error(`the generated report is expected to lint clean:\n${result.stdout.slice(0, 2000)}`);
    };
    const cold = measure(process.execPath, [bin, 'lint', 'generated'], { cwd: root, env, before: () => rmSync(cacheDir, { recursive: true, force: true }), after: check });
    const warm = measure(process.execPath, [bin, 'lint', 'generated'], { cwd: root, env, after: check });
    // The pre-commit case: one chapter changed since the last lint, the others cached.
    let edit = 0;
    const editOne = () => writeFileSync(chapters[0], `${readFileSync(chapters[0], 'utf8')}\nEdit ${++edit} should be considered.\n`);
    const oneChanged = measure(process.execPath, [bin, 'lint', 'generated'], { cwd: root, env, before: editOne, after: check });
    console.log(`\n${pages} pages (${words} words, ${(Buffer.byteLength(all) / 1024).toFixed(0)} KiB, ${chapters.length + 1} files)`);
    console.log(`  rapporteur lint, cold (parse everything)     wall ${f(cold.wall)} s  cpu ${f(cold.cpu)} s`);
    console.log(`  rapporteur lint, warm (unchanged files)      wall ${f(warm.wall)} s  cpu ${f(warm.cpu)} s`);
    console.log(`  rapporteur lint, one chapter edited          wall ${f(oneChanged.wall)} s  cpu ${f(oneChanged.cpu)} s`);
    if (hasPandoc) {
      const pandoc = measure('pandoc', ['-f', 'markdown', '-t', 'html', combined, '-o', path.join(root, 'all.html')], { cwd: root });
      console.log(`  pandoc markdown → html                       wall ${f(pandoc.wall)} s  cpu ${f(pandoc.cpu)} s`);
      const ratio = (m) => `${f(m.wall / pandoc.wall)}× wall, ${f(m.cpu / pandoc.cpu)}× cpu`;
      console.log(`  ratio lint/pandoc (target ≤ 0.6×): cold ${ratio(cold)}; one chapter edited ${ratio(oneChanged)}; warm ${ratio(warm)}`);
    } else console.log('  pandoc not installed: no ratio');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
