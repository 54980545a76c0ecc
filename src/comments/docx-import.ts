import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { anchorKeyString, bookmarkName, type DocxAnchorKey, type DocxPart } from '../docx/ids.js';
import { toPosix } from '../model/reader.js';
import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';
import { letters, makeSegment, placePassage, type Segment } from './anchor.js';
import { DocxReadError, readDocx, type DocxPlace, type DocxRead, type DocxRemark } from './docx.js';
import { appendToLedger, readLedger, updateLedgerEntries, type LedgerComment } from './ledger.js';
import { ledgerFileFor } from './import.js';

/**
 * Bringing a reviewer's DOCX home: every comment and tracked change is anchored to the
 * recommendation and part its bookmarks name (or, when a reviewer deleted the bookmark, to the
 * exported paragraph its text aligns with), given an id derived from what the file keeps stable,
 * and merged into the report's ledger: new remarks are added, edited ones updated in place.
 */

export interface AnchorInfo {
  key: string;
  scope: DocxAnchorKey['scope'];
  id: string;
  /** `principle`, `title`, `rationale`, `variant/<system>`, `example/<code>`, `footnote/<label>`; undefined for the whole. */
  part?: string;
  text: string;
}

export function partString(part: DocxPart | undefined): string | undefined {
  if (!part || part.kind === 'recommendation') return undefined;
  switch (part.kind) {
    case 'variant':
      return `variant/${part.system}`;
    case 'example':
      return `example/${part.jurisdiction}${part.index ? `/${part.index}` : ''}`;
    case 'footnote':
      return `footnote/${part.label}`;
    default:
      return part.kind;
  }
}

/** Every anchor the report's DOCX export carries, computed from the model (the names are deterministic). */
export function reportAnchors(report: Report): AnchorInfo[] {
  const list: AnchorInfo[] = [];
  const add = (key: DocxAnchorKey, text: string) => list.push({ key: anchorKeyString(key), scope: key.scope, id: key.id, part: partString(key.part), text });
  const owners: Array<{ scope: DocxAnchorKey['scope']; id: string; file: string; start: number; end: number }> = [];
  for (const heading of report.headings) {
    add({ scope: 'section', id: heading.slug }, heading.text);
  }
  for (const rec of report.recommendations) {
    if (!rec.id) continue;
    const scope = { scope: 'recommendation' as const, id: rec.id };
    add(scope, rec.title);
    add({ ...scope, part: { kind: 'title' } }, rec.title);
    add({ ...scope, part: { kind: 'principle' } }, rec.principle);
    for (const v of rec.variants) add({ ...scope, part: { kind: 'variant', system: v.system } }, v.text);
    for (const e of rec.examples) add({ ...scope, part: { kind: 'example', jurisdiction: e.jurisdiction } }, e.text);
    for (const r of rec.rationale) add({ ...scope, part: { kind: 'rationale' } }, r.text);
    owners.push({ ...scope, file: rec.source.file, start: rec.source.startOffset ?? 0, end: rec.source.endOffset ?? 0 });
  }
  // A footnote belongs to the recommendation (or, outside one, the section) that calls it.
  for (const call of report.footnoteCalls) {
    const note = report.footnotes.find((f) => f.identifier === call.identifier);
    if (!note) continue;
    const at = call.source.startOffset ?? 0;
    const rec = owners.find((o) => o.file === call.source.file && o.start <= at && at <= o.end);
    const heading = [...report.headings].reverse().find((h) => h.source.file === call.source.file && (h.source.startOffset ?? 0) <= at);
    const owner = rec ?? (heading ? { scope: 'section' as const, id: heading.slug } : undefined);
    if (owner) add({ scope: owner.scope, id: owner.id, part: { kind: 'footnote', label: note.label } }, note.text);
  }
  return list;
}

