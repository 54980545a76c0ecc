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
      // Closed by the build; a last look costs one read of /proc.
      clearInterval(timer);
      killBrowserProcesses(profile);
      return;
    }
    if (alive(parentPid) && process.ppid === parentPid) return;
    clearInterval(timer);
    // Again until none is left (a helper forked while /proc was read is found the next time);
    // Chromium may still be writing into its profile as it dies, so the profile goes last.
    let rounds = 0;
    const sweep = () => {
      if (killBrowserProcesses(profile) > 0 && ++rounds < 20) setTimeout(sweep, 200);
      else rmSync(profile, { recursive: true, force: true });
    };
    sweep();
  }, 250);
}
