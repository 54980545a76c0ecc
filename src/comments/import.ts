import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../model/reader.js';
import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';
import { placePassage, renderedSegments, type Segment } from './anchor.js';
import { appendToLedger, ledgerDir, readLedger, updateLedgerEntries, type LedgerComment } from './ledger.js';
import { PdfReadError, readPdfAnnotations, type PdfAnnotation, type PdfRead } from './pdf.js';

export interface ImportedComment {
  comment: LedgerComment;
  how: 'exact' | 'fuzzy' | 'position' | 'none';
  added: boolean;
  /** Already imported, and its note was edited since: the entry was updated. */
  updated?: boolean;
}

export interface ImportOutcome {
  /** Workspace-relative ledger file written (or that would have been written). */
  ledger: string;
  comments: ImportedComment[];
  added: number;
  skipped: number;
  updated: number;
}

/** The ledger file for a PDF: one per imported file name, so a re-import lands in the same place. */
export function ledgerFileFor(report: Report, pdfFile: string, suffix = ''): string {
  const base = path.basename(pdfFile, path.extname(pdfFile)).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return path.join(ledgerDir(report), `${base || 'review'}${suffix}.yaml`);
}

export async function readPdfFile(pdfFile: string, shown: string): Promise<PdfRead> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(pdfFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'EISDIR' ? `${shown}: is a folder, not a PDF file` : code === 'EACCES' ? `${shown}: permission denied` : `${shown}: no such file`);
  }
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) throw new UserError(`${shown}: not a PDF file (it does not start with %PDF-)`);
  try {
    return await readPdfAnnotations(bytes);
  } catch (error) {
    if (error instanceof PdfReadError) throw new UserError(`${shown}: ${error.message}`);
    throw error;
  }
}

/**
 * Imports a reviewer's PDF annotations into the report's ledger. Each annotation has a stable id
 * (see PdfAnnotation.id), so importing the same PDF again adds nothing; report.md is
 * never touched.
 */
export async function importPdf(report: Report, pdf: PdfRead, pdfFile: string, options: { author?: string; today?: string } = {}): Promise<ImportOutcome> {
  const segments = renderedSegments(report);
  const existing = await readLedger(report);
  // A ledger that does not validate would hide what was imported before: re-importing could duplicate it.
  if (existing.problems.length > 0) throw new UserError(`the comments ledger of ${report.slug} has errors; fix them before importing`, { problems: existing.problems });
  const known = new Map(existing.entries.map((e) => [e.id, e]));
  const ledgerAbs = ledgerFileFor(report, pdfFile);
  const ledger = toPosix(path.relative(report.root, ledgerAbs));
  const anchors = new Set([...report.recommendations.map((r) => r.id), ...report.headings.map((h) => h.slug)].filter(Boolean));
  const outcome: ImportOutcome = { ledger, comments: [], added: 0, skipped: 0, updated: 0 };
  const fresh: LedgerComment[] = [];
  const updates = new Map<string, Map<string, Partial<LedgerComment>>>();
  const placed = new Map<string, string>();
  // Ids: the annotation's own name, author and page (or its position without a name), not the
  // note (an edited note is the same remark); an entry that an earlier version imported under
  // an older id keeps it; two annotations with the same id get a counter. Ids are kept per
  // annotation object: two annotations with one id must not share the ledger id given last.
  const ledgerIds = new Map<PdfAnnotation, string>();
  const byOwnId = new Map<string, string>();
  const used = new Set<string>();
  for (const annotation of pdf.annotations) {
    let id = [annotation.id, ...annotation.formerIds].find((candidate) => known.has(candidate) && !used.has(candidate)) ?? annotation.id;
    for (let n = 2; used.has(id); n++) id = `${annotation.id}-${n}`;
    used.add(id);
    ledgerIds.set(annotation, id);
    if (!byOwnId.has(annotation.id)) byOwnId.set(annotation.id, id);
  }
  for (const annotation of pdf.annotations) {
    const id = ledgerIds.get(annotation) as string;
    const re = annotation.re ? byOwnId.get(annotation.re) : undefined;
    let { anchor, how } = place(annotation, segments, pdf, anchors);
    // A reply with nothing of its own to place belongs with the comment it answers.
    if (re && placed.has(re) && (how === 'none' || annotation.kind === 'note')) {
      anchor = placed.get(re) as string;
      how = how === 'none' ? 'position' : how;
    }
    placed.set(id, anchor);
    const comment: LedgerComment = {
      id,
      author: options.author || annotation.author,
      date: annotation.date ?? options.today,
      status: 'open',
      anchor,
      text: annotation.kind === 'replacement' ? '' : annotation.contents,
      quote: annotation.marked || undefined,
      page: annotation.page,
      kind: annotation.kind,
      re,
      old: annotation.old,
      new: annotation.new,
    };
    const before = known.get(id);
    if (!before) {
      known.set(id, { ...comment, source: 'pdf', file: ledger, absFile: ledgerAbs, line: 0, endLine: 0 });
      fresh.push(comment);
      outcome.comments.push({ comment, how, added: true });
      continue;
    }
    // The same remark re-sent with an edited note: update the entry instead of adding a second one.
    const changed: Partial<LedgerComment> = {};
    if ((before.text || '') !== (comment.text || '')) changed.text = comment.text;
    if ((before.new || '') !== (comment.new || '')) changed.new = comment.new;
    if (Object.keys(changed).length > 0 && before.absFile) {
      const perFile = updates.get(before.absFile) ?? new Map();
      perFile.set(id, changed);
      updates.set(before.absFile, perFile);
      outcome.updated++;
      outcome.comments.push({ comment, how, added: false, updated: true });
    } else outcome.comments.push({ comment, how, added: false });
  }
  outcome.added = fresh.length;
  outcome.skipped = outcome.comments.length - fresh.length - outcome.updated;
  for (const [absFile, perFile] of updates) await updateLedgerEntries(absFile, perFile);
  if (fresh.length > 0) await appendToLedger(ledgerAbs, path.basename(pdfFile), fresh);
  return outcome;
}

