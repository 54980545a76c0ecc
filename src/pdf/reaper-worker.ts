/**
 * A watchdog started beside each PDF browser, in its own process: when the build that launched
 * the browser is gone (killed, even with SIGKILL, which no handler sees), it kills every process
 * of that browser and removes its throwaway profile, so nothing is left re-parented to PID 1 and
 * nothing is left in /tmp. It ends by itself once the profile is gone (the build closed it).
 * Usage (by launchBrowser): node reaper-worker.js <build pid> <profile dir>
 */
import { existsSync, rmSync } from 'node:fs';
import { killBrowserProcesses } from './kill.js';

const [parent, profile] = process.argv.slice(2);
const parentPid = Number(parent);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

if (profile && /rapporteur-chromium-/.test(profile)) {
  const timer = setInterval(() => {
    if (!existsSync(profile)) {
      clearInterval(timer);
      return;
    }
    if (alive(parentPid) && process.ppid === parentPid) return;
    clearInterval(timer);
    killBrowserProcesses(profile);
    // Chromium may still be writing into its profile as it dies.
    setTimeout(() => {
      killBrowserProcesses(profile);
      rmSync(profile, { recursive: true, force: true });
    }, 300);
  }, 250);
}