/** Reads `scope:id.part…` back, for anchors of the file's map that the report no longer has. */
export function parseKeyString(key: string): Pick<AnchorInfo, 'scope' | 'id' | 'part'> | undefined {
  const match = /^(recommendation|section|term):(.+)$/.exec(key);
  if (!match) return undefined;
  const scope = match[1] as AnchorInfo['scope'];
  const rest = match[2];
  const part = /\.(title|principle|rationale|variant\.(.+)|example\.(.+)|fn\.(.+))$/.exec(rest);
  if (!part) return { scope, id: rest };
  const id = rest.slice(0, part.index);
  const name = part[1];
  if (name.startsWith('variant.')) return { scope, id, part: `variant/${part[2]}` };
  if (name.startsWith('example.')) return { scope, id, part: `example/${part[3].replace(/\./g, '/')}` };
  if (name.startsWith('fn.')) return { scope, id, part: `footnote/${part[4]}` };
  return { scope, id, part: name };
}

export interface AnchorTable {
  byBookmark: Map<string, AnchorInfo>;
  /** Exported text per anchor, for aligning a paragraph whose bookmark was deleted. */
  segments: Segment[];
  byKey: Map<string, AnchorInfo>;
}

export function anchorTable(report: Report, read: DocxRead): AnchorTable {
  const fromReport = reportAnchors(report);
  const byKey = new Map(fromReport.map((a) => [a.key, a]));
  const byBookmark = new Map<string, AnchorInfo>();
  for (const anchor of fromReport) {
    const parsed = parseKeyString(anchor.key);
    if (!parsed) continue;
    byBookmark.set(bookmarkName(keyFromInfo(anchor)), anchor);
  }
  // What the file says it exported wins: the text there is what the reviewer saw.
  const exported: AnchorInfo[] = [];
  for (const entry of read.map?.anchors ?? []) {
    const known = byKey.get(entry.key);
    const parsed = known ?? parseKeyString(entry.key);
    if (!parsed) continue;
    const info: AnchorInfo = { key: entry.key, scope: parsed.scope, id: parsed.id, part: parsed.part, text: entry.text };
    byBookmark.set(entry.bookmark, info);
    exported.push(info);
  }
  const texts = exported.length ? exported : fromReport;
  const segments = texts.filter((a) => a.part && a.part !== 'title' && a.text).map((a) => makeSegment(a.key, 'recommendation', a.text));
  for (const a of texts) if (!byKey.has(a.key)) byKey.set(a.key, a);
  return { byBookmark, segments, byKey };
}

function keyFromInfo(info: AnchorInfo): DocxAnchorKey {
  const part = info.part;
  let docxPart: DocxPart | undefined;
  if (part === 'title' || part === 'principle' || part === 'rationale') docxPart = { kind: part };
  else if (part?.startsWith('variant/')) docxPart = { kind: 'variant', system: part.slice(8) };
  else if (part?.startsWith('example/')) docxPart = { kind: 'example', jurisdiction: part.slice(8).split('/')[0], index: Number(part.split('/')[2]) || undefined };
  else if (part?.startsWith('footnote/')) docxPart = { kind: 'footnote', label: part.slice(9) };
  return { scope: info.scope, id: info.id, part: docxPart };
}

export interface Placed {
  anchor: string;
  part?: string;
  how: 'bookmark' | 'aligned' | 'position' | 'none';
}

/** The recommendation (or section) and part a place in the DOCX belongs to. */
export function placeOf(place: DocxPlace, table: AnchorTable): Placed {
  const known = place.bookmarks.map((b) => table.byBookmark.get(b)).filter((a): a is AnchorInfo => Boolean(a));
  const innermost = known[known.length - 1];
  if (innermost && (innermost.part || innermost.scope === 'section')) return { anchor: innermost.id, part: innermost.part, how: 'bookmark' };
  const align = (segments: Segment[]): AnchorInfo | undefined => {
    if (!place.paragraph.trim()) return undefined;
    // The paragraph holds the part's text plus what the export put around it (a label such as
    // "Example (JP): "), or a part of several paragraphs holds the paragraph: letters only, as
    // for PDFs, so it works for scripts written without spaces too.
    const needle = letters(place.paragraph);
    const contained = segments
      .filter((s) => s.letters.length >= 8 && (needle.includes(s.letters) || (needle.length >= 12 && s.letters.includes(needle))))
      .sort((a, b) => b.letters.length - a.letters.length)[0];
    if (contained) return table.byKey.get(contained.anchor);
    const found = placePassage(place.paragraph, segments);
    return found.how === 'none' ? undefined : table.byKey.get(found.anchor);
  };
  if (innermost) {
    // Inside a recommendation whose part bookmark is gone: which of its parts is this paragraph?
    const part = align(table.segments.filter((s) => s.anchor.startsWith(`${innermost.key}.`)));
    return { anchor: innermost.id, part: part?.part, how: part ? 'aligned' : 'bookmark' };
  }
  const aligned = align(table.segments);
  if (aligned) return { anchor: aligned.id, part: aligned.part, how: 'aligned' };
  const before = place.previous.map((b) => table.byBookmark.get(b)).filter((a): a is AnchorInfo => Boolean(a));
  const last = before[before.length - 1];
  if (last) return { anchor: last.id, part: last.scope === 'section' ? undefined : last.part, how: 'position' };
  return { anchor: '', how: 'none' };
}

