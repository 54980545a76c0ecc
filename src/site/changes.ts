import type { Comparison } from '../diff/index.js';
import { describeParts, type RecommendationChange } from '../diff/summary.js';

/**
 * Change-log lines read from a comparison's per-recommendation summary (never from the redline's
 * text): "3.2 Restrict access: civil-law variant modified; renumbered from 3.1".
 */
export function changeOfRecommendation(change: RecommendationChange): string {
  if (change.status === 'added') return 'added';
  if (change.status === 'removed') return 'withdrawn';
  const notes: string[] = [];
  if (change.status === 'modified') notes.push(`${lowerFirst(describeParts(change.parts))} modified`);
  if (change.renumbered) notes.push(`renumbered from ${change.from}`);
  if (change.moved && !change.renumbered) notes.push('moved');
  return notes.join('; ') || 'unchanged';
}

export function changeLine(change: RecommendationChange): string {
  const number = change.status === 'removed' ? change.from : change.to;
  return `${number} ${change.title}: ${changeOfRecommendation(change)}`;
}

/** Every line of one version's entry in the change log, recommendations first in report order. */
export function changeLog(comparison: Comparison): string[] {
  const lines = comparison.recommendations.map(changeLine);
  for (const field of comparison.frontMatter) {
    if (['version', 'date', 'status', 'confidentiality', 'title', 'subtitle'].includes(field.field)) {
      lines.push(`${field.field}: ${show(field.from)} → ${show(field.to)}`);
    }
  }
  const notes = comparison.footnotes;
  const noteCount = notes.added.length + notes.removed.length + notes.modified.length;
  if (noteCount > 0) lines.push(`notes: ${notes.added.length} added, ${notes.modified.length} modified, ${notes.removed.length} removed`);
  if (lines.length === 0 && comparison.hasChanges) lines.push(`text outside the recommendations edited (${comparison.stats.inserted} words inserted, ${comparison.stats.deleted} deleted)`);
  return lines;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function lowerFirst(text: string): string {
  // "Civil-law variant, principle" reads as a sentence's end: "civil-law variant, principle".
  return text.charAt(0).toLowerCase() + text.slice(1);
}
