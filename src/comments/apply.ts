import { promises as fs } from 'node:fs';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { gitAt } from '../git/index.js';
import type { Report, SourceFile } from '../model/types.js';
import { parseMarkdown } from '../parse/processor.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UserError } from '../util/problems.js';
import { readLedger, updateLedgerEntries, type LedgerEntry } from './ledger.js';
import { runEnv } from '../util/run-context.js';

/**
 * `comments apply <id>` and `comments reject <id>`: a reviewer's suggestion (a tracked change
 * imported from a DOCX) is written into the Markdown source as the smallest byte edit, inside
 * the recommendation part it was made in (found through the model, never by searching the whole
 * file), then the file is re-parsed to prove that only those words changed. The decision, who
 * made it and when are recorded in the ledger.
 */

const APPLICABLE = new Set(['insertion', 'deletion', 'replacement']);

export interface DecisionOutcome {
  message: string;
  file?: string;
}

async function decider(report: Report, by: string | undefined): Promise<string> {
  if (by) return by;
  try {
    const name = (await gitAt(report.root).raw(['config', 'user.name'])).trim();
    if (name) return name;
  } catch {
    // No git identity: fall through.
  }
  return runEnv().USER || 'unknown';
}

async function findSuggestion(report: Report, id: string): Promise<LedgerEntry> {
  const ledger = await readLedger(report);
  if (ledger.problems.length > 0) throw new UserError(`the comments ledger of ${report.slug} has errors; fix them first`, { problems: ledger.problems });
  const entry = ledger.entries.find((e) => e.id === id);
  if (!entry) throw new UserError(`no suggestion with id "${id}" in ${report.slug}`);
  if (!entry.kind || !['insertion', 'deletion', 'replacement', 'move', 'format'].includes(entry.kind)) {
    throw new UserError(`${entry.file}:${entry.line}: ${id} is a comment, not a suggestion; \`rapporteur comments resolve ${id}\` closes it`);
  }
  return entry;
}

export async function rejectSuggestion(report: Report, id: string, options: { by?: string; now?: Date } = {}): Promise<DecisionOutcome> {
  const entry = await findSuggestion(report, id);
  if (entry.decision) return { message: `${id} was already ${entry.decision} (${entry.file}:${entry.line})` };
  const by = await decider(report, options.by);
  await updateLedgerEntries(entry.absFile, new Map([[id, { decision: 'rejected', decidedBy: by, decidedAt: (options.now ?? new Date()).toISOString(), status: 'resolved' }]]));
  return { message: `${id} rejected by ${by} (${entry.file}:${entry.line})` };
}

/** A text node of a part, with where its characters are in the source (when they are there verbatim). */
interface TextRun {
  value: string;
  start: number;
  verbatim: boolean;
}

interface PartLocation {
  file: SourceFile;
  nodes: Nodes[];
  label: string;
}

