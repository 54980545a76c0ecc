import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';
import { formatOf, parseTranslation, TranslationFileError, type TranslationFile, type TranslationUnit } from './formats.js';
import { collectUnits, type Inline, type Unit } from './units.js';

/** How one unit of the report stands in one language. */
export type UnitStatusKind = 'translated' | 'missing' | 'stale' | 'broken';

export interface UnitStatus {
  unit: Unit;
  status: UnitStatusKind;
  /** The file's entry for it, when there is one. */
  entry?: TranslationUnit;
  /** Why it is broken (placeholders that do not match). */
  problems: string[];
}

export interface Comparison {
  statuses: UnitStatus[];
  byId: Map<string, UnitStatus>;
  /** Entries whose id is no unit of the report (the source lost that part, or a typo). */
  unknown: TranslationUnit[];
}

/** The placeholders of `target` against the unit's codes: each once, of the same kind, none invented. */
export function placeholderProblems(unit: Unit, target: Inline[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const walk = (inline: Inline[]) => {
    for (const part of inline) {
      if (typeof part === 'string') continue;
      seen.set(part.id, (seen.get(part.id) ?? 0) + 1);
      const code = unit.codes.get(part.id);
      const written = part.kind === 'ph' ? `<${part.id}/>` : `<${part.id}>…</${part.id}>`;
      if (!code) problems.push(`placeholder ${written} is not in the source`);
      else if (code.kind !== part.kind) problems.push(`placeholder ${written} should be ${code.kind === 'ph' ? `<${code.id}/>` : `<${code.id}>…</${code.id}>`} (${code.disp})`);
      if (part.kind === 'pc') walk(part.children);
    }
  };
  walk(target);
  for (const code of unit.codes.values()) {
    const count = seen.get(code.id) ?? 0;
    const written = code.kind === 'ph' ? `<${code.id}/>` : `<${code.id}>…</${code.id}>`;
    if (count === 0) problems.push(`placeholder ${written} (${code.disp}) is missing from the translation`);
    if (count > 1) problems.push(`placeholder ${written} (${code.disp}) appears ${count} times`);
  }
  return problems;
}

export function compare(units: Unit[], file: TranslationFile): Comparison {
  const entries = new Map(file.units.map((entry) => [entry.id, entry]));
  const ids = new Set(units.map((unit) => unit.id));
  const statuses = units.map((unit): UnitStatus => {
    const entry = entries.get(unit.id);
    if (!entry?.target) return { unit, status: 'missing', entry, problems: [] };
    const problems = placeholderProblems(unit, entry.target);
    if (problems.length) return { unit, status: 'broken', entry, problems };
    // A changed source, or a target the last extraction marked for review.
    if (entry.hash !== unit.hash || entry.state === 'initial') return { unit, status: 'stale', entry, problems: [] };
    return { unit, status: 'translated', entry, problems: [] };
  });
  return { statuses, byId: new Map(statuses.map((s) => [s.unit.id, s])), unknown: file.units.filter((entry) => !ids.has(entry.id)) };
}

export function translationsDir(report: Report): string {
  return path.join(report.dir, 'translations');
}

/** The stored translation of a report for `lang`: `translations/<lang>.xlf`, else `.po`. */
export function storedTranslation(report: Report, lang: string): string | undefined {
  for (const ext of ['xlf', 'po']) {
    const file = path.join(translationsDir(report), `${lang}.${ext}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Languages with a stored translation, sorted. */
export function storedLanguages(report: Report): string[] {
  const dir = translationsDir(report);
  if (!existsSync(dir)) return [];
  const langs = readdirSync(dir)
    .map((name) => /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(xlf|po)$/.exec(name)?.[1])
    .filter((lang): lang is string => Boolean(lang));
  return [...new Set(langs)].sort();
}

/** Reads a translation file; a problem in it is one line with file:line:column, exit 2. */
export function readTranslation(file: string, workspaceRoot: string): TranslationFile {
  const format = formatOf(file);
  const shown = path.relative(workspaceRoot, file) || file;
  if (!format) throw new UserError(`${shown}: not a translation file (use .xlf or .po)`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${shown}: cannot read the file`);
  }
  try {
    return parseTranslation(text, format);
  } catch (error) {
    if (error instanceof TranslationFileError) throw new UserError(`${shown}:${error.line}:${error.column}: ${error.message}`);
    throw error;
  }
}

export interface LanguageState {
  lang: string;
  file: string;
  translation: TranslationFile;
  comparison: Comparison;
}

/** The stored translation for `lang` compared with the report as it is now, or undefined when there is none. */
export function languageState(report: Report, lang: string): LanguageState | undefined {
  const file = storedTranslation(report, lang);
  if (!file) return undefined;
  const translation = readTranslation(file, report.root);
  return { lang, file, translation, comparison: compare(collectUnits(report), translation) };
}
