import type { VFileMessage } from 'vfile-message';

/** The schema of DESIGN.md: an array of findings. */
export function formatJson(messages: VFileMessage[]): string {
  return `${JSON.stringify(
    messages.map((m) => ({
      file: m.file,
      line: m.line ?? 1,
      column: m.column ?? 1,
      endLine: m.place && 'end' in m.place ? m.place.end.line : (m.line ?? 1),
      endColumn: m.place && 'end' in m.place ? m.place.end.column : (m.column ?? 1),
      severity: m.fatal ? 'error' : 'warning',
      rule: m.ruleId ?? '',
      message: m.reason,
    })),
    null,
    2,
  )}\n`;
}