/** The nodes of the recommendation part (or footnote) a suggestion was made in. */
export function partNodes(report: Report, entry: Pick<LedgerEntry, 'anchor' | 'part' | 'file' | 'line'>): PartLocation {
  const where = `${entry.file}:${entry.line}`;
  const rec = report.recommendations.find((r) => r.id === entry.anchor);
  const part = entry.part ?? '';
  const fileOf = (source: { file: string }) => {
    const file = report.files.find((f) => f.path === source.file);
    if (!file) throw new UserError(`${where}: ${source.file} is not part of ${report.slug}`);
    return file;
  };
  if (part.startsWith('footnote/')) {
    const label = part.slice('footnote/'.length);
    const note = report.footnotes.find((f) => f.label === label);
    if (!note) throw new UserError(`${where}: footnote [^${label}] is no longer in ${report.slug}`);
    return { file: fileOf(note.source), nodes: note.node.children as Nodes[], label: `footnote [^${label}]` };
  }
  if (!rec) {
    const heading = report.headings.find((h) => h.slug === entry.anchor);
    if (heading && !part) return { file: fileOf(heading.source), nodes: [heading.node], label: `heading "${heading.text}"` };
    throw new UserError(`${where}: ${entry.anchor || 'this suggestion'} is not a recommendation of ${report.slug}; apply it by hand`);
  }
  const inside = (nodes: Nodes[]) => nodes.filter((n) => !(n.type === 'containerDirective' && n.name !== undefined && ['variant', 'example', 'rationale', 'comment'].includes(n.name)));
  const body = (node: Nodes) => inside(('children' in node ? node.children : []) as Nodes[]).filter((n) => !(n.type === 'paragraph' && (n.data as { directiveLabel?: boolean } | undefined)?.directiveLabel));
  if (part === 'principle') return { file: fileOf(rec.source), nodes: inside(rec.principleNodes), label: `the principle of ${rec.id}` };
  if (part.startsWith('variant/')) {
    const variant = rec.variants.find((v) => v.system === part.slice(8));
    if (variant) return { file: fileOf(variant.source), nodes: body(variant.node), label: `the ${variant.system} variant of ${rec.id}` };
  }
  if (part.startsWith('example/')) {
    const example = rec.examples.find((e) => e.jurisdiction === part.slice(8).split('/')[0]);
    if (example) return { file: fileOf(example.source), nodes: body(example.node), label: `the ${example.jurisdiction} example of ${rec.id}` };
  }
  if (part === 'rationale' && rec.rationale[0]) return { file: fileOf(rec.rationale[0].source), nodes: body(rec.rationale[0].node), label: `the rationale of ${rec.id}` };
  throw new UserError(`${where}: ${rec.id} has no ${part || 'part'} to apply this suggestion to${part === 'title' ? ' (titles are attributes: edit by hand)' : ''}`);
}

function textRuns(nodes: Nodes[], file: SourceFile): TextRun[] {
  const runs: TextRun[] = [];
  for (const node of nodes) {
    visit(node, (child) => {
      if (child.type === 'textDirective' && child.name === 'comment') return 'skip';
      if (child.type !== 'text') return undefined;
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      if (start === undefined || end === undefined) return undefined;
      runs.push({ value: child.value, start, verbatim: file.value.slice(start, end) === child.value });
      return undefined;
    });
  }
  return runs;
}

