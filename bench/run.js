// `npm run bench`: whole-process timings of rapporteur beside the tools users would otherwise use,
// on generated reports (bench/generate.js) of 100 and 1,000 pages, run in the same session and
// interleaved (run i of every row before run i+1 of any) so that a busy machine slows all alike.
//
// Every row compares with a baseline of its group, in the same run:
//   html       pandoc Markdown → HTML            build (cold, warm), rebuild after one chapter changed
//   lint       pandoc Markdown → HTML            lint (cold, warm); then lint's precision and recall
//                                                 on the same report with planted defects
//   diff       git diff --word-diff              diff --format json / html (cold, warm)
//   pdf        chromium --print-to-pdf, same HTML build --format pdf with the check (the default)
//                                                 and with --no-verify
//   docx       pandoc -t docx                    build --format docx, diff --format docx
//   citations  pandoc --citeproc (OSCOLA)        build --format html of the report with citations
//
// Cache state, declared by every rapporteur row: cold = the row's parse cache is wiped before each
// run; warm = the row has a cache folder of its own, primed by one unmeasured run. Each figure is
// the median of the row's measured runs (the header says how many; each row first has --warmup
// unmeasured runs; the PDF rows are primed by an HTML build, which fills the same parse cache); a failed run is counted and its message printed, never dropped. Wall time is
// the command's; CPU is user+system of its whole process tree (bench/tree-time.py reaps every
// descendant, Chromium's helpers included); memory is the peak of the summed resident sets of the
// tree, sampled from /proc every 100 ms. On a shared machine the CPU ratios are the figures to
// trust: wall time depends on what the other users run. Everything goes to bench/out/results-<sizes>[-<only>].json.
//
//   node bench/run.js [--pages 100,1000] [--runs 3] [--warmup 1] [--only pdf,lint|keys] [--keep]
//                     [--citations-per-page 4] [--findings 40] [--no-baseline]
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedFindings, generateReport, toRapporteur, writeFiles, writeRevisionRepo, writeWorkspace } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const bin = path.join(repo, 'bin', 'rapporteur');
const outDir = path.join(here, 'out');
const treeTime = path.join(here, 'tree-time.py');
const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const sizes = option('pages', '100,1000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const warmup = Number(option('warmup', '1'));
const only = option('only', '').split(',').filter(Boolean);
const keep = process.argv.includes('--keep');
const citationsPerPage = Number(option('citations-per-page', '4'));
const findingsOption = option('findings', undefined);

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const CSL = path.join(process.env.RAPPORTEUR_CSL_DIR ?? '/usr/share/citation-style-language', 'styles', 'oscola.csl');
if (!PYTHON) throw new Error('bench/run.js needs python3 (bench/tree-time.py measures the CPU of the whole process tree)');

/** pid → [parent, resident bytes] of every process, from /proc. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(fields[1]), Number(fields[21]) * 4096]);
    } catch {
      // Gone while we looked.
    }
  }
  return table;
}

/** Summed resident memory (MB) of the descendants of `pid` (not `pid` itself: the wrapper). */
function descendantsRssMB(pid) {
  const children = new Map();
  const table = processTable();
  for (const [child, [parent]] of table) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  let total = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const next = stack.pop();
    total += table.get(next)?.[1] ?? 0;
    stack.push(...(children.get(next) ?? []));
  }
  return total / 2 ** 20;
}

/**
 * Runs a command once under bench/tree-time.py: wall ms of the command, CPU ms of its whole
 * process tree, peak summed RSS of the tree, exit code, output.
 */
