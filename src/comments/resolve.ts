import { promises as fs } from 'node:fs';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseDialect, type Comment } from '../dialect/index.js';
import type { CommentItem, Report } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UserError } from '../util/problems.js';
import { readLedger, resolveInLedger } from './ledger.js';


interface Point {
  offset?: number;
}
interface VerbosePosition {
  opening?: { start: Point; end: Point };
  attributes?: Record<string, { start: Point; end: Point }>;
}

export type ResolveOutcome =
  | { kind: 'inline'; file: string; line: number; already: boolean }
  | { kind: 'pdf'; file: string; line: number; already: boolean };

/**
 * Marks one comment resolved. An imported comment is resolved in its ledger; an inline one by
 * rewriting that directive's `status` attribute only (replacing it, or adding it before the
 * closing brace), so every other byte of the source stays as it was. Refuses unknown ids.
 */
export async function resolveComment(report: Report, id: string): Promise<ResolveOutcome> {
  const inline = report.comments.find((c) => c.id === id);
  if (inline) {
    const file = report.files.find((f) => f.path === inline.source.file);
    if (!file) throw new UserError(`comment ${id}: its file ${inline.source.file} is not part of the report`);
    if (inline.status === 'resolved') return { kind: 'inline', file: file.path, line: inline.source.line, already: true };
    const bytes = await fs.readFile(file.absPath);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = bytes.toString('utf8').slice(bom ? 1 : 0);
    if (text !== file.value) throw new UserError(`${file.path} changed while the comments were being read; run the command again`);
    const updated = setStatusAttribute(text, inline, 'resolved');
    await writeFileAtomic(file.absPath, bom ? `\ufeff${updated}` : updated);
    return { kind: 'inline', file: file.path, line: inline.source.line, already: false };
  }
  const ledger = await readLedger(report);
  if (ledger.problems.length > 0) {
    throw new UserError(`the comments ledger of ${report.slug} has errors; fix them first`, { problems: ledger.problems });
  }
  const entry = ledger.entries.find((e) => e.id === id);
  if (entry) {
    if (entry.status === 'resolved') return { kind: 'pdf', file: entry.file, line: entry.line, already: true };
    if (!(await resolveInLedger(entry.absFile, id))) {
      throw new UserError(`${entry.file}:${entry.line}: could not set the status of comment ${id} safely; edit it by hand`);
    }
    return { kind: 'pdf', file: entry.file, line: entry.line, already: false };
  }
  throw new UserError(`no comment with id "${id}" in ${report.slug}; \`rapporteur comments ${report.slug} --status all\` lists every id`);
}

/**
 * The source text with one comment directive's `status` set. Works on the verbose positions
 * remark-directive records for the opening and each attribute, then re-parses the result to
 * prove that exactly that comment changed.
 */
export function setStatusAttribute(text: string, comment: CommentItem, status: 'open' | 'resolved'): string {
  const position = (comment.node.data as { position?: VerbosePosition } | undefined)?.position;
  const opening = position?.opening;
  if (!opening || opening.end.offset === undefined) {
    throw new UserError(`${comment.source.file}:${comment.source.line}:${comment.source.column}: cannot locate the attributes of comment ${comment.id}`);
  }
  const written = `status=${status}`;
  const existing = position?.attributes?.status;
  let updated: string;
  if (existing && existing.start.offset !== undefined && existing.end.offset !== undefined) {
    updated = text.slice(0, existing.start.offset) + written + text.slice(existing.end.offset);
  } else if (text[opening.end.offset - 1] === '}') {
    // The opening ends with the attribute block when there is one (a label ends with `]`).
    const close = opening.end.offset - 1;
    const before = text[close - 1];
    const spacer = before === '{' || before === ' ' || before === '\t' || before === '\n' ? '' : ' ';
    updated = text.slice(0, close) + spacer + written + text.slice(close);
  } else {
    updated = text.slice(0, opening.end.offset) + `{${written}}` + text.slice(opening.end.offset);
  }
  verifyRewrite(updated, comment, status);
  return updated;
}

function verifyRewrite(updated: string, comment: CommentItem, status: string): void {
  const found: Comment[] = [];
  visit(parseDialect(updated, comment.source.file).tree as Nodes, 'comment', (node) => {
    found.push(node);
  });
  const start = comment.node.position?.start.offset;
  const target = found.find((n) => n.position?.start.offset === start);
  if (!target || target.attributes?.status !== status || target.form !== comment.node.form) {
    throw new UserError(`${comment.source.file}:${comment.source.line}:${comment.source.column}: could not set the status of comment ${comment.id} safely; edit it by hand`);
  }
}
