import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { blameLines, introducingCommit, type BlameLine } from '../git/blame.js';
import type { Report } from '../model/types.js';
import { readLedger, SUGGESTION_KINDS } from './ledger.js';

/** One comment of the register, wherever it was collected from. */
export interface RegisterEntry {
  id: string;
  report: string;
  /** Workspace-relative file that holds it: the Markdown source, or the ledger for imported comments. */
  file: string;
  line: number;
  anchor: string;
  author: string | null;
  date: string | null;
  status: 'open' | 'resolved';
  text: string;
  source: 'inline' | 'pdf' | 'docx';
  /** comment, or suggestion (a tracked change from a DOCX: old and new words). */
  kind: 'comment' | 'suggestion';
  /** What the remark is in the reviewer's program: note, highlight, comment, insertion, replacement, move, format… */
  change?: string;
  /** The recommendation part (principle, variant/civil-law, example/FR, rationale, footnote/1…). */
  part?: string;
  old?: string;
  new?: string;
  /** For suggestions: applied or rejected, by whom. */
  decision?: string;
  decidedBy?: string;
  note?: string;
  /** The commit that introduced the comment, or null when it is not committed yet. */
  commit: string | null;
  re?: string;
  /** For imported comments: the passage the reviewer marked, and the page. */
  quote?: string;
  page?: number;
  /** Where the comment sits in report order, for sorting within its group. */
  order: number;
}

export interface Register {
  report: Report;
  entries: RegisterEntry[];
  problems: VFileMessage[];
  /** Recommendation/heading anchors in report order, for grouping. */
  groups: AnchorGroup[];
}

export interface AnchorGroup {
  anchor: string;
  kind: 'recommendation' | 'section' | 'front' | 'unplaced';
  /** "Recommendation 2.3 — Title", "2.1 Heading", … */
  label: string;
  /** Fragment of the anchor in the HTML build, when it has one. */
  fragment?: string;
}

/** Every anchor a comment can belong to, in the order a reader meets them. */
export function anchorGroups(report: Report): AnchorGroup[] {
  const fileIndex = new Map(report.files.map((f, i) => [f.path, i]));
  const items: Array<{ key: [number, number]; group: AnchorGroup }> = [];
  const key = (source: { file: string; startOffset?: number; line: number }): [number, number] => [fileIndex.get(source.file) ?? 0, source.startOffset ?? source.line];
  for (const heading of report.headings) {
    items.push({
      key: key(heading.source),
      group: { anchor: heading.slug, kind: 'section', label: heading.number ? `Section ${heading.number} — ${heading.text}` : heading.text, fragment: heading.slug },
    });
  }
  for (const rec of report.recommendations) {
    if (!rec.id) continue;
    items.push({
      key: key(rec.source),
      group: { anchor: rec.id, kind: 'recommendation', label: `Recommendation ${rec.number} — ${rec.title || rec.id}`, fragment: rec.id },
    });
  }
  items.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  return [{ anchor: '', kind: 'front', label: 'Before the first heading' }, ...items.map((i) => i.group)];
}

/**
 * Collects a report's comments: inline ones from the model (author, date and commit completed
 * by `git blame` when the source does not say), imported ones from the ledger.
 */
