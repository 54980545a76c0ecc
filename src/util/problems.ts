import { VFileMessage } from 'vfile-message';
import type { SourceSpan } from '../model/types.js';
import { oneLine } from './printable.js';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a source: a vfile message with file, position, rule id and severity.
 * `fatal: true` is an error, `false` a warning (vfile's own convention).
 */
export function problem(
  reason: string,
  place: Partial<SourceSpan> & { file: string },
  options: { ruleId: string; severity?: Severity; source?: string; url?: string } ,
): VFileMessage {
  const start = { line: place.line ?? 1, column: place.column ?? 1 };
  const end = { line: place.endLine ?? start.line, column: place.endColumn ?? start.column };
  const message = new VFileMessage(reason, {
    place: { start, end },
    ruleId: options.ruleId,
    source: options.source ?? 'rapporteur',
  });
  message.file = place.file;
  message.fatal = (options.severity ?? 'error') === 'error';
  if (options.url) message.url = options.url;
  return message;
}

export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}

/** `file:line:column severity message rule-id`, the one-line form every command prints. */
export function formatProblem(message: VFileMessage): string {
  const where = `${oneLine(message.file || '<input>')}:${message.line ?? 1}:${message.column ?? 1}`;
  const severity = message.fatal ? 'error' : 'warning';
  return `${where} ${severity} ${oneLine(message.reason)} ${oneLine(message.ruleId ?? '')}`.trimEnd();
}

/**
 * A failure the user can act on (bad input, bad usage). The CLI prints it without a stack trace
 * and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number;
  readonly problems: VFileMessage[];
  constructor(message: string, options: { exitCode?: number; problems?: VFileMessage[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 2;
    this.problems = options.problems ?? [];
  }
}
