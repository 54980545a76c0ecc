import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
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

/**
 * puppeteer-core, loaded when a browser is first needed: its few hundred modules cost every
 * other command (lint, HTML, DOCX) a fifth of a second of start-up.
 */
function loadPuppeteer() {
  return import('puppeteer-core');
}

/** "60 minutes", "1.5 s": the protocol timeout as the message gives it. */
function duration(ms: number): string {
  return ms >= 60_000 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} s`;
}

/**
 * Chromium that does not answer one call within the protocol timeout (an hour: a 1,000-page
 * print at load 45 outlasted the former 10 minutes) is a machine too busy or a browser that
 * hangs, not a defect of the report: one line, exit 2, instead of an internal error.
 *
 * Told by puppeteer-core's own class, not its wording: a call that outlives `protocolTimeout` is
 * rejected with the ProtocolError made when the call was sent (CallbackRegistry's Callback),
 * which carries no message from Chromium (`originalMessage` is empty); an error Chromium answered
 * carries Chromium's message there, and a closed tab or connection is one of ProtocolError's
 * subclasses (TargetCloseError, ConnectionClosedError). The called method, first word of the
 * message, is named only to help; nothing is decided from the text.
 */
export async function protocolTimeoutError(error: unknown, timeoutMs: number): Promise<UserError | undefined> {
  const { ProtocolError } = await loadPuppeteer();
  if (!(error instanceof ProtocolError) || error.constructor !== ProtocolError || error.originalMessage) return undefined;
  const call = error.message.split(' ', 1)[0] || 'a call';
  return new UserError(`Chromium did not finish ${call} within ${duration(timeoutMs)}; nothing was written (is the machine overloaded? build fewer editions at once, or again later)`, { exitCode: 2 });
}

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

export interface LaunchOptions {
  /** Milliseconds one call to Chromium may take (default PROTOCOL_TIMEOUT_MS). */
  protocolTimeoutMs?: number;
}

/** One headless browser with a throwaway profile, closed (and its profile removed) by `close`. */
export async function launchBrowser(executablePath: string, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const protocolTimeoutMs = options.protocolTimeoutMs ?? PROTOCOL_TIMEOUT_MS;
  const { default: puppeteer } = await loadPuppeteer();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-chromium-'));
  let pid: number | undefined;
  const entry = {
    kill(options: { keepProfile?: boolean } = {}) {
      killBrowserProcesses(userDataDir, pid);
      if (options.keepProfile) return;
      try {
        rmSync(userDataDir, { recursive: true, force: true });
      } catch {
        // A process of a browser killed while it started was still writing its profile (ENOTEMPTY):
        // the reaper removes the profile once no process of it is left. The failure being reported
        // (a timeout, say) must not be replaced by this one.
      }
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
      protocolTimeout: protocolTimeoutMs,
      // Our own handlers (above) end every process of the browser and remove the profile.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    unwatch(entry);
    entry.kill();
    // A browser too slow to answer while starting is the same overloaded machine as later on.
    const timedOut = await protocolTimeoutError(error, protocolTimeoutMs);
    if (timedOut) throw timedOut;
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
