/**
 * A watchdog started beside each PDF browser, in its own process: when the build that launched
 * the browser is gone (killed, even with SIGKILL, which no handler sees), it kills the browser's
 * whole process group and removes its throwaway profile, so nothing is left re-parented to PID 1
 * and nothing is left in /tmp. It ends by itself once the browser is gone.
 * Usage (by launchBrowser): node reaper-worker.js <build pid> <browser pid> <profile dir>
 */
import { rmSync } from 'node:fs';

const [parent, browser, profile] = process.argv.slice(2);
const parentPid = Number(parent);
const browserPid = Number(browser);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (!alive(browserPid)) {
    clearInterval(timer);
    return;
  }
  if (alive(parentPid) && process.ppid === parentPid) return;
  try {
    // The browser leads its own process group (puppeteer starts it detached): one signal ends all.
    process.kill(-browserPid, 'SIGKILL');
  } catch {
    try {
      process.kill(browserPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  // Chromium may still be writing into its profile as it dies.
  setTimeout(() => {
    if (profile && /rapporteur-chromium-/.test(profile)) rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  }, 300);
  clearInterval(timer);
}, 250);
