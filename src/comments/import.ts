import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../model/reader.js';
import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';
import { placePassage, renderedSegments, type Segment } from './anchor.js';
import { appendToLedger, ledgerDir, readLedger, type LedgerComment } from './ledger.js';
import { PdfReadError, readPdfAnnotations, type PdfAnnotation, type PdfRead } from './pdf.js';

export interface ImportedComment {
  comment: LedgerComment;
  how: 'exact' | 'fuzzy' | 'position' | 'none';
  added: boolean;
}

export interface ImportOutcome {
  /** Workspace-relative ledger file written (or that would have been written). */
  ledger: string;
  comments: ImportedComment[];
  added: number;
  skipped: number;
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
 * (page, kind, rectangle, note), so importing the same PDF again adds nothing; report.md is
 * never touched.
 */
export async function importPdf(report: Report, pdf: PdfRead, pdfFile: string, options: { author?: string; today?: string } = {}): Promise<ImportOutcome> {
  const segments = renderedSegments(report);
  const existing = await readLedger(report);
  // A ledger that does not validate would hide what was imported before: re-importing could duplicate it.
  if (existing.problems.length > 0) throw new UserError(`the comments ledger of ${report.slug} has errors; fix them before importing`, { problems: existing.problems });
  const known = new Set(existing.entries.map((e) => e.id));
  const ledgerAbs = ledgerFileFor(report, pdfFile);
  const ledger = toPosix(path.relative(report.root, ledgerAbs));
  const anchors = new Set([...report.recommendations.map((r) => r.id), ...report.headings.map((h) => h.slug)].filter(Boolean));
  const outcome: ImportOutcome = { ledger, comments: [], added: 0, skipped: 0 };
  const fresh: LedgerComment[] = [];
  const placed = new Map<string, string>();
  for (const annotation of pdf.annotations) {
    let { anchor, how } = place(annotation, segments, pdf, anchors);
    // A reply with nothing of its own to place belongs with the comment it answers.
    if (annotation.re && placed.has(annotation.re) && (how === 'none' || annotation.kind === 'note')) {
      anchor = placed.get(annotation.re) as string;
      how = how === 'none' ? 'position' : how;
    }
    placed.set(annotation.id, anchor);
    const comment: LedgerComment = {
      id: annotation.id,
      author: options.author || annotation.author,
      date: annotation.date ?? options.today,
      status: 'open',
      anchor,
      text: annotation.contents,
      quote: annotation.marked || undefined,
      page: annotation.page,
      kind: annotation.kind,
      re: annotation.re,
    };
    const added = !known.has(annotation.id);
    if (added) {
      known.add(annotation.id);
      fresh.push(comment);
    }
    outcome.comments.push({ comment, how, added });
  }
  outcome.added = fresh.length;
  outcome.skipped = outcome.comments.length - fresh.length;
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
export function reportForPdf(reports: Report[], pdf: PdfRead, shown: string): Report {
  if (reports.length === 1) return reports[0];
  const title = (pdf.title ?? '').toLowerCase();
  const matches = reports.filter((r) => title && title.includes(r.meta.title.toLowerCase()));
  if (matches.length === 1) return matches[0];
  throw new UserError(`${shown}: cannot tell which report this PDF is a draft of; name it with --report <slug> (${reports.map((r) => r.slug).join(', ')})`);
}
