import { readFileSync } from 'node:fs';
import { parseMarkdown } from '../lib/parse/processor.js';
const trees = [];
for (let c = 1; c <= 10; c++) trees.push(parseMarkdown(readFileSync(`/tmp/gen/reports/generated/chapters/${String(c).padStart(2,'0')}-chapter.md`, 'utf8')));
function clone(value) {
  if (Array.isArray(value)) { const out = new Array(value.length); for (let i = 0; i < value.length; i++) out[i] = clone(value[i]); return out; }
  if (value !== null && typeof value === 'object') { const out = {}; for (const key in value) out[key] = clone(value[key]); return out; }
  return value;
}
for (const [name, fn] of [['structuredClone', structuredClone], ['custom', clone], ['json', (v) => JSON.parse(JSON.stringify(v))]]) {
  const times = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); for (const tr of trees) fn(tr); times.push(performance.now() - t); }
  times.sort((a, b) => a - b); console.log(name.padEnd(16), times[7].toFixed(1), 'ms for 10 chapters');
}
