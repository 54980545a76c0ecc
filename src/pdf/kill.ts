import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Kills every process whose command line names this profile folder: the browser and all its
 * helpers, found through /proc (Linux), so even a browser whose launch had not returned yet (no
 * pid known) is found. Elsewhere, the process group of `pid`. Returns how many were signalled.
 */
export function killBrowserProcesses(profile: string, pid?: number): number {
  let signalled = 0;
  const signal = (target: number) => {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  if (pid) signal(-pid);
  if (!existsSync('/proc')) return signalled;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
    } catch {
      continue;
    }
    // Chromium's own processes only (--user-data-dir=<profile>), never the reaper watching it.
    if (command.includes(`--user-data-dir=${profile}`)) {
      signal(Number(entry));
      signalled++;
    }
  }
  return signalled;
}