function place(annotation: PdfAnnotation, segments: Segment[], pdf: PdfRead, anchors: Set<string>): { anchor: string; how: ImportedComment['how'] } {
  const attempts = annotation.marked ? [annotation.marked, annotation.nearby] : [annotation.nearest, annotation.nearby];
  const byPosition = lastDestinationBefore(annotation, pdf, anchors);
  for (const passage of attempts) {
    const placement = placePassage(passage, segments);
    if (placement.how === 'none') continue;
    // The same words in several places: the PDF's own anchors say which one was marked.
    if (placement.candidates && placement.candidates.length > 1 && byPosition && placement.candidates.includes(byPosition)) {
      return { anchor: byPosition, how: 'exact' };
    }
    return { anchor: placement.anchor, how: placement.how };
  }
  return byPosition ? { anchor: byPosition, how: 'position' } : { anchor: '', how: 'none' };
}

/**
 * Rapporteur's HTML gives every recommendation and section an id, and Chromium keeps the linked
 * ones as named destinations: the last one above the annotation is where it stands.
 */
function lastDestinationBefore(annotation: PdfAnnotation, pdf: PdfRead, anchors: Set<string>): string | undefined {
  let best: { name: string; page: number; y: number } | undefined;
  const top = annotation.rect[3];
  for (const [name, dest] of pdf.destinations) {
    if (!anchors.has(name)) continue;
    const before = dest.page < annotation.page || (dest.page === annotation.page && dest.y >= top - 2);
    if (!before) continue;
    if (!best || dest.page > best.page || (dest.page === best.page && dest.y < best.y)) best = { name, ...dest };
  }
  return best?.name;
}

/** Picks the report a PDF belongs to when the user did not say: the only one, or the one whose title the PDF carries. */
export function reportForPdf(reports: Report[], pdf: PdfRead, shown: string, named = false): Report {
  const title = (pdf.title ?? '').toLowerCase();
  if (reports.length === 1) {
    // The only report, unless the PDF says it is another one (its title names another report).
    const only = reports[0];
    if (!named && title.trim() && !title.includes(only.meta.title.toLowerCase())) {
      throw new UserError(`${shown}: this PDF is titled "${pdf.title}", not "${only.meta.title}" (${only.slug}); it looks like a draft of another report; pass --report ${only.slug} to import it anyway`);
    }
    return only;
  }
  const matches = reports.filter((r) => title && title.includes(r.meta.title.toLowerCase()));
  if (matches.length === 1) return matches[0];
  throw new UserError(`${shown}: cannot tell which report this PDF is a draft of; name it with --report <slug> (${reports.map((r) => r.slug).join(', ')})`);
}
