import { palette } from '../cli/color.js';
import { formatProblem } from '../util/problems.js';
import type { RebuildResult } from './session.js';

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * What watch prints after each build: the problems (file:line:column, coloured on a terminal),
 * then one line per report. A failure that repeats unchanged (editors often save twice) is not
 * printed again; with `quiet`, only problems that changed are printed.
 */
export function buildPrinter(out: (text: string) => void, err: (text: string) => void, options: { color: boolean; quiet: boolean }) {
  const c = palette(options.color);
  const printed = new Map<string, string>();
  return (results: RebuildResult[], reason: string): void => {
    for (const result of results) {
      const lines = result.problems.map((p) => {
        const line = formatProblem(p);
        return p.fatal ? line.replace(' error ', ` ${c.red('error')} `) : line.replace(' warning ', ` ${c.yellow('warning')} `);
      });
      const signature = `${result.ok}\n${lines.join('\n')}`;
      const repeated = printed.get(result.slug) === signature;
      printed.set(result.slug, signature);
      if (repeated && (!result.ok || options.quiet)) continue;
      for (const line of lines) err(line);
      if (options.quiet) continue;
      const ms = `${Math.round(result.ms)} ms`;
      if (result.ok) out(`${c.dim(clock())} ${c.green('built')} ${result.slug} in ${ms}${reason === 'start' ? '' : c.dim(` (${reason})`)}`);
      else out(`${c.dim(clock())} ${c.red('not built')} ${result.slug}: fix the errors above; the page keeps the last good version`);
    }
  };
}