/** Whitespace-insensitive text of the runs, each character pointing at its source offset (-1 when not verbatim). */
function normalised(runs: TextRun[]): { text: string; offsets: number[]; run: number[] } {
  let text = '';
  const offsets: number[] = [];
  const run: number[] = [];
  runs.forEach((r, index) => {
    for (let i = 0; i < r.value.length; i++) {
      const c = r.value[i];
      const space = /\s/.test(c);
      if (space && text.endsWith(' ')) continue;
      text += space ? ' ' : c;
      offsets.push(r.verbatim ? r.start + i : -1);
      run.push(index);
    }
    // Runs of different blocks are separated by a space, which maps nowhere.
    if (!text.endsWith(' ')) {
      text += ' ';
      offsets.push(-1);
      run.push(index);
    }
  });
  return { text, offsets, run };
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Where, in the normalised part text, the suggestion's old words (or insertion point) are. */
function locate(text: string, entry: LedgerEntry): { from: number; to: number } | undefined {
  const old = squash(entry.old ?? '');
  const before = squash(entry.before ?? '');
  const after = squash(entry.after ?? '');
  // The most context first, then less: a sentence edited elsewhere still lets the change land.
  for (const [b, a] of [
    [before, after],
    [before.slice(-24), after.slice(0, 24)],
    [before.slice(-24), ''],
    ['', after.slice(0, 24)],
    ['', ''],
  ] as const) {
    const needle = b + old + a;
    if (!needle.trim() || (!old && !b && !a)) continue;
    const hits = occurrences(text, needle);
    if (hits.length === 1) return { from: hits[0] + b.length, to: hits[0] + b.length + old.length };
    if (hits.length > 1 && b === '' && a === '') return undefined;
  }
  return undefined;
}

export async function applySuggestion(report: Report, id: string, options: { by?: string; now?: Date } = {}): Promise<DecisionOutcome> {
  const entry = await findSuggestion(report, id);
  if (entry.decision) return { message: `${id} was already ${entry.decision} (${entry.file}:${entry.line})` };
  if (!APPLICABLE.has(entry.kind ?? '')) {
    throw new UserError(`${entry.file}:${entry.line}: ${id} is a ${entry.kind}; only insertions, deletions and replacements are applied (${entry.kind === 'format' ? 'formatting is the template’s job' : 'move the passage by hand'}), \`rapporteur comments reject ${id}\` or resolve it`);
  }
  const where = partNodes(report, entry);
  const runs = textRuns(where.nodes, where.file);
  const { text, offsets, run } = normalised(runs);
  const found = locate(text, entry);
  if (!found) {
    throw new UserError(
      `${entry.file}:${entry.line}: the source no longer holds the words this suggestion changes (edited since the export?): the reviewer saw “${squash(`${entry.before ?? ''}[${entry.old ?? ''}]${entry.after ?? ''}`).trim()}”, ${where.label} now reads “${text.trim()}”`,
    );
  }
  // Map the normalised range to bytes of one text node: an edit across formatting is for a human.
  let start: number;
  let end: number;
  if (found.to > found.from) {
    const first = offsets[found.from];
    const last = offsets[found.to - 1];
    if (first < 0 || last < 0 || run[found.from] !== run[found.to - 1]) {
      throw new UserError(`${entry.file}:${entry.line}: the words “${entry.old}” cross formatting or markup in ${where.label}; apply this suggestion by hand`);
    }
    start = first;
    end = last + 1;
  } else {
    const previous = found.from > 0 ? offsets[found.from - 1] : -1;
    const next = found.from < offsets.length ? offsets[found.from] : -1;
    if (previous >= 0) start = previous + 1;
    else if (next >= 0) start = next;
    else throw new UserError(`${entry.file}:${entry.line}: cannot find where to insert “${entry.new}” in ${where.label}; apply it by hand`);
    end = start;
  }
  const file = where.file;
  const bytes = await fs.readFile(file.absPath);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const current = bytes.toString('utf8').slice(bom ? 1 : 0);
  if (current !== file.value) throw new UserError(`${file.path} changed while the suggestion was being applied; run the command again`);
  const replacement = entry.new ?? '';
  const updated = current.slice(0, start) + replacement + current.slice(end);
  proveOnlyThatChanged(current, updated, { start, end, replacement }, `${file.path}:${lineOf(current, start)}`);
  await writeFileAtomic(file.absPath, bom ? `\ufeff${updated}` : updated);
  const by = await decider(report, options.by);
  await updateLedgerEntries(entry.absFile, new Map([[id, { decision: 'applied', decidedBy: by, decidedAt: (options.now ?? new Date()).toISOString(), status: 'resolved' }]]));
  return { message: `${id} applied to ${file.path}:${lineOf(current, start)} (${where.label}) by ${by}`, file: file.path };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Re-parses the edited file: the same tree, node for node, with one text node holding exactly
 * the edited words. Anything else (the edit opened emphasis, broke a directive) is refused.
 */
function proveOnlyThatChanged(before: string, after: string, edit: { start: number; end: number; replacement: string }, where: string): void {
  const shape = (text: string) => {
    const nodes: Array<{ type: string; value?: string; start?: number }> = [];
    visit(parseMarkdown(text) as Nodes, (node) => {
      nodes.push({ type: node.type, value: node.type === 'text' ? node.value : undefined, start: node.position?.start.offset });
    });
    return nodes;
  };
  const a = shape(before);
  const b = shape(after);
  const fail = () => {
    throw new UserError(`${where}: applying this suggestion would change more than its words (the Markdown would read differently); apply it by hand`);
  };
  if (a.length !== b.length) fail();
  let changed = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].type !== b[i].type) fail();
    if (a[i].value !== b[i].value) {
      changed++;
      const start = a[i].start ?? -1;
      if (start > edit.start || (a[i].value ?? '').length + start < edit.end) fail();
      const local = edit.start - start;
      const expected = (a[i].value ?? '').slice(0, local) + edit.replacement + (a[i].value ?? '').slice(local + (edit.end - edit.start));
      if (b[i].value !== expected) fail();
    }
  }
  if (changed > 1) fail();
}
