import { promises as fs } from 'node:fs';
import { runCwd } from '../util/run-context.js';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { toPosix } from '../model/reader.js';
import type { Report } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { isContained } from '../util/contain.js';
import { problem, UserError } from '../util/problems.js';
import { yamlData } from '../util/yaml-data.js';

/**
 * The comments ledger: comments that do not live in the Markdown (imported from reviewers'
 * PDFs) are kept in `reports/<slug>/comments/*.yaml`, committed beside the report, so that the
 * source is never touched by an import and a resolve is an ordinary, reviewable diff.
 */

/** A day, or a moment with its time zone as the reviewer's program wrote it (Word: `2026-11-24T10:15:00Z`). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date written YYYY-MM-DD (or an ISO 8601 date and time)');

/** What a remark is: PDF annotation kinds, Word comments, and tracked changes ("suggestions"). */
export const REMARK_KINDS = ['note', 'highlight', 'free-text', 'underline', 'strike-out', 'squiggly', 'caret', 'shape', 'ink', 'stamp', 'comment', 'insertion', 'deletion', 'replacement', 'move', 'format'] as const;
export const SUGGESTION_KINDS = new Set<string>(['insertion', 'deletion', 'replacement', 'move', 'format']);

export const ledgerCommentSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, `.`, `_` or `-`'),
    author: z.string().optional(),
    date: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate.optional()),
    status: z.enum(['open', 'resolved']).default('open'),
    /** Recommendation id or heading slug; '' when the comment could not be placed. */
    anchor: z.string().default(''),
    text: z.string().default(''),
    /** The passage the reviewer highlighted (or the words next to a note). */
    quote: z.string().optional(),
    page: z.number().int().positive().optional(),
    kind: z.enum(REMARK_KINDS).optional(),
    re: z.string().optional(),
    /** The part of the recommendation: principle, title, rationale, variant/<system>, example/<code>, footnote/<label>. */
    part: z.string().optional(),
    /** Suggestions: the words taken out and put in, and the exported words around them. */
    old: z.string().optional(),
    new: z.string().optional(),
    before: z.string().optional(),
    after: z.string().optional(),
    /** Where a moved passage went (anchor and part), for moves. */
    to: z.string().optional(),
    /** Something the import wants the rapporteur to know (a range over two recommendations…). */
    note: z.string().optional(),
    /** What the rapporteur decided on a suggestion, who, and when (`comments apply` / `comments reject`). */
    decision: z.enum(['applied', 'rejected']).optional(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
  })
  .strict();

export const ledgerSchema = z
  .object({
    source: z.enum(['pdf', 'docx']).default('pdf'),
    /** The file the comments were imported from, for the reader of the ledger. */
    from: z.string().optional(),
    comments: z.array(ledgerCommentSchema).default([]),
  })
  .strict();

export type LedgerComment = z.infer<typeof ledgerCommentSchema>;

export interface LedgerEntry extends LedgerComment {
  /** The program the remarks came from (the ledger file's `source`). */
  source: 'pdf' | 'docx';
  /** Workspace-relative ledger file. */
  file: string;
  absFile: string;
  /** Line of the entry in the ledger file. */
  line: number;
  endLine: number;
}

export interface LedgerRead {
  entries: LedgerEntry[];
  problems: VFileMessage[];
}

/** A ledger sits in `<report>/comments/`: the report folder is two levels up. */
function reportDirOf(absFile: string): string {
  return path.dirname(path.dirname(absFile));
}

/** Neither reads nor writes a ledger that links (or whose folder links) out of its report folder. */
function refuseOutside(absFile: string): void {
  if (!isContained(reportDirOf(absFile), absFile)) {
    throw new UserError(`${path.relative(runCwd(), absFile) || absFile} is a link to a file outside the report folder; comments ledgers must stay inside it, and nothing was written`);
  }
}

