import type { VFileMessage } from 'vfile-message';
import { oneLine } from '../../util/printable.js';

// Workflow command escaping (actions/toolkit): data escapes %, CR, LF; properties also , and :.
// Other control characters (ESC, OSC 52…) are shown as escapes: the log is read in a terminal too.
const data = (s: string) =>
  s
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 ? part : oneLine(part)))
    .join('')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=…,line=…,col=…::message`, one per finding. */
export function formatGithub(messages: VFileMessage[]): string {
  return messages
    .map((m) => {
      const end = m.place && 'end' in m.place ? m.place.end : undefined;
      const props = [`file=${property(m.file ?? '')}`, `line=${m.line ?? 1}`, `col=${m.column ?? 1}`];
      if (end) props.push(`endLine=${end.line}`, `endColumn=${end.column}`);
      if (m.ruleId) props.push(`title=${property(m.ruleId)}`);
      return `::${m.fatal ? 'error' : 'warning'} ${props.join(',')}::${data(`${m.reason} (${m.ruleId ?? ''})`)}\n`;
    })
    .join('');
}