function measure(command, args, { cwd, env } = {}) {
  const resultFile = path.join(os.tmpdir(), `rapporteur-bench-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [treeTime, resultFile, command, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let treeMB = 0;
    const sampler = setInterval(() => (treeMB = Math.max(treeMB, descendantsRssMB(child.pid))), 100);
    const killer = setTimeout(() => child.kill('SIGKILL'), 1_800_000);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {};
      rmSync(resultFile, { force: true });
      resolve({ ms: result.wallMs, cpuMs: result.cpuMs, treeMB: treeMB || undefined, leftRunning: result.leftRunning, code: result.code ?? code ?? -1, stdout, stderr });
    });
  });
}

function rapporteur(args, cwd, cacheDir) {
  // CI='' so the CLI behaves as on a user's machine; each row names its own parse-cache folder.
  return measure(process.execPath, [bin, ...args], { cwd, env: { CI: '', RAPPORTEUR_CACHE_DIR: cacheDir } });
}

function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
}

function fmtMs(ms) {
  if (ms === undefined) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

const firstLines = (result) => (result.stderr || result.stdout).trim().split('\n').slice(0, 2).join(' | ').slice(0, 300);

// ---------------------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAvgAtStart: os.loadavg() },
  versions: {
    pandoc: spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0],
    git: spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout?.trim(),
    chromium: CHROMIUM ? spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined,
    rapporteur: JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version,
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout?.trim(),
  },
  runs,
  warmup,
  sizes: {},
  targets: [],
};

for (const pages of sizes) {
  const work = mkdtempSync(path.join(os.tmpdir(), `rapporteur-bench-${pages}p-`));
  process.stderr.write(`\n# ${pages} pages: generating in ${work}\n`);
  const { root, slug, second } = writeRevisionRepo({ pages, dir: path.join(work, 'repo') });
  const reportDir = path.join(root, 'reports', slug);
  const pandocDir = path.join(root, 'pandoc', slug);
  // In the report's order (a sorted listing puts 100-chapter.md before 11-chapter.md).
  const chapters = second.chapters.map((c) => c.file);
  const builtHtml = path.join(root, 'dist', slug, `${slug}.html`);
  const cacheOf = (key) => path.join(work, 'cache', key);

  // The chapter a rebuild changes: the middle one; each run writes a different sentence so the
  // content hash really changes.
  const changedChapter = path.join(reportDir, chapters[Math.floor(chapters.length / 2)]);
  let edits = 0;
  const touchChapter = () => {
    edits += 1;
    appendFileSync(changedChapter, `\nThe working group revisited this point at its meeting number ${edits}.\n`);
  };

  // The citation rows have a report of their own: the same generator with citations added, in
  // both syntaxes (pandoc's [@key, pin] is also Rapporteur's).
  const citations = Math.round(pages * citationsPerPage);
  let cited;
  const citedWorkspace = () => {
    if (cited) return cited;
    const citedRoot = path.join(work, 'cited');
    const report = generateReport({ pages, slug: 'cited', citations });
    cited = { root: citedRoot, ...writeWorkspace(citedRoot, report) };
    spawnSync('git', ['init', '-q', citedRoot]);
    return cited;
  };

  const html = ['build', slug, '--format', 'html', '-q'];
  const diff = (format) => ['diff', slug, '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', format, '-q'];
  /** A clean report must lint clean: findings make the run a failed one. */
  const lintClean = (result) => (result.code === 0 && result.stdout.trim() === '' ? undefined : `not clean (exit ${result.code}): ${result.stdout.trim().split('\n').slice(0, 2).join(' | ')}`);
  // `base`: the row the ratios divide by. `cache`: 'cold' or 'warm' for rapporteur rows.
  const allTasks = [
    { group: 'html', key: 'pandoc', label: 'pandoc -t html5 -s --toc', run: () => measure('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--toc', '-o', path.join(work, 'pandoc.html'), 'report.md', ...chapters], { cwd: pandocDir }) },
    { group: 'html', key: 'build', label: 'build --format html', base: 'pandoc', cache: 'cold', run: (c) => rapporteur(html, root, c) },
    { group: 'html', key: 'buildWarm', label: 'build --format html', base: 'pandoc', cache: 'warm', run: (c) => rapporteur(html, root, c) },
    {
      group: 'html',
      key: 'rebuild',
      label: 'build --format html, one chapter changed',
      base: 'pandoc',
      cache: 'warm',
      // An unmeasured build of the current text first, so that only the changed chapter is new.
      before: async (c) => {
        await rapporteur(html, root, c);
        touchChapter();
      },
      run: (c) => rapporteur(html, root, c),
    },
    { group: 'lint', key: 'lint', label: 'lint', base: 'pandoc', cache: 'cold', run: (c) => rapporteur(['lint', slug], root, c), check: lintClean },
    { group: 'lint', key: 'lintWarm', label: 'lint', base: 'pandoc', cache: 'warm', run: (c) => rapporteur(['lint', slug], root, c), check: lintClean },
    { group: 'diff', key: 'gitWordDiff', label: 'git diff --word-diff v0.1.0 v0.2.0', run: () => measure('git', ['diff', '--word-diff', 'v0.1.0', 'v0.2.0', '--', `reports/${slug}`], { cwd: root }) },
    { group: 'diff', key: 'diffJson', label: 'diff --format json', base: 'gitWordDiff', cache: 'cold', run: (c) => rapporteur(diff('json'), root, c) },
    { group: 'diff', key: 'diffJsonWarm', label: 'diff --format json', base: 'gitWordDiff', cache: 'warm', run: (c) => rapporteur(diff('json'), root, c) },
    { group: 'diff', key: 'diffHtml', label: 'diff --format html (redline)', base: 'gitWordDiff', cache: 'cold', run: (c) => rapporteur(diff('html'), root, c) },
    { group: 'diff', key: 'diffHtmlWarm', label: 'diff --format html (redline)', base: 'gitWordDiff', cache: 'warm', run: (c) => rapporteur(diff('html'), root, c) },
    {
      group: 'pdf',
      key: 'chromiumPrint',
      label: 'chromium --print-to-pdf of the built HTML',
      // The same HTML the PDF is made from: the report's own build.
      before: async () => existsSync(builtHtml) || (await rapporteur(html, root, cacheOf('print-html'))),
      run: () => measure(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${path.join(work, 'chromium.pdf')}`, `file://${builtHtml}`], { cwd: root }),
    },
    { group: 'pdf', key: 'pdf', prime: (c) => rapporteur(html, root, c), label: 'build --format pdf (checked: the default)', base: 'chromiumPrint', cache: 'warm', run: (c) => rapporteur(['build', slug, '--format', 'pdf', '-q'], root, c) },
    { group: 'pdf', key: 'pdfNoVerify', prime: (c) => rapporteur(html, root, c), label: 'build --format pdf --no-verify', base: 'chromiumPrint', cache: 'warm', run: (c) => rapporteur(['build', slug, '--format', 'pdf', '-q', '--no-verify'], root, c) },
    { group: 'docx', key: 'pandocDocx', label: 'pandoc -t docx --toc', run: () => measure('pandoc', ['-f', 'markdown', '-t', 'docx', '--toc', '-o', path.join(work, 'pandoc.docx'), 'report.md', ...chapters], { cwd: pandocDir }) },
    { group: 'docx', key: 'docx', label: 'build --format docx', base: 'pandocDocx', cache: 'cold', run: (c) => rapporteur(['build', slug, '--format', 'docx', '-q'], root, c) },
    { group: 'docx', key: 'diffDocx', label: 'diff --format docx (tracked changes)', base: 'pandocDocx', cache: 'cold', run: (c) => rapporteur(diff('docx'), root, c) },
    {
      group: 'citations',
      key: 'pandocCiteproc',
      label: `pandoc --citeproc OSCOLA (${citations} citations)`,
      run: () => {
        const { pandocDir: dir, pandocOrder } = citedWorkspace();
        return measure('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--citeproc', '--csl', CSL, '--bibliography', 'references.json', '-o', path.join(work, 'cited.html'), ...pandocOrder], { cwd: dir });
      },
    },
    { group: 'citations', key: 'citedHtml', label: `build --format html (${citations} citations)`, base: 'pandocCiteproc', cache: 'cold', run: (c) => rapporteur(['build', 'cited', '--format', 'html', '-q'], citedWorkspace().root, c) },
  ];
  // --only takes groups or row keys; a chosen row brings its baseline (a ratio needs it in the same run).
  const chosen = (t) => !only.length || only.includes(t.group) || only.includes(t.key);
  // --no-baseline: only the rows asked for (to split a long run across processes; the ratios are then
  // made by hand against a baseline measured in another process, and say so).
  const bases = new Set(process.argv.includes('--no-baseline') ? [] : allTasks.filter(chosen).map((t) => t.base));
  const tasks = allTasks.filter((t) => chosen(t) || bases.has(t.key));

  const samples = Object.fromEntries(tasks.map((t) => [t.key, []]));
  const failures = Object.fromEntries(tasks.map((t) => [t.key, []]));
  const attempts = Object.fromEntries(tasks.map((t) => [t.key, 0]));
  const primed = new Set();
  for (let i = 0; i < warmup + runs; i++) {
    const measured = i >= warmup;
    for (const task of tasks) {
      const cache = cacheOf(task.key);
      if (task.cache === 'cold') rmSync(cache, { recursive: true, force: true });
      if (task.cache === 'warm' && !primed.has(task.key)) {
        // Primed by one unmeasured run (of the row itself unless it says cheaper), whatever --warmup says.
        await (task.prime ?? task.run)(cache);
        primed.add(task.key);
      }
      await task.before?.(cache);
      const result = await task.run(cache);
      const problem = result.code !== 0 ? `exit ${result.code}: ${firstLines(result)}` : task.check?.(result);
      if (measured || problem) attempts[task.key] += 1;
      const tag = `${task.key.padEnd(15)} ${measured ? `run ${i - warmup + 1}` : 'warm-up'}`;
      if (problem) {
        // A failed warm-up counts as a failed run too: nothing is dropped silently.
        failures[task.key].push(problem);
        process.stderr.write(`  ${tag}: FAILED (${problem})\n`);
        continue;
      }
      if (measured) samples[task.key].push(result);
      process.stderr.write(`  ${tag}: ${fmtMs(result.ms)}, CPU ${fmtMs(result.cpuMs)}, ${Math.round(result.treeMB ?? 0)} MB${result.leftRunning ? `, ${result.leftRunning} process(es) left running` : ''}\n`);
    }
  }

  const size = { pages, words: undefined, loadAvgAtEnd: os.loadavg(), tasks: {} };
  for (const task of tasks) {
    const list = samples[task.key];
    size.tasks[task.key] = {
      group: task.group,
      label: task.label,
      base: task.base,
      cache: task.cache ?? '-',
      runs: attempts[task.key],
      failedRuns: failures[task.key].length,
      failures: failures[task.key],
      medianMs: median(list.map((s) => s.ms)),
      minMs: list.length ? Math.min(...list.map((s) => s.ms)) : undefined,
      maxMs: list.length ? Math.max(...list.map((s) => s.ms)) : undefined,
      medianCpuMs: median(list.map((s) => s.cpuMs)),
      peakTreeMB: list.length ? Math.max(...list.map((s) => s.treeMB ?? 0)) : undefined,
    };
  }
  size.words = readdirSync(path.join(reportDir, 'chapters')).reduce((n, f) => n + readFileSync(path.join(reportDir, 'chapters', f), 'utf8').split(/\s+/).length, 0);

  // Lint's precision and recall: the same generator plants known defects (one in ten pages, at
  // least eight: one of each kind); the CLI's JSON findings are compared with the planted ones.
  if (tasks.some((t) => t.group === 'lint')) {
    const findings = Number(findingsOption ?? Math.max(8, Math.round(pages / 10)));
    const plantedRoot = path.join(work, 'planted');
    const report = generateReport({ pages, slug: 'planted', findings });
    const files = toRapporteur(report);
    writeFiles(path.join(plantedRoot, 'reports', 'planted'), files);
    const expected = new Set(expectedFindings(report, files, 'reports/planted').map((f) => `${f.rule} ${f.file}:${f.line}`));
    const result = await rapporteur(['lint', 'planted', '--format', 'json'], plantedRoot, cacheOf('planted'));
    let found = [];
    try {
      found = JSON.parse(result.stdout).map((m) => `${m.rule} ${m.file}:${m.line}`);
    } catch {
      process.stderr.write(`  lint precision: no JSON from lint (exit ${result.code}): ${firstLines(result)}\n`);
    }
    const right = found.filter((f) => expected.has(f));
    size.lintPrecision = {
      planted: expected.size,
      found: found.length,
      correct: right.length,
      precision: found.length ? right.length / found.length : undefined,
      recall: expected.size ? new Set(right).size / expected.size : undefined,
      unexpected: found.filter((f) => !expected.has(f)).slice(0, 10),
      missed: [...expected].filter((f) => !found.includes(f)).slice(0, 10),
      exit: result.code,
    };
  }
  results.sizes[pages] = size;
  if (!keep) rmSync(work, { recursive: true, force: true });
  else process.stderr.write(`  kept ${work}\n`);
}

