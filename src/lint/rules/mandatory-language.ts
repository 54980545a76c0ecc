import type { Nodes, Text } from 'mdast';
import { z } from 'zod';
import type { Report, SourceFile } from '../../model/types.js';
import { defineRule } from '../define.js';
import { sourceFile, spanAt, nodePlace } from '../place.js';

const BASE = ['shall', 'must', 'is required to', 'are required to', 'is obliged to', 'are obliged to'];

/** Words and phrases as a pattern: case-insensitive, whole words, any spacing (line breaks included). */
function pattern(phrases: string[]): RegExp {
  const escaped = phrases.map((p) => p.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_'’-])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_'’-])`, 'giu');
}

/** True when `index` lies inside a quotation in `text` (“…”, "…", «…»): quoted law is not the report's voice. */
function insideQuotes(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const count = (re: RegExp) => (before.match(re) ?? []).length;
  return count(/“/g) > count(/”/g) || count(/«/g) > count(/»/g) || count(/"/g) % 2 === 1;
}

/** Parts of a principle or variant that are not its own voice: nested blocks, quotations, code, comments. */
const SKIP = new Set(['containerDirective', 'blockquote', 'code', 'inlineCode', 'html', 'footnoteDefinition', 'yaml']);

export default defineRule({
  meta: {
    id: 'mandatory-language',
    severity: 'error',
    description: 'Mandatory language ("shall", "must", "is required to", "are obliged to") in a recommendation\'s principle or variants.',
  },
  options: z
    .object({
      /** More words or phrases to flag, such as "has to". */
      extra: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  docs: {
    rationale:
      'The dialogue\'s results are voluntary: a recommendation says what courts and parties *should* do, never what they *shall* or *must* do. Only the report\'s own voice is checked — the shared principle and the variants. Examples, rationale, comments, block quotations, quoted text ("…", “…”) and inline code are not, because they describe or cite binding law. The finding points at the word itself.',
    options: '`extra` (default `[]`): more words or phrases to flag, such as `["has to", "have to"]`.',
    incorrect: [
      { title: '"shall" in the principle', source: '::::recommendation{#a title="A" uniform}\nCourts should act quickly.\nThe court shall hear the defendant.\n::::\n', line: 3, output: ["3:11-3:16 mandatory language \"shall\" in the principle of recommendation `a`: best practices are voluntary; write \"should\" (or say what courts can do)"] },
      {
        title: '"is required to" in a variant',
        source: '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civil-law}\nThe bailiff is required to describe the evidence.\n:::\n::::\n',
        line: 5, output: ["5:13-5:27 mandatory language \"is required to\" in the civil-law variant of recommendation `a`: best practices are voluntary; write \"should\" (or say what courts can do)"],
      },
    ],
    correct: [
      {
        title: 'Binding law quoted in an example, a rationale and a quotation',
        source:
          '::::recommendation{#a title="A" uniform}\nCourts should act. As the statute puts it, "the court shall hear the defendant".\n\n> The holder must be heard.\n\n:::example{jurisdiction=DE}\nUnder the Act the court must hear the holder.\n:::\n\n:::rationale\nParties are required to cooperate in most systems.\n:::\n::::\n',
      },
      { title: 'Words that merely contain the letters', source: '::::recommendation{#a title="A" uniform}\nCourts should consider mustard-seed cases and marshalling.\n::::\n' },
    ],
  },
  check({ report, options, emit }) {
    const phrases = [...BASE, ...options.extra];
    const re = pattern(phrases);
    // A plain, case-insensitive search for each phrase's longest word rules out most text nodes cheaply.
    const keyWords = [...new Set(phrases.map((p) => p.trim().split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a)).toLowerCase()))];
    const quick = new RegExp(keyWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    (re as RegExp & { quick?: RegExp }).quick = quick;
    for (const rec of report.recommendations) {
      const name = rec.id ? `recommendation \`${rec.id}\`` : `recommendation ${rec.number}`;
      scan(report, rec.source.file, rec.principleNodes, re, (word, place) =>
        emit(`mandatory language "${word}" in the principle of ${name}: best practices are voluntary; write "should" (or say what courts can do)`, place),
      );
      for (const variant of rec.variants) {
        scan(report, variant.source.file, variant.node.children as Nodes[], re, (word, place) =>
          emit(`mandatory language "${word}" in the ${variant.system || 'unnamed'} variant of ${name}: best practices are voluntary; write "should" (or say what courts can do)`, place),
        );
      }
    }
  },
});

function scan(report: Report, path: string, nodes: Nodes[], re: RegExp, found: (word: string, place: ReturnType<typeof nodePlace>) => void): void {
  const file = sourceFile(report, path);
  const visit = (node: Nodes): void => {
    if (SKIP.has(node.type)) return;
    if (node.type === 'comment') return;
    if (node.type === 'text') {
      checkText(node, file, path, re, found);
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  for (const node of nodes) visit(node);
}

function checkText(node: Text, file: SourceFile | undefined, path: string, re: RegExp, found: (word: string, place: ReturnType<typeof nodePlace>) => void): void {
  const quick = (re as RegExp & { quick?: RegExp }).quick;
  if (quick && !quick.test(node.value)) return;
  re.lastIndex = 0;
  const matches = [...node.value.matchAll(re)];
  if (matches.length === 0) return;
  // Point at the word: find the same occurrence in the node's source text (escapes and line
  // prefixes can make the source differ from the value, so offsets cannot be copied).
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const raw = file && start !== undefined && end !== undefined ? [...file.value.slice(start, end).matchAll(re)] : [];
  matches.forEach((match, k) => {
    if (insideQuotes(node.value, match.index ?? 0)) return;
    const word = match[0].replace(/\s+/g, ' ');
    const inSource = raw.length === matches.length ? raw[k] : undefined;
    const place = file && inSource && start !== undefined ? spanAt(file, start + (inSource.index ?? 0), start + (inSource.index ?? 0) + inSource[0].length) : nodePlace(path, node);
    found(word, place);
  });
}
