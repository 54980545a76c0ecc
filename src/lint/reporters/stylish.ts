import type { VFileMessage } from 'vfile-message';
import { oneLine } from '../../util/printable.js';
import { formatProblem } from '../../util/problems.js';

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * Grouped by file: the file underlined, then one line per finding in the house form
 * `file:line:column severity message rule-id` (editors and terminals make it clickable),
 * then a count. Colours only when `color` is true (a TTY without NO_COLOR).
 */
export function formatStylish(messages: VFileMessage[], options: { color: boolean; maxWarnings?: number }): string {
  if (messages.length === 0) return '';
  const bold = paint(options.color, '1;4');
  const red = paint(options.color, '31');
  const yellow = paint(options.color, '33');
  const dim = paint(options.color, '2');
  const lines: string[] = [];
  let file: string | undefined;
  for (const m of messages) {
    if (m.file !== file) {
      if (file !== undefined) lines.push('');
      file = m.file;
      lines.push(bold(oneLine(file || '<input>')));
    }
    const text = formatProblem(m);
    const severity = m.fatal ? 'error' : 'warning';
    const where = `${oneLine(m.file || '<input>')}:${m.line ?? 1}:${m.column ?? 1}`;
    const rest = text.slice(where.length + severity.length + 2);
    const rule = oneLine(m.ruleId ?? '');
    const reason = rule && rest.endsWith(rule) ? rest.slice(0, rest.length - rule.length).trimEnd() : rest;
    lines.push(`${where} ${m.fatal ? red(severity) : yellow(severity)} ${reason} ${dim(rule)}`.trimEnd());
  }
  const errors = messages.filter((m) => m.fatal).length;
  const warnings = messages.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push('', (errors ? red : yellow)(`✖ ${plural(messages.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`));
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    lines.push(yellow(`too many warnings: ${warnings}, more than --max-warnings ${options.maxWarnings}`));
  }
  return `${lines.join('\n')}\n`;
}