// ---------------------------------------------------------------------------------------------
// Targets (issues 8, 12, 13, 15): ratios in the same run, not absolute times.

const task = (pages, key) => results.sizes[pages]?.tasks[key];
function target(name, pages, key, base, limit) {
  const a = task(pages, key);
  const b = task(pages, base);
  const wall = a?.medianMs !== undefined && b?.medianMs ? a.medianMs / b.medianMs : undefined;
  const cpu = a?.medianCpuMs !== undefined && b?.medianCpuMs ? a.medianCpuMs / b.medianCpuMs : undefined;
  if (!a || !b) return;
  results.targets.push({ name, pages, limit, wall, cpu, failedRuns: a.failedRuns });
}
for (const pages of sizes) {
  target('HTML build, cold ÷ pandoc', pages, 'build', 'pandoc', 1.0);
  target('HTML rebuild, one chapter changed ÷ pandoc', pages, 'rebuild', 'pandoc', 0.2);
  target('lint, cold ÷ pandoc', pages, 'lint', 'pandoc', 0.6);
  target('lint, warm ÷ pandoc', pages, 'lintWarm', 'pandoc', 0.6);
  target('redline (diff html), cold ÷ one cold HTML build', pages, 'diffHtml', 'build', 1.5);
  // Issue 12: the checked PDF ÷ plain print of the same HTML, ≤ 2.0× at 100 pages, ≤ 1.5× at 1,000.
  target('PDF, checked ÷ plain Chromium print', pages, 'pdf', 'chromiumPrint', pages >= 1000 ? 1.5 : 2.0);
  target('PDF, --no-verify ÷ plain Chromium print', pages, 'pdfNoVerify', 'chromiumPrint', pages >= 1000 ? 1.5 : 2.0);
  target('DOCX build ÷ pandoc docx', pages, 'docx', 'pandocDocx', 1.0);
  target('HTML build with citations ÷ pandoc --citeproc', pages, 'citedHtml', 'pandocCiteproc', 1.0);
}

