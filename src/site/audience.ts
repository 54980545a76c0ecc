import type { FrontMatter } from '../model/frontmatter.js';

export const AUDIENCES = ['public', 'working-group'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface AudienceRules {
  audience: Audience;
  /** Public site only: also publish earlier versions of a now-public report (config `site.publicDrafts`). */
  publicDrafts: boolean;
}

/** A version the public may read: final and public. */
export function isPublished(meta: Pick<FrontMatter, 'status' | 'confidentiality'>): boolean {
  return meta.status === 'final' && meta.confidentiality === 'public';
}

/**
 * Which tagged versions of one report a site holds (oldest first in, same order out).
 * Public: nothing unless the newest version is final + public; then its final + public versions,
 * and, when the configuration asks, the earlier versions that were themselves marked public
 * (a `working-group` version never, whatever its status). Working group: every version.
 */
export function versionsFor<T extends { report: { meta: Pick<FrontMatter, 'status' | 'confidentiality'> } }>(versions: T[], rules: AudienceRules): T[] {
  if (rules.audience === 'working-group') return versions;
  const newest = versions[versions.length - 1];
  if (!newest || !isPublished(newest.report.meta)) return [];
  return versions.filter((v) => isPublished(v.report.meta) || (rules.publicDrafts && v.report.meta.confidentiality === 'public'));
}

/** Formats a version may be published in: a public draft's PDF carries the DRAFT watermark, so only its web edition goes out. */
export function formatsFor(meta: Pick<FrontMatter, 'status'>, formats: string[], rules: AudienceRules): string[] {
  if (rules.audience === 'public' && meta.status !== 'final') return formats.filter((f) => f === 'html');
  return formats;
}
