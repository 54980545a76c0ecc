import { systemName, ui } from '../i18n/ui.js';
import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';

export const FULL = 'full';

/** Every edition a report has: the full one, then one per legal system. */
export function editionsOf(report: Report): string[] {
  return [FULL, ...report.meta.systems];
}

/** Expands `--edition` (full, a system, or all) for one report. */
export function selectEditions(report: Report, requested: string[]): string[] {
  const available = editionsOf(report);
  const result = new Set<string>();
  for (const edition of requested) {
    if (edition === 'all') available.forEach((e) => result.add(e));
    else if (available.includes(edition)) result.add(edition);
    else throw new UserError(`${report.file}: no edition "${edition}"; this report has ${[...available, 'all'].join(', ')}`);
  }
  return [...result];
}

export function editionLabel(edition: string, lang = 'en'): string {
  if (edition === FULL) return ui(lang, 'fullEdition');
  return ui(lang, 'systemEdition', { system: lang.startsWith('en') ? systemLabel(edition) : systemName(lang, edition) });
}

/** "civil-law" → "Civil-law", the way a variant is labelled. */
export function systemLabel(system: string): string {
  return system.charAt(0).toUpperCase() + system.slice(1);
}

/** `<slug>[-<edition>][.<lang>].<ext>`: a translated edition carries its language before the extension. */
export function outputName(slug: string, edition: string, ext: string, lang?: string): string {
  return `${edition === FULL ? slug : `${slug}-${edition}`}${lang ? `.${lang}` : ''}.${ext}`;
}
