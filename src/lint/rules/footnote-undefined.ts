import type { Nodes } from 'mdast';
import { defineRule, noOptions } from '../define.js';
import { nodePlace, spanAt, where } from '../place.js';
import { walk } from '../walk.js';

/**
 * GFM only turns `[^label]` into a footnote call when the file defines the label, so a call to a
 * missing definition stays in a text node as those literal characters: that is what we look for.
 */
const CALL = /\[\^([^\]\s]+)\]/g;

export default defineRule({
  meta: { id: 'footnote-undefined', severity: 'error', description: 'A footnote call `[^label]` without a definition in the same file.' },
  options: noOptions,
  docs: {
    rationale:
      'A recommendation\'s support goes in footnotes. A call whose definition is missing is printed as the literal text `[^label]`. Each file is read on its own, so a chapter cannot use a footnote defined in report.md or in another chapter; define it in the chapter that calls it.',
    incorrect: [{ title: 'A call without a definition', source: 'Courts already do this.[^saisie]\n', line: 1, output: ["1:24-1:33 footnote [^saisie] has no definition, so it is printed as text; add a line \"[^saisie]: …\" to this file"] }],
    correct: [{ title: 'A call and its definition', source: 'Courts already do this.[^saisie]\n\n[^saisie]: Code de la propriété intellectuelle, art. L. 615-5.\n' }],
  },
  check({ report, emit }) {
    const definedIn = new Map<string, string>();
    for (const note of report.footnotes) if (!definedIn.has(note.label.toLowerCase())) definedIn.set(note.label.toLowerCase(), where(note.source));
    for (const file of report.files) {
      walk(file.tree, (node: Nodes) => {
        if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return false;
        if (node.type === 'comment') return false;
        if (node.type !== 'text' || !node.value.includes('[^')) return;
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        const raw = start !== undefined && end !== undefined ? file.value.slice(start, end) : '';
        for (const match of node.value.matchAll(CALL)) {
          // Find the call in the source to point at it, and to skip an escaped `\[^x]`.
          const at = raw.indexOf(match[0]);
          if (at > 0 && raw[at - 1] === '\\') continue;
          const place = at >= 0 && start !== undefined ? spanAt(file, start + at, start + at + match[0].length) : nodePlace(file.path, node);
          const elsewhere = definedIn.get(match[1].toLowerCase());
          emit(
            elsewhere
              ? `footnote [^${match[1]}] is defined in another file (${elsewhere}); each file needs its own definition, so it is printed as text here`
              : `footnote [^${match[1]}] has no definition, so it is printed as text; add a line "[^${match[1]}]: …" to this file`,
            place,
          );
        }
      });
    }
  },
});
