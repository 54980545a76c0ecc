import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU (ms, user + system) used so far by every process under this one (the browser's, for the
 * PDF build's debug lines and the print bisection script), read from /proc; undefined where
 * there is no /proc (not Linux).
 */
export function childrenCpu(): number | undefined {
  if (!existsSync('/proc')) return undefined;
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      // utime + stime, in clock ticks (100 a second on Linux).
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The process ended while we looked.
    }
  }
  let children = 0;
  for (const [pid, ms] of cpu) {
    for (let up = parent.get(pid); up !== undefined && up > 1; up = parent.get(up)) {
      if (up === process.pid) {
        children += ms;
        break;
      }
    }
  }
  return children;
}
