#!/usr/bin/env node
// Writes test/timings.json (seconds per test file, read by test/sequencer.ts to start the longest
// files first) from a vitest JSON report:
//   npx vitest run --reporter=default --reporter=json --outputFile.json=/tmp/vitest.json
//   node scripts/test-timings.mjs /tmp/vitest.json
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const report = process.argv[2];
if (!report) {
  process.stderr.write('usage: node scripts/test-timings.mjs <vitest JSON report>\n');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { testResults } = JSON.parse(readFileSync(report, 'utf8'));
const rows = testResults
  // Named from test/ or src/ on: a report written in another worktree or clone counts too.
  .map((file) => [file.name.split(path.sep).join('/').replace(/^.*?\/(?=(test|src)\/)/, ''), Math.round((file.endTime - file.startTime) / 100) / 10])
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
writeFileSync(path.join(root, 'test', 'timings.json'), `${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
process.stdout.write(`test/timings.json: ${rows.length} files, ${Math.round(rows.reduce((sum, row) => sum + row[1], 0))} s in all\n`);
