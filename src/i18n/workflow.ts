import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildStamp } from '../git/index.js';
import type { Report } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { UserError } from '../util/problems.js';
import { compare, placeholderProblems, readTranslation, storedTranslation, translationsDir, type Comparison } from './check.js';
import { formatOf, parseTranslation, TranslationFileError, writePo, writeXliff, type TranslationFile, type WriteInput } from './formats.js';
import { collectUnits, inlineToText } from './units.js';

/** A BCP 47 tag in its canonical form, or a clear error. */
export function canonicalLang(lang: string, flag = '--lang'): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(lang);
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  throw new UserError(`${flag}: "${lang}" is not a language tag (e.g. ja, ko, zh-Hans, fr)`);
}

export interface ExtractOptions {
  lang: string;
  format: 'xliff' | 'po';
  /** The file to write (absolute). */
  file: string;
}

export interface ExtractOutcome {
  file: string;
  units: number;
  kept: number;
  /** Units whose source changed since their translation: marked (XLIFF state initial, PO fuzzy) with the old target kept. */
  changed: string[];
}

/**
 * Writes the report's units for translation into `lang`. What an earlier extraction (the file
 * being written, else the stored translation) already has is kept: an unchanged unit keeps its
 * target and state, a changed one keeps its old target for the translator, marked for review.
 */
export async function extractTranslation(report: Report, options: ExtractOptions): Promise<ExtractOutcome> {
  const lang = canonicalLang(options.lang);
  if (lang === report.meta.lang) throw new UserError(`--lang ${lang} is the report's own language (front matter lang: ${report.meta.lang})`);
  const units = collectUnits(report);
  const earlierFile = existsSync(options.file) ? options.file : storedTranslation(report, lang);
  const earlier = earlierFile ? readTranslation(earlierFile, report.root) : undefined;
  if (earlier && earlier.trgLang !== lang) throw new UserError(`${path.relative(report.root, earlierFile!)}: translates into ${earlier.trgLang}, not ${lang}`);
  const byId = new Map(earlier?.units.map((u) => [u.id, u]) ?? []);
  const stamp = await buildStamp(report.dir, report.files.map((f) => f.absPath));
  const commit = stamp.commit ? stamp.commit.slice(0, 10) : undefined;
  const changed: string[] = [];
  let kept = 0;
  const entries: WriteInput['entries'] = units.map((unit) => {
    const old = byId.get(unit.id);
    if (!old?.target) return { unit, state: 'initial', commit };
    kept++;
    if (old.hash === unit.hash && placeholderProblems(unit, old.target).length === 0) {
      return { unit, target: old.target, state: old.state, commit: old.commit ?? commit, previousSource: old.previousSource };
    }
    changed.push(unit.id);
    return { unit, target: old.target, state: 'initial', commit, previousSource: inlineToText(old.source) };
  });
  const input: WriteInput = { srcLang: report.meta.lang, trgLang: lang, report: report.slug, original: report.file, entries };
  await writeFileAtomic(options.file, options.format === 'xliff' ? writeXliff(input) : writePo(input));
  return { file: options.file, units: units.length, kept, changed };
}

export interface ImportOutcome {
  stored: string;
  lang: string;
  comparison: Comparison;
}

/**
 * Checks a translated file against the report as it is now and stores it as
 * `reports/<slug>/translations/<lang>.xlf` (or `.po`). Refuses, naming the line, a file in the
 * wrong language, a unit the report does not have, or placeholders that do not match the source.
 */
export async function importTranslation(report: Report, file: string, options: { lang?: string } = {}): Promise<ImportOutcome> {
  const format = formatOf(file);
  const shown = path.relative(report.root, file).startsWith('..') ? file : path.relative(report.root, file);
  if (!format) throw new UserError(`${shown}: not a translation file (use .xlf or .po)`);
  let text: string;
  let translation: TranslationFile;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${shown}: cannot read the file`);
  }
  try {
    translation = parseTranslation(text, format);
  } catch (error) {
    if (error instanceof TranslationFileError) throw new UserError(`${shown}:${error.line}:${error.column}: ${error.message}`);
    throw error;
  }
  const lang = canonicalLang(translation.trgLang, `${shown}: target language`);
  if (options.lang && canonicalLang(options.lang) !== lang) throw new UserError(`${shown}:1:1: the file translates into "${lang}", not "${options.lang}" (--lang)`);
  if (translation.srcLang && canonicalLang(translation.srcLang, `${shown}: source language`) !== report.meta.lang) {
    throw new UserError(`${shown}:1:1: the file translates from "${translation.srcLang}", but ${report.file} is written in "${report.meta.lang}"`);
  }
  if (lang === report.meta.lang) throw new UserError(`${shown}:1:1: the file translates into "${lang}", the report's own language`);
  if (translation.report && translation.report !== report.slug) throw new UserError(`${shown}:1:1: the file is a translation of "${translation.report}", not of "${report.slug}"`);
  const comparison = compare(collectUnits(report), translation);
  const unknown = comparison.unknown[0];
  if (unknown) {
    const more = comparison.unknown.length > 1 ? ` (and ${comparison.unknown.length - 1} more)` : '';
    throw new UserError(`${shown}:${unknown.line}:${unknown.column}: unknown unit id "${unknown.id}": ${report.slug} has no such part${more}; extract again to see the current units`);
  }
  const broken = comparison.statuses.find((s) => s.status === 'broken');
  if (broken?.entry) throw new UserError(`${shown}:${broken.entry.line}:${broken.entry.column}: unit "${broken.unit.id}": ${broken.problems.join('; ')}`);
  const dir = translationsDir(report);
  const stored = path.join(dir, `${lang}.${format === 'xliff' ? 'xlf' : 'po'}`);
  await writeFileAtomic(stored, text);
  // One stored translation per language: the other format's file would shadow or contradict it.
  const other = path.join(dir, `${lang}.${format === 'xliff' ? 'po' : 'xlf'}`);
  if (existsSync(other)) rmSync(other);
  return { stored, lang, comparison };
}

export function summary(comparison: Comparison): string {
  const count = (status: string) => comparison.statuses.filter((s) => s.status === status).length;
  return `${count('translated')} translated, ${count('stale')} stale, ${count('missing')} missing of ${comparison.statuses.length} units`;
}
