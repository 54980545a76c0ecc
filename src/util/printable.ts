/**
 * Text from sources (attribute values, titles, file names, annotation notes) reaches the terminal
 * inside messages. Raw control characters there are commands to the terminal: ESC sequences move
 * the cursor or rewrite earlier lines, OSC 52 writes the clipboard, a newline forges a finding.
 * Every message is made printable before it is written; the characters stay visible as escapes.
 */

// C0 controls, DEL, C1 controls (U+009B is a one-character CSI) and the bidirectional overrides
// and isolates that reorder what a reader sees ("Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// `\u001b`: readable, and inside a JSON string (`--format json`) the same character, still valid JSON.
const shown = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line of a message: every control character (newlines and tabs too) shown as `\u001b`. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, shown);
}

/**
 * A whole block of output (several lines, possibly our own colours): newlines, CRLF and tabs stay, and
 * of the escape sequences only the colour codes (SGR, `ESC [ digits ; m`) pass; anything else
 * (OSC, cursor movement, a bare ESC) is shown as text.
 */
export function terminalSafe(text: string): string {
  let out = '';
  let last = 0;
  CONTROL_EXCEPT_LAYOUT.lastIndex = 0;
  for (let match = CONTROL_EXCEPT_LAYOUT.exec(text); match; match = CONTROL_EXCEPT_LAYOUT.exec(text)) {
    const at = match.index;
    // CRLF is a line ending (CSV output uses it); a lone CR would let text overwrite its line.
    if (text[at] === '\r' && text[at + 1] === '\n') continue;
    if (text[at] === '\u001b') {
      const sgr = /^\u001b\[[0-9;]*m/.exec(text.slice(at, at + 32));
      if (sgr) {
        CONTROL_EXCEPT_LAYOUT.lastIndex = at + sgr[0].length;
        continue;
      }
    }
    out += text.slice(last, at) + shown(text[at]);
    last = at + 1;
  }
  return out + text.slice(last);
}