export function ledgerDir(report: Report): string {
  return path.join(report.dir, 'comments');
}

/** Reads every ledger file of a report; a file that does not validate is reported and skipped. */
export async function readLedger(report: Report): Promise<LedgerRead> {
  const dir = ledgerDir(report);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch {
    return { entries: [], problems: [] };
  }
  const result: LedgerRead = { entries: [], problems: [] };
  for (const name of names) {
    const absFile = path.join(dir, name);
    const file = toPosix(path.relative(report.root, absFile));
    // The containment rule of chapters: a ledger (or a comments/ folder) linking out of the
    // report folder is not read, and `import` never writes through it.
    if (!isContained(report.dir, absFile)) {
      result.problems.push(problem(`${file} is a link to a file outside the report folder; comments ledgers must stay inside it`, { file }, { ruleId: 'comments-ledger' }));
      continue;
    }
    let text: string;
    try {
      text = await fs.readFile(absFile, 'utf8');
    } catch (error) {
      result.problems.push(problem(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'unreadable'}`, { file }, { ruleId: 'comments-ledger' }));
      continue;
    }
    const parsed = parseLedgerText(text, file);
    result.problems.push(...parsed.problems);
    for (const entry of parsed.entries) result.entries.push({ ...entry, absFile });
  }
  return result;
}

export function parseLedgerText(text: string, file: string): { entries: Omit<LedgerEntry, 'absFile'>[]; problems: VFileMessage[]; doc?: Document } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      entries: [],
      problems: doc.errors.map((error) =>
        problem(`comments ledger is not valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, { file, ...at(error.pos[0]) }, { ruleId: 'comments-ledger' }),
      ),
    };
  }
  const data = yamlData(doc);
  if (!data.ok) return { entries: [], problems: [problem(`comments ledger ${data.reason}`, { file, line: 1, column: 1 }, { ruleId: 'comments-ledger' })] };
  const parsed = ledgerSchema.safeParse(data.value ?? {});
  if (!parsed.success) {
    return {
      entries: [],
      problems: parsed.error.issues.map((issue) => {
        const node = nodeAt(doc, issue.path);
        const place = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
        const field = issue.path.join('.');
        const reason = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : issue.message;
        return problem(`comments ledger${field ? ` field \`${field}\`` : ''}: ${reason}`, { file, ...place }, { ruleId: 'comments-ledger' });
      }),
    };
  }
  const items = doc.getIn(['comments'], true);
  const entries = parsed.data.comments.map((comment, index) => {
    const node = isSeq(items) ? (items.items[index] as YamlNode | undefined) : undefined;
    const start = node?.range ? at(node.range[0]).line : 1;
    const end = node?.range ? at(Math.max(node.range[0], node.range[1] - 1)).line : start;
    return { ...comment, source: parsed.data.source, file, line: start, endLine: end };
  });
  return { entries, problems: [], doc };
}

/** The deepest YAML node along a zod issue path, for pointing at the offending line. */
function nodeAt(doc: Document, issuePath: (string | number)[]): YamlNode | undefined {
  for (let length = issuePath.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(issuePath.slice(0, length), true);
    if (node && typeof node === 'object' && 'range' in node) return node as YamlNode;
  }
  return undefined;
}

const HEADER = ' Comments imported by `rapporteur comments import`. Edit with care: ids keep re-imports\n idempotent; `rapporteur comments resolve <id>` sets `status: resolved`.';

/**
 * Adds comments to a ledger file (created if needed), keeping what is already there byte for
 * byte as far as the YAML library allows (it keeps comments and key order).
 */
export async function appendToLedger(absFile: string, from: string, comments: LedgerComment[], source: 'pdf' | 'docx' = 'pdf'): Promise<void> {
  refuseOutside(absFile);
  let doc: Document;
  try {
    doc = parseDocument(await fs.readFile(absFile, 'utf8'));
  } catch {
    doc = new Document({ source, from, comments: [] });
    doc.commentBefore = HEADER;
  }
  let seq = doc.getIn(['comments'], true);
  if (!isSeq(seq)) {
    doc.setIn(['comments'], doc.createNode([]));
    seq = doc.getIn(['comments'], true);
  }
  for (const comment of comments) {
    const clean = Object.fromEntries(Object.entries(comment).filter(([, v]) => v !== undefined && v !== ''));
    if (!('anchor' in clean)) clean.anchor = '';
    (seq as { items: unknown[] }).items.push(doc.createNode(clean));
  }
  await writeFileAtomic(absFile, doc.toString({ lineWidth: 0 }), { within: reportDirOf(absFile) });
}

/**
 * Sets `status: resolved` on one ledger entry by editing only the bytes of its status value (or
 * adding a `status:` line under its id), so hand-written comments and layout survive.
 */
export async function resolveInLedger(absFile: string, id: string): Promise<boolean> {
  refuseOutside(absFile);
  const text = await fs.readFile(absFile, 'utf8');
  const doc = parseDocument(text);
  const seq = doc.getIn(['comments'], true);
  if (!isSeq(seq)) return false;
  const item = seq.items.find((node) => isMap(node) && node.get('id') === id);
  if (!isMap(item)) return false;
  const pairOf = (key: string) => item.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
  const status = pairOf('status');
  const idPair = pairOf('id');
  let updated: string;
  if (status && isScalar(status.value) && status.value.range) {
    const [start, end] = status.value.range;
    updated = text.slice(0, start) + 'resolved' + text.slice(end);
  } else if (!status && idPair && isScalar(idPair.key) && isScalar(idPair.value) && idPair.key.range && idPair.value.range) {
    const keyStart = idPair.key.range[0];
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    const indent = text.slice(lineStart, keyStart).replace(/[^\t]/g, ' ');
    const lineEnd = text.indexOf('\n', idPair.value.range[1]);
    if (lineEnd < 0) {
      updated = `${text}\n${indent}status: resolved\n`;
    } else {
      const crlf = text[lineEnd - 1] === '\r';
      const insertAt = crlf ? lineEnd - 1 : lineEnd;
      updated = `${text.slice(0, insertAt)}${crlf ? '\r\n' : '\n'}${indent}status: resolved${text.slice(insertAt)}`;
    }
  } else {
    return false;
  }
  // Prove the edit did what it should before writing it.
  const check = ledgerSchema.safeParse(parseDocument(updated).toJS());
  const entry = check.success ? check.data.comments.find((c) => c.id === id) : undefined;
  if (!entry || entry.status !== 'resolved') return false;
  await writeFileAtomic(absFile, updated, { within: reportDirOf(absFile) });
  return true;
}

/**
 * Sets fields of ledger entries (an edited remark re-imported, a decision on a suggestion),
 * through the YAML document so the rest of the file keeps its layout; proven by re-validating.
 */
export async function updateLedgerEntries(absFile: string, updates: Map<string, Partial<LedgerComment>>): Promise<void> {
  refuseOutside(absFile);
  const text = await fs.readFile(absFile, 'utf8');
  const doc = parseDocument(text);
  const seq = doc.getIn(['comments'], true);
  if (!isSeq(seq)) throw new Error(`${absFile}: no comments list`);
  for (const [id, fields] of updates) {
    const item = seq.items.find((node) => isMap(node) && node.get('id') === id);
    if (!isMap(item)) throw new Error(`${absFile}: no entry ${id}`);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === '') item.delete(key);
      else item.set(key, value);
    }
  }
  const updated = doc.toString({ lineWidth: 0 });
  const check = ledgerSchema.safeParse(parseDocument(updated).toJS());
  if (!check.success) throw new Error(`${absFile}: the update would not validate: ${check.error.issues[0]?.message}`);
  await writeFileAtomic(absFile, updated, { within: reportDirOf(absFile) });
}