/** Refuses a DOCX exported from another report, unless the user named the report. */
export function checkSameReport(report: Report, read: DocxRead, table: AnchorTable, shown: string, named: boolean): void {
  if (named) return;
  const map = read.map;
  const recognised = [...read.bookmarks].some((b) => {
    const a = table.byBookmark.get(b);
    return a && (report.recommendations.some((r) => r.id === a.id) || report.headings.some((h) => h.slug === a.id));
  });
  if (map) {
    const sameSlug = map.report === report.slug;
    const sameTitle = (map.title ?? '').trim().toLowerCase() === report.meta.title.trim().toLowerCase();
    if (!sameSlug && !sameTitle) {
      throw new UserError(`${shown}: this DOCX was exported from another report ("${map.title ?? '?'}", ${map.report ?? '?'}), not ${report.slug} ("${report.meta.title}"); pass --report ${report.slug} to import it anyway`);
    }
  } else if (!recognised) {
    throw new UserError(`${shown}: this DOCX carries none of the bookmarks of ${report.slug} (it was not exported by \`rapporteur build --format docx\` from this report); pass --report ${report.slug} to import it anyway`);
  }
}

/** Picks the report a DOCX belongs to: the one its id map names, or the only one. */
export function reportForDocx(reports: Report[], read: DocxRead, shown: string): Report {
  const bySlug = reports.find((r) => r.slug === read.map?.report);
  if (bySlug) return bySlug;
  const title = (read.map?.title ?? read.title ?? '').trim().toLowerCase();
  const byTitle = reports.filter((r) => title && r.meta.title.trim().toLowerCase() === title);
  if (byTitle.length === 1) return byTitle[0];
  if (reports.length === 1) return reports[0];
  throw new UserError(`${shown}: cannot tell which report this DOCX is a draft of; name it with --report <slug> (${reports.map((r) => r.slug).join(', ')})`);
}

export async function readDocxFile(file: string, shown: string): Promise<DocxRead> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'EISDIR' ? `${shown}: is a folder, not a file` : code === 'EACCES' ? `${shown}: permission denied` : `${shown}: no such file`);
  }
  try {
    return readDocx(bytes);
  } catch (error) {
    if (error instanceof DocxReadError) throw new UserError(`${shown}: ${error.message}`);
    throw error;
  }
}

function hash(parts: Array<string | undefined>): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 10);
}

export interface DocxImported {
  comment: LedgerComment;
  how: Placed['how'];
  state: 'added' | 'updated' | 'same';
}

export interface DocxImportOutcome {
  ledger: string;
  comments: DocxImported[];
  added: number;
  updated: number;
  unchanged: number;
}

/** The fields an import may change on an entry it finds again (never the rapporteur's decision or status once resolved). */
const REFRESHED: Array<keyof LedgerComment> = ['text', 'quote', 'new', 'after', 'note', 'to'];

