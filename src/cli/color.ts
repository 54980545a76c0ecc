/**
 * Terminal colours that follow the conventions users expect: only when the stream is a TTY, never
 * with NO_COLOR set (any value, https://no-color.org), never for TERM=dumb; FORCE_COLOR turns them
 * on for tools that capture output but render ANSI (CI logs). Every command styles through this so
 * that a pipe or a log file never gets escape codes.
 */
export interface Palette {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  /** Colours a severity word: error red, warning yellow. */
  severity(text: string, severity: 'error' | 'warning'): string;
}

export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

const wrap = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export function palette(enabled: boolean): Palette {
  const red = wrap(enabled, 31, 39);
  const yellow = wrap(enabled, 33, 39);
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red,
    yellow,
    green: wrap(enabled, 32, 39),
    cyan: wrap(enabled, 36, 39),
    severity: (text, severity) => (severity === 'error' ? red(text) : yellow(text)),
  };
}

/** Removes ANSI colour codes, for width calculations and for tests. */
export function stripColor(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
