import { describe, expect, it } from 'vitest';
import { oneLine, terminalSafe } from '../src/util/printable.js';
import { problem, formatProblem } from '../src/util/problems.js';

describe('printable messages (#18 item 9)', () => {
  it('shows every control character of a one-line message as an escape', () => {
    expect(oneLine('a\u001b]52;c;ZXZpbA==\u0007b\nc\u009b31m\u202e')).toBe('a\\u001b]52;c;ZXZpbA==\\u0007b\\u000ac\\u009b31m\\u202e');
    const message = problem('unknown code `\u001b[2J`', { file: 'reports/\u001b[1Ar/report.md', line: 3, column: 4 }, { ruleId: 'x' });
    expect(formatProblem(message)).toBe('reports/\\u001b[1Ar/report.md:3:4 error unknown code `\\u001b[2J` x');
  });

  it('lets our own colour codes, newlines and tabs through a block, and nothing else', () => {
    const coloured = '\u001b[31merror\u001b[39m\tmessage\nnext line';
    expect(terminalSafe(coloured)).toBe(coloured);
    expect(terminalSafe('x\u001b]52;c;ZXZpbA==\u0007y')).toBe('x\\u001b]52;c;ZXZpbA==\\u0007y');
    expect(terminalSafe('\u001b[2J\u001b[Hclear')).toBe('\\u001b[2J\\u001b[Hclear');
    expect(terminalSafe('bare \u001b at the end \u001b')).toBe('bare \\u001b at the end \\u001b');
    expect(terminalSafe('cr\rover')).toBe('cr\\u000dover');
    expect(terminalSafe('a,b\r\nc,d\r\n')).toBe('a,b\r\nc,d\r\n');
  });

  it('keeps --format json valid: an escaped C1 or bidi character is the same character to a JSON reader', () => {
    const json = JSON.stringify([{ message: 'csi \u009b31m and \u202e reversed' }]);
    expect(JSON.parse(terminalSafe(json))).toEqual(JSON.parse(json));
  });
});
