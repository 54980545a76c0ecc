import type { Root } from 'mdast';
import type { Report } from '../model/types.js';
import { FULL } from '../render/editions.js';
import { prepareTree } from '../render/transform.js';
import { mergeTrees, type MoveRecord } from './merge.js';
import {
  compareRecommendations, definitionChanges, footnoteChanges, frontMatterChanges,
  type DefinitionChanges, type FieldChange, type FootnoteChanges, type RecommendationChange,
} from './summary.js';

/**
 * Compares two versions of a report as a reader sees them: both go through the render
 * pipeline's Markdown steps (comments dropped first, the edition selected, numbers and
 * cross-references resolved), then the rendered trees are aligned and merged into a redline.
 */

export interface VersionInfo {
  /** Revision as named (tag, branch, commit) or "worktree". */
  revision: string;
  commit?: string;
  /** Commit date (YYYY-MM-DD), absent for the working tree. */
  commitDate?: string;
  version: string;
  status: string;
  /** Front-matter date. */
  date?: string;
}

export interface DiffSummary {
  added: string[];
  removed: string[];
  modified: string[];
  moved: string[];
  renumbered: Array<{ id: string; from: string; to: string }>;
}

export interface Comparison {
  report: string;
  from: string;
  to: string;
  edition: string;
  summary: DiffSummary;
  stats: { inserted: number; deleted: number; moved: number; blocksChanged: number };
  versions: { from: VersionInfo; to: VersionInfo };
  /** One entry per recommendation that changed in any way. */
  recommendations: RecommendationChange[];
  frontMatter: FieldChange[];
  footnotes: FootnoteChanges;
  /** Defined terms whose definition changed (by term). */
  definitions: DefinitionChanges;
  moves: MoveRecord[];
  hasChanges: boolean;
}

export interface ComparisonResult {
  comparison: Comparison;
  /** The redline as a rendered Markdown tree (ins/del/moved marks as hast hints). */
  tree: Root;
}

export function compareReports(
  before: Report,
  after: Report,
  versions: { from: VersionInfo; to: VersionInfo },
  edition: string = FULL,
): ComparisonResult {
  // The notes the merge adds ("Moved from …") are in the newer report's language, as the rest of its redline.
  const merged = mergeTrees(prepareTree(before, edition), prepareTree(after, edition), { lang: after.meta.lang });
  const movedIds = new Set(merged.moves.filter((m) => m.kind === 'recommendation' && m.id).map((m) => m.id as string));
  const all = compareRecommendations(before, after, edition, movedIds, merged.perRecommendation);
  const recommendations = all.filter((r) => r.status !== 'unchanged' || r.moved || r.renumbered || r.inserted || r.deleted);
  const frontMatter = frontMatterChanges(before, after);
  const footnotes = footnoteChanges(before, after);
  const definitions = definitionChanges(before, after);
  const summary: DiffSummary = {
    added: all.filter((r) => r.status === 'added').map((r) => r.id),
    removed: all.filter((r) => r.status === 'removed').map((r) => r.id),
    modified: all.filter((r) => r.status === 'modified').map((r) => r.id),
    moved: all.filter((r) => r.moved).map((r) => r.id),
    renumbered: all.filter((r) => r.renumbered).map((r) => ({ id: r.id, from: r.from as string, to: r.to as string })),
  };
  const hasChanges =
    merged.stats.inserted + merged.stats.deleted + merged.stats.moved > 0 ||
    frontMatter.length > 0 ||
    footnotes.added.length + footnotes.removed.length + footnotes.modified.length > 0 ||
    definitions.added.length + definitions.removed.length + definitions.modified.length > 0 ||
    summary.added.length + summary.removed.length + summary.modified.length + summary.moved.length + summary.renumbered.length > 0;
  return {
    tree: merged.tree,
    comparison: {
      report: after.slug,
      from: versions.from.revision,
      to: versions.to.revision,
      edition,
      summary,
      stats: merged.stats,
      versions,
      recommendations,
      frontMatter,
      footnotes,
      definitions,
      moves: merged.moves,
      hasChanges,
    },
  };
}

export function versionInfo(report: Report, revision: string, commit?: string, commitDate?: string): VersionInfo {
  return { revision, commit, commitDate, version: report.meta.version, status: report.meta.status, date: report.meta.date };
}
