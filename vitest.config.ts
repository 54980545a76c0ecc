import { defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores, but a fork often waits on a process it started (Chromium, LibreOffice, git, the
    // binary), so one fork more than cores keeps both busy; measured in test/timings.json's commit.
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    // The longest files first (from test/timings.json), so the forks finish together.
    sequence: { sequencer: LongestFirst },
  },
});
