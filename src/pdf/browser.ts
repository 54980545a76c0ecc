import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { UserError } from '../util/problems.js';
import { killBrowserProcesses } from './kill.js';
import { runEnv } from '../util/run-context.js';

/** Flags that keep a print-only browser quiet: no GPU, no phoning home, no first-run work. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

const SYSTEM_BROWSERS = [
  // Debian/Ubuntu chromium, then Google Chrome.
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'install one (Debian/Ubuntu: `sudo apt-get install chromium`, or run `npm run setup`), ' +
  'or point PUPPETEER_EXECUTABLE_PATH (or CHROME_PATH) at a Chrome or Chromium binary';

/** Chrome builds that `npx @puppeteer/browsers install chrome` left in puppeteer's cache. */
function puppeteerCache(home: string): string[] {
  const root = path.join(process.env.PUPPETEER_CACHE_DIR ?? path.join(home, '.cache', 'puppeteer'), 'chrome');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .reverse()
    .flatMap((version) => [
      path.join(root, version, 'chrome-linux64', 'chrome'),
      path.join(root, version, 'chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
      path.join(root, version, 'chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'),
    ]);
}

/**
 * Finds the browser in the documented order: an explicit path, PUPPETEER_EXECUTABLE_PATH or
 * CHROME_PATH, Debian/Ubuntu chromium, Google Chrome, puppeteer's own cache.
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = runEnv(), system: string[] = SYSTEM_BROWSERS): string {
  const named: Array<[string, string | undefined]> = [
    ['the browser option', explicit],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
    ['CHROME_PATH', env.CHROME_PATH],
  ];
  for (const [where, file] of named) {
    if (!file) continue;
    if (existsSync(file)) return file;
    throw new UserError(`${where} names ${file}, which does not exist; ${INSTALL_HINT}`, { exitCode: 2 });
  }
  const found = [...system, ...puppeteerCache(env.HOME ?? os.homedir())].find((file) => existsSync(file));
  if (found) return found;
  throw new UserError(`PDF output needs Chrome or Chromium and none was found; ${INSTALL_HINT}`, { exitCode: 2 });
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** How long one call to Chromium may take: printing 1,000 pages on a 2-core machine at load 45 outlasted the former 10 minutes. */
export const PROTOCOL_TIMEOUT_MS = 60 * 60_000;

const live = new Set<{ kill(options?: { keepProfile?: boolean }): void }>();

/**
 * On Ctrl-C or a termination signal the build ends at once, and so do its browsers and their
 * profiles (the default would leave Chromium running, re-parented to PID 1). SIGKILL reaches no
 * handler: the reaper (reaper-worker.ts), started before the browser, covers that.
 * The handlers are there only while a browser is: a host that calls run() in-process (an editor,
 * the test runner) gets its own signal handling back once the last browser has closed.
 */
const signalHandlers = (
  [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const
).map(([signal, code]) => ({
  signal,
  handler: () => {
    // The profile stays for the reaper: a Chromium that forked while we scanned /proc is found
    // by its profile, and a reaper that saw no profile would take the browser for closed.
    for (const browser of live) browser.kill({ keepProfile: true });
    process.exit(code);
  },
}));

function watch(entry: { kill(options?: { keepProfile?: boolean }): void }): void {
  if (live.size === 0) for (const { signal, handler } of signalHandlers) process.on(signal, handler);
  live.add(entry);
}

function unwatch(entry: { kill(options?: { keepProfile?: boolean }): void }): void {
  if (!live.delete(entry) || live.size > 0) return;
  for (const { signal, handler } of signalHandlers) process.off(signal, handler);
}

/** One headless browser with a throwaway profile, closed (and its profile removed) by `close`. */
export async function launchBrowser(executablePath: string): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-chromium-'));
  let pid: number | undefined;
  const entry = {
    kill(options: { keepProfile?: boolean } = {}) {
      killBrowserProcesses(userDataDir, pid);
      if (!options.keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  // Watched from the start: a build killed while the browser is still starting leaves nothing.
  watch(entry);
  const reaper = spawn(process.execPath, [fileURLToPath(new URL('./reaper-worker.js', import.meta.url)), String(process.pid), userDataDir], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.on('error', () => {});
  reaper.unref();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir,
      args: CHROMIUM_ARGS,
      protocolTimeout: PROTOCOL_TIMEOUT_MS,
      // Our own handlers (above) end every process of the browser and remove the profile.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    unwatch(entry);
    entry.kill();
    throw new UserError(`could not start ${executablePath}: ${(error as Error).message.split('\n')[0]}; ${INSTALL_HINT}`, { exitCode: 2 });
  }
  pid = browser.process()?.pid;
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      entry.kill();
      unwatch(entry);
    },
  };
}