export async function buildRegister(report: Report): Promise<Register> {
  const groups = anchorGroups(report);
  const groupIndex = new Map(groups.map((g, i) => [g.anchor, i]));
  const entries: RegisterEntry[] = [];

  const byFile = new Map<string, typeof report.comments>();
  for (const comment of report.comments) {
    const list = byFile.get(comment.source.file) ?? [];
    list.push(comment);
    byFile.set(comment.source.file, list);
  }
  const fileOrder = new Map(report.files.map((f, i) => [f.path, i]));
  for (const [file, comments] of byFile) {
    const abs = report.files.find((f) => f.path === file)?.absPath ?? path.join(report.root, file);
    const blame = await blameLines(abs, comments.map((c) => [c.source.line, c.source.endLine]));
    for (const comment of comments) {
      const introduced: BlameLine | undefined = introducingCommit(blame, comment.source.line, comment.source.endLine);
      entries.push({
        id: comment.id,
        report: report.slug,
        file,
        line: comment.source.line,
        anchor: comment.anchor,
        author: comment.author ?? introduced?.author ?? null,
        date: comment.date ?? introduced?.date ?? null,
        status: comment.status,
        text: comment.text,
        source: 'inline',
        kind: 'comment',
        commit: introduced?.commit ?? null,
        re: comment.re,
        order: (fileOrder.get(file) ?? 0) * 1e9 + (comment.source.startOffset ?? comment.source.line),
      });
    }
  }

  // Read again rather than from the model: an import or a decision may have changed it since the load.
  const ledger = await readLedger(report);
  const ledgerFiles = new Map<string, typeof ledger.entries>();
  for (const entry of ledger.entries) ledgerFiles.set(entry.absFile, [...(ledgerFiles.get(entry.absFile) ?? []), entry]);
  for (const [absFile, list] of ledgerFiles) {
    const blame = await blameLines(absFile, list.map((e) => [e.line, e.endLine]));
    list.forEach((entry, index) => {
      const introduced = introducingCommit(blame, entry.line, entry.endLine);
      entries.push({
        id: entry.id,
        report: report.slug,
        file: entry.file,
        line: entry.line,
        anchor: entry.anchor,
        author: entry.author ?? null,
        date: entry.date ?? null,
        status: entry.status,
        text: entry.text,
        source: entry.source,
        kind: entry.kind && SUGGESTION_KINDS.has(entry.kind) ? 'suggestion' : 'comment',
        change: entry.kind,
        part: entry.part,
        old: entry.old,
        new: entry.new,
        decision: entry.decision,
        decidedBy: entry.decidedBy,
        note: entry.note,
        commit: introduced?.commit ?? null,
        re: entry.re,
        quote: entry.quote,
        page: entry.page,
        // After the inline comments of the same anchor, in page order.
        order: 1e12 + (entry.page ?? 0) * 1e6 + index,
      });
    });
  }

  // An anchor that no longer exists (a recommendation renamed since the import) still shows.
  for (const entry of entries) {
    if (!groupIndex.has(entry.anchor)) {
      groupIndex.set(entry.anchor, groups.length);
      groups.push({ anchor: entry.anchor, kind: 'unplaced', label: `Not found in the report: ${entry.anchor}` });
    }
  }
  entries.sort((a, b) => (groupIndex.get(a.anchor) ?? 0) - (groupIndex.get(b.anchor) ?? 0) || a.order - b.order);
  return { report, entries: threadReplies(entries), problems: ledger.problems, groups };
}

/** Replies follow the comment they answer, when both are in the same group. */
function threadReplies(entries: RegisterEntry[]): RegisterEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const children = new Map<string, RegisterEntry[]>();
  const roots: RegisterEntry[] = [];
  for (const entry of entries) {
    const parent = entry.re ? byId.get(entry.re) : undefined;
    if (entry.re && parent && entry.re !== entry.id && parent.anchor === entry.anchor) {
      children.set(entry.re, [...(children.get(entry.re) ?? []), entry]);
    } else roots.push(entry);
  }
  const result: RegisterEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: RegisterEntry) => {
    if (seen.has(entry.id)) return;
    seen.add(entry.id);
    result.push(entry);
    for (const child of children.get(entry.id) ?? []) add(child);
  };
  roots.forEach(add);
  // A reply cycle (a→b→a) has no root: keep its members anyway.
  for (const entry of entries) add(entry);
  return result;
}

export interface RegisterFilter {
  status: 'open' | 'resolved' | 'all';
  author?: string;
  anchor?: string;
}

export function filterEntries(entries: RegisterEntry[], filter: RegisterFilter): RegisterEntry[] {
  const author = filter.author?.toLowerCase();
  return entries.filter(
    (e) =>
      (filter.status === 'all' || e.status === filter.status) &&
      (!author || (e.author ?? '').toLowerCase().includes(author)) &&
      (filter.anchor === undefined || e.anchor === filter.anchor),
  );
}

/**
 * The JSON form of DESIGN.md, in this order, then what issue #14 added: kind (comment or
 * suggestion), the quoted words, old and new words of a suggestion, the comment a reply answers
 * (parent), the page of a PDF remark and the recommendation part; null when not known.
 */
export const JSON_FIELDS = ['id', 'report', 'file', 'line', 'anchor', 'author', 'date', 'status', 'text', 'source', 'commit', 'kind', 'quote', 'old', 'new', 'parent', 'page', 'part'] as const;

export function toJson(entry: RegisterEntry): Record<string, unknown> {
  return {
    id: entry.id,
    report: entry.report,
    file: entry.file,
    line: entry.line,
    anchor: entry.anchor,
    author: entry.author,
    date: entry.date,
    status: entry.status,
    text: entry.text,
    source: entry.source,
    commit: entry.commit,
    kind: entry.kind,
    quote: entry.quote ?? null,
    old: entry.old ?? null,
    new: entry.new ?? null,
    parent: entry.re ?? null,
    page: entry.page ?? null,
    part: entry.part ?? null,
  };
}