export async function importDocx(report: Report, read: DocxRead, docxFile: string, options: { author?: string; named?: boolean; shown?: string } = {}): Promise<DocxImportOutcome> {
  const table = anchorTable(report, read);
  checkSameReport(report, read, table, options.shown ?? docxFile, options.named ?? false);
  const existing = await readLedger(report);
  if (existing.problems.length > 0) throw new UserError(`the comments ledger of ${report.slug} has errors; fix them before importing`, { problems: existing.problems });
  const known = new Map(existing.entries.map((e) => [e.id, e]));
  const ledgerAbs = ledgerFileFor(report, docxFile, '.docx');
  const ledger = toPosix(path.relative(report.root, ledgerAbs));

  const ids = new Map<DocxRemark, string>();
  const used = new Set<string>();
  const placed = new Map<DocxRemark, Placed>();
  for (const remark of read.remarks) placed.set(remark, placeOf(remark.place, table));
  const byDocxId = new Map(read.remarks.filter((r) => r.kind === 'comment').map((r) => [r.docxId, r]));
  for (const remark of read.remarks) {
    const where = placed.get(remark) as Placed;
    // Word renumbers w:id on every save; what stays is the durable id (Word 2016+), or the
    // author and the moment of the remark. Text is left out so an edited remark keeps its id.
    const material =
      remark.kind === 'comment'
        ? remark.durable
          ? ['durable', remark.durable, remark.author]
          : ['comment', remark.author, remark.date, where.anchor, where.part, remark.date ? '' : remark.quote]
        : [remark.kind, remark.author, remark.date, where.anchor, where.part, remark.old ?? remark.quote, (remark.before ?? '').slice(-24)];
    const base = `docx-${hash(material)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(remark, id);
  }

  const outcome: DocxImportOutcome = { ledger, comments: [], added: 0, updated: 0, unchanged: 0 };
  const fresh: LedgerComment[] = [];
  const updates = new Map<string, Map<string, Partial<LedgerComment>>>();
  for (const remark of read.remarks) {
    const id = ids.get(remark) as string;
    let where = placed.get(remark) as Placed;
    const parent = remark.parent ? byDocxId.get(remark.parent) : undefined;
    if (parent && (where.how === 'none' || !remark.quote)) where = placed.get(parent) as Placed;
    const others = [...new Set(remark.also.map((p) => placeOf(p, table)).filter((p) => p.anchor && p.anchor !== where.anchor).map((p) => p.anchor))];
    const to = remark.to ? placeOf(remark.to, table) : undefined;
    const comment: LedgerComment = {
      id,
      author: options.author || remark.author,
      date: remark.date,
      status: remark.done ? 'resolved' : 'open',
      anchor: where.anchor,
      part: where.part,
      text: remark.text,
      quote: remark.quote || undefined,
      kind: remark.kind,
      re: parent ? ids.get(parent) : undefined,
      old: remark.kind === 'comment' || remark.kind === 'format' ? undefined : remark.old,
      new: remark.kind === 'comment' || remark.kind === 'format' ? undefined : remark.new,
      before: remark.before || undefined,
      after: remark.after || undefined,
      to: to && to.anchor ? (to.part ? `${to.anchor}/${to.part}` : to.anchor) : undefined,
      note: others.length ? `the range also covers ${others.join(', ')}` : undefined,
    };
    const before = known.get(id);
    if (!before) {
      fresh.push(comment);
      known.set(id, { ...comment, source: 'docx', file: ledger, absFile: ledgerAbs, line: 0, endLine: 0 });
      outcome.comments.push({ comment, how: where.how, state: 'added' });
      continue;
    }
    const changed: Partial<LedgerComment> = {};
    for (const field of REFRESHED) {
      if ((before[field] || undefined) !== (comment[field] || undefined)) (changed as Record<string, unknown>)[field] = comment[field];
    }
    // A thread resolved in Word since the last import.
    if (comment.status === 'resolved' && before.status !== 'resolved') changed.status = 'resolved';
    if (Object.keys(changed).length > 0 && before.absFile) {
      const perFile = updates.get(before.absFile) ?? new Map();
      perFile.set(id, changed);
      updates.set(before.absFile, perFile);
      outcome.comments.push({ comment, how: where.how, state: 'updated' });
    } else outcome.comments.push({ comment, how: where.how, state: 'same' });
  }
  outcome.added = fresh.length;
  outcome.updated = outcome.comments.filter((c) => c.state === 'updated').length;
  outcome.unchanged = outcome.comments.filter((c) => c.state === 'same').length;
  for (const [absFile, perFile] of updates) await updateLedgerEntries(absFile, perFile);
  if (fresh.length > 0) await appendToLedger(ledgerAbs, path.basename(docxFile), fresh, 'docx');
  return outcome;
}
