import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the longest test files first, so that the forks finish together instead of one fork
 * running a 50-second browser file alone at the end. vitest's own sequencer orders by the durations
 * in its results cache, which a fresh CI clone does not have (it then orders by file size, which
 * says little: a short file may build ten PDFs). The durations come from test/timings.json,
 * committed and refreshed by `node scripts/test-timings.mjs <vitest JSON report>`.
 */
export default class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const table = readTimings(path.join(this.ctx.config.root, 'test', 'timings.json'));
    const known = Object.values(table).sort((a, b) => a - b);
    // A file the table does not know yet (added since) is taken for a middling one.
    const fallback = known.length ? known[Math.floor(known.length / 2)] : 0;
    const seconds = (file: TestSpecification) => table[path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/')] ?? fallback;
    return [...files].sort((a, b) => seconds(b) - seconds(a) || a.moduleId.localeCompare(b.moduleId));
  }
}

function readTimings(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}
