import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../src/pdf/browser.js';
import { reportSource, runCliInProcess, tempWorkspaces } from './helpers.js';

/**
 * `run(argv, io)` is also called by hosts that live on after it (editors, the test runner, the
 * watch server): a second run must behave like a fresh process, and nothing of the first may stay
 * behind in the host.
 */
const workspace = tempWorkspaces();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const listeners = () => signals.map((signal) => process.listenerCount(signal));

describe('a host that calls run() more than once', () => {
  it('sees an edited rapporteur.config.yaml on the next run', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource('# Introduction\n\nText.\n'), 'rapporteur.config.yaml': 'paper: Letter\n' });
    expect(JSON.parse((await runCliInProcess(['config', '--json'], { cwd: root })).stdout).paper).toBe('Letter');
    writeFileSync(path.join(root, 'rapporteur.config.yaml'), 'paper: A4\n');
    expect(JSON.parse((await runCliInProcess(['config', '--json'], { cwd: root })).stdout).paper).toBe('A4');
  });

  it("gets its own signal handling back once the last PDF browser has closed", async () => {
    const before = listeners();
    const first = await launchBrowser(findBrowser());
    const second = await launchBrowser(findBrowser());
    // While a browser lives, a signal must end it and its profile: one handler per signal.
    expect(listeners()).toEqual(before.map((count) => count + 1));
    await first.close();
    expect(listeners()).toEqual(before.map((count) => count + 1));
    await second.close();
    expect(listeners()).toEqual(before);
  }, 120_000);

  it('has its own signal handlers again after an in-process PDF build', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource('# Introduction\n\nText.\n') });
    const before = listeners();
    const result = await runCliInProcess(['build', 'demo', '--format', 'pdf'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(root, 'dist', 'demo', 'demo.pdf'))).toBe(true);
    expect(listeners()).toEqual(before);
  }, 240_000);
});
