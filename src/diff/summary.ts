import type { RecommendationItem, Report } from '../model/types.js';
import { systemName, ui, type UiKey } from '../i18n/ui.js';
import { FULL, systemLabel } from '../render/editions.js';

/**
 * What changed, read from the two Report models (never from source text): recommendations by id,
 * the parts of each, front matter fields and footnote texts.
 */

export interface RecommendationChange {
  id: string;
  title: string;
  /** Number before (absent when added). */
  from?: string;
  /** Number after (absent when removed). */
  to?: string;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  moved: boolean;
  renumbered: boolean;
  /** Parts that changed: title, principle, variant:<system>, examples, rationale, topic. */
  parts: string[];
  inserted: number;
  deleted: number;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface FootnoteChanges {
  added: string[];
  removed: string[];
  modified: string[];
}

const FRONT_FIELDS = ['title', 'subtitle', 'version', 'status', 'date', 'dialogue', 'confidentiality', 'systems', 'rapporteurs', 'chapters'];

export function frontMatterChanges(before: Report, after: Report): FieldChange[] {
  const changes: FieldChange[] = [];
  const a = before.meta as Record<string, unknown>;
  const b = after.meta as Record<string, unknown>;
  for (const field of FRONT_FIELDS) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) changes.push({ field, from: a[field], to: b[field] });
  }
  return changes;
}

function footnoteMap(report: Report): Map<string, string> {
  return new Map(report.footnotes.map((f) => [`${f.source.file}#${f.label}`, f.text]));
}

/** Defined terms whose definition was added, removed or reworded (by term, case and spacing aside). */
export interface DefinitionChanges {
  added: string[];
  removed: string[];
  modified: string[];
}

function definitionMap(report: Report): Map<string, { term: string; text: string }> {
  const map = new Map<string, { term: string; text: string }>();
  for (const d of report.definitions) if (d.key && !map.has(d.key)) map.set(d.key, { term: d.term, text: d.text });
  return map;
}

export function definitionChanges(before: Report, after: Report): DefinitionChanges {
  const a = definitionMap(before);
  const b = definitionMap(after);
  const result: DefinitionChanges = { added: [], removed: [], modified: [] };
  for (const [key, now] of b) {
    const was = a.get(key);
    if (!was) result.added.push(now.term);
    else if (was.text !== now.text) result.modified.push(now.term);
  }
  for (const [key, was] of a) if (!b.has(key)) result.removed.push(was.term);
  return result;
}

export function footnoteChanges(before: Report, after: Report): FootnoteChanges {
  const a = footnoteMap(before);
  const b = footnoteMap(after);
  const result: FootnoteChanges = { added: [], removed: [], modified: [] };
  for (const [key, text] of b) {
    if (!a.has(key)) result.added.push(key);
    else if (a.get(key) !== text) result.modified.push(key);
  }
  for (const key of a.keys()) if (!b.has(key)) result.removed.push(key);
  return result;
}

function examplesText(rec: RecommendationItem, edition: string): string[] {
  return rec.examples
    .filter((e) => edition === FULL || !e.withinSystem || e.withinSystem === edition)
    .map((e) => `${e.jurisdiction}\u0000${e.text}`);
}

/** The parts of a recommendation whose rendered words differ (for one edition). */
export function changedParts(before: RecommendationItem, after: RecommendationItem, edition: string): string[] {
  const parts: string[] = [];
  if (before.title !== after.title) parts.push('title');
  if (before.principle !== after.principle) parts.push('principle');
  const systems = new Set([...before.variants, ...after.variants].map((v) => v.system));
  for (const system of systems) {
    if (edition !== FULL && system !== edition) continue;
    const a = before.variants.filter((v) => v.system === system).map((v) => v.text).join('\n');
    const b = after.variants.filter((v) => v.system === system).map((v) => v.text).join('\n');
    if (a !== b) parts.push(`variant:${system}`);
  }
  if (JSON.stringify(examplesText(before, edition)) !== JSON.stringify(examplesText(after, edition))) parts.push('examples');
  if (JSON.stringify(before.rationale.map((r) => r.text)) !== JSON.stringify(after.rationale.map((r) => r.text))) parts.push('rationale');
  if ((before.topic ?? '') !== (after.topic ?? '')) parts.push('topic');
  if (before.uniform !== after.uniform) parts.push('uniform');
  return parts;
}

const PART_KEYS: Record<string, UiKey> = {
  title: 'partTitle',
  principle: 'partPrinciple',
  examples: 'partExamples',
  rationale: 'partRationale',
  topic: 'partTopic',
  uniform: 'partUniform',
};

/** "Civil-law variant, principle": the changed parts in words, in `lang` (English by default: the site's change log). */
export function describeParts(parts: string[], lang = 'en'): string {
  return parts
    .map((p) => {
      if (p.startsWith('variant:')) {
        const system = p.slice(8);
        // English keeps the slug's own capitalised form ("Civil-law variant"), as before the table had these words.
        return ui(lang, 'partVariant', { system: lang.startsWith('en') ? systemLabel(system) : systemName(lang, system) });
      }
      const key = PART_KEYS[p];
      return key ? ui(lang, key) : p;
    })
    .join(ui(lang, 'listSeparator'));
}

export function compareRecommendations(
  before: Report,
  after: Report,
  edition: string,
  moved: Set<string>,
  words: Map<string, { inserted: number; deleted: number }>,
): RecommendationChange[] {
  const old = new Map(before.recommendations.filter((r) => r.id).map((r) => [r.id, r]));
  const now = new Map(after.recommendations.filter((r) => r.id).map((r) => [r.id, r]));
  const result: RecommendationChange[] = [];
  const counts = (id: string) => words.get(id) ?? { inserted: 0, deleted: 0 };
  for (const rec of after.recommendations) {
    if (!rec.id) continue;
    const was = old.get(rec.id);
    if (!was) {
      result.push({ id: rec.id, title: rec.title, to: rec.number, status: 'added', moved: false, renumbered: false, parts: [], ...counts(rec.id) });
      continue;
    }
    const parts = changedParts(was, rec, edition);
    result.push({
      id: rec.id,
      title: rec.title,
      from: was.number,
      to: rec.number,
      status: parts.length ? 'modified' : 'unchanged',
      moved: moved.has(rec.id),
      renumbered: was.number !== rec.number,
      parts,
      ...counts(rec.id),
    });
  }
  for (const rec of before.recommendations) {
    if (!rec.id || now.has(rec.id)) continue;
    result.push({ id: rec.id, title: rec.title, from: rec.number, status: 'removed', moved: false, renumbered: false, parts: [], ...counts(rec.id) });
  }
  return result;
}
