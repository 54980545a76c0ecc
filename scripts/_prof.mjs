import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os'; import path from 'node:path';
import { generateReport } from '/work/wt-loop/scripts/generate-report.mjs';
const lib = '/work/wt-loop/lib/';
const { loadReport } = await import(lib + 'model/load.js');
const { prepareTree, steps } = await import(lib + 'render/transform.js');
const { markdownToHast, renderHtml } = await import(lib + 'render/html.js');
const { embedImages } = await import(lib + 'render/resources.js');
const { toHtml } = await import('/work/wt-loop/node_modules/hast-util-to-html/index.js');
const { parseMarkdown } = await import(lib + 'parse/processor.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'prof-'));
const g = generateReport(root, 100);
const target = { slug: 'generated', root, file: g.file };
const ch = g.chapters[5]; const orig = readFileSync(ch, 'utf8');
await loadReport(target, { cache: true });
const T = {}; const add = (k, t) => (T[k] = (T[k] ?? []).concat(performance.now() - t));
for (let i = 0; i < 12; i++) {
  writeFileSync(ch, 'Edited ' + i + ' ' + orig);
  let t = performance.now();
  const { report } = await loadReport(target, { cache: true }); add('load', t);
  t = performance.now(); parseMarkdown(orig); add('parse1chapter', t);
  t = performance.now(); structuredClone(report.tree); add('cloneTree', t);
  t = performance.now(); const tree = prepareTree(report); add('prepareTree', t);
  t = performance.now(); embedImages(tree, report); add('images', t);
  t = performance.now(); const hast = markdownToHast(tree); add('toHast+sanitize', t);
  t = performance.now(); toHtml(hast); add('toHtml', t);
  t = performance.now(); renderHtml(report); add('renderHtml', t);
}
for (const [k, v] of Object.entries(T)) { v.sort((a,b)=>a-b); console.log(k.padEnd(16), v[Math.floor(v.length/2)].toFixed(1)); }
const { extractModel } = await import(lib + 'model/extract.js');
const { cloneTree } = await import(lib + 'util/clone-tree.js');
const { report } = await loadReport(target, { cache: true });
const ex = [];
for (let i = 0; i < 10; i++) {
  const files = report.files.map((f) => ({ ...f, tree: cloneTree(f.tree) }));
  const t = performance.now();
  extractModel({ slug: 'g', root, dir: path.dirname(g.file), file: 'x', meta: report.meta, rawMeta: {}, files });
  ex.push(performance.now() - t);
}
ex.sort((a, b) => a - b); console.log('extract', ex[5].toFixed(1));
console.log(os.loadavg());