// ---------------------------------------------------------------------------------------------
// The table.

const lines = [];
const pad = (s, n) => String(s).padEnd(n);
const padStart = (s, n) => String(s).padStart(n);
const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : '');
lines.push(
  `rapporteur ${results.versions.rapporteur} (${results.versions.commit}), ${results.machine.cpus} CPUs, ${results.versions.chromium ?? 'no Chromium'}, ${results.versions.pandoc}; load average at start ${results.machine.loadAvgAtStart.map((l) => l.toFixed(1)).join(' ')}`,
  `Each row: ${runs} measured run(s) after ${warmup} unmeasured warm-up(s); "runs" counts measured and failed runs, a failed run is counted and printed, never dropped.`,
  'Cache: cold = parse cache wiped before each run; warm = the row\'s own cache, primed by one unmeasured run. CPU = user+system of the whole process tree',
  '(node + Chromium + helpers); memory = peak summed RSS of the tree. The machine is shared: compare CPU ratios first, wall ratios wander with the load.',
);
for (const pages of sizes) {
  const size = results.sizes[pages];
  lines.push('', `${pages} pages (${size.words.toLocaleString('en')} words in chapters); load average at the end ${size.loadAvgAtEnd.map((l) => l.toFixed(1)).join(' ')}`);
  lines.push(`${pad('group', 9)} ${pad('command', 44)} ${pad('cache', 5)} ${padStart('runs', 4)} ${padStart('failed', 6)} ${padStart('wall', 9)} ${padStart('min', 9)} ${padStart('max', 9)} ${padStart('CPU', 9)} ${padStart('tree MB', 8)} ${padStart('÷wall', 7)} ${padStart('÷CPU', 7)}  baseline`);
  for (const t of Object.values(size.tasks)) {
    const base = t.base ? size.tasks[t.base] : undefined;
    const head = `${pad(t.group, 9)} ${pad(t.label, 44)} ${pad(t.cache, 5)} ${padStart(t.runs, 4)} ${padStart(t.failedRuns, 6)}`;
    if (t.medianMs === undefined) {
      lines.push(`${head} ${padStart('FAILED', 9)}  every run failed: ${t.failures[0] ?? 'no run'}`);
      continue;
    }
    const tree = t.peakTreeMB ? `${Math.round(t.peakTreeMB)}` : 'n/a';
    lines.push(
      `${head} ${padStart(fmtMs(t.medianMs), 9)} ${padStart(fmtMs(t.minMs), 9)} ${padStart(fmtMs(t.maxMs), 9)} ${padStart(fmtMs(t.medianCpuMs), 9)} ${padStart(tree, 8)} ${padStart(ratio(t.medianMs, base?.medianMs), 7)} ${padStart(ratio(t.medianCpuMs, base?.medianCpuMs), 7)}  ${base ? base.label.split(' ')[0] + (t.base === 'chromiumPrint' ? ' print' : t.base === 'gitWordDiff' ? ' word-diff' : '') : ''}`,
    );
    if (t.failedRuns) lines.push(`${' '.repeat(10)}↳ ${t.failedRuns} failed run(s): ${t.failures[0]}`);
  }
  const p = size.lintPrecision;
  if (p) {
    const pct = (v) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)} %`);
    lines.push(`lint precision on the same generator with ${p.planted} planted defects (8 rules): found ${p.found}, ${p.correct} of them planted → precision ${pct(p.precision)}, recall ${pct(p.recall)}`);
    if (p.unexpected.length) lines.push(`  unexpected: ${p.unexpected.join('; ')}`);
    if (p.missed.length) lines.push(`  missed: ${p.missed.join('; ')}`);
  }
}
if (results.targets.length) {
  lines.push('', 'Targets (ratios of medians in the same run; CPU first)');
  for (const t of results.targets) {
    const verdict = (v) => (v === undefined ? 'n/a' : v <= t.limit ? 'met' : 'MISSED');
    const value = (v) => (v === undefined ? 'n/a' : `${v.toFixed(2)}×`);
    const failed = t.failedRuns ? `  (${t.failedRuns} failed run(s))` : '';
    lines.push(`${pad(`${t.name}, ${t.pages} pages`, 62)} target ≤ ${t.limit}×   CPU ${padStart(value(t.cpu), 6)} ${pad(verdict(t.cpu), 6)}  wall ${padStart(value(t.wall), 6)} ${verdict(t.wall)}${failed}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
// One file per set of sizes, so that a 100-page and a 1,000-page run can be kept side by side.
const resultsFile = path.join(outDir, `results-${sizes.join('-')}${only.length ? `-${only.join('-')}` : ''}.json`);
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten ${path.relative(process.cwd(), resultsFile)}\n`);
