import type { Command } from 'commander';
import path from 'node:path';
import type { Report } from '../../model/types.js';
import { UserError, isError } from '../../util/problems.js';
import { printProblems, resolveOut, targetsFrom, type Io } from '../shared.js';
import { readFileSync } from 'node:fs';

async function loadOne(args: string[], io: Io): Promise<{ report: Report; root: string }> {
  const { root, targets } = await targetsFrom(args, io);
  if (targets.length !== 1) throw new UserError(`name one report (found ${targets.length}: ${targets.map((t) => t.slug).join(', ')})`);
  const { loadReport } = await import('../../model/load.js');
  const loaded = await loadReport(targets[0]);
  const errors = loaded.problems.filter(isError);
  if (!loaded.report || errors.length) {
    printProblems(errors, io);
    throw new UserError(`${targets[0].slug} has errors in the source (see above)`);
  }
  return { report: loaded.report, root };
}

export function registerTranslate(program: Command, io: Io, _setExit: (code: number) => void): void {
  const translate = program
    .command('translate')
    .description('extract a report for translation (XLIFF 2.1 or PO) and import the translated file')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur translate extract access-to-evidence --lang ja     units to translate, keyed by recommendation id
  $ rapporteur translate import access-to-evidence.ja.xlf          check and store the translated file
  $ rapporteur build access-to-evidence --lang ja                  the Japanese edition`,
    );

  translate
    .command('extract')
    .description('write the units of a report to translate, keyed by recommendation id; keeps earlier translations')
    .argument('[report]', 'report slug or path (default: the only report)')
    .requiredOption('-l, --lang <lang>', 'the language to translate into (ja, ko, zh-Hans, zh-Hant, fr, de, es…)')
    .option('-f, --format <format>', 'xliff or po', 'xliff')
    .option('-o, --out <file>', 'file to write (default: <out>/<slug>/translations/<slug>.<lang>.xlf)')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur translate extract access-to-evidence --lang ja
  $ rapporteur translate extract access-to-evidence --lang ko --format po -o ko.po`,
    )
    .action(async (report: string | undefined, options: { lang: string; format: string; out?: string }) => {
      if (options.format !== 'xliff' && options.format !== 'po') throw new UserError(`--format: unknown format "${options.format}" (use xliff or po)`);
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const [{ extractTranslation, canonicalLang }, { loadConfig }] = await Promise.all([import('../../i18n/workflow.js'), import('../../config.js')]);
      const { report: loaded, root } = await loadOne(report ? [report] : [], io);
      const lang = canonicalLang(options.lang);
      const ext = options.format === 'xliff' ? 'xlf' : 'po';
      const out = resolveOut(path.resolve(root, loadConfig(root).config.out), root, io.cwd);
      const file = options.out ? path.resolve(io.cwd, options.out) : path.join(out, loaded.slug, 'translations', `${loaded.slug}.${lang}.${ext}`);
      const outcome = await extractTranslation(loaded, { lang, format: options.format, file });
      io.out(`${path.relative(io.cwd, outcome.file)}  ${outcome.units} units, ${outcome.kept} with a translation kept${outcome.changed.length ? `, ${outcome.changed.length} changed since translated (marked for review): ${outcome.changed.join(', ')}` : ''}`);
    });

  translate
    .command('import')
    .description('check a translated XLIFF or PO file and store it under reports/<slug>/translations/')
    .argument('<file>', 'the translated .xlf or .po file')
    .option('-l, --lang <lang>', 'refuse the file unless it translates into this language')
    .option('-r, --report <report>', 'the report it translates (default: the one the file names)')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur translate import access-to-evidence.ja.xlf
  $ rapporteur translate import ko.po --lang ko`,
    )
    .action(async (file: string, options: { lang?: string; report?: string }) => {
      const [{ importTranslation, summary }, { formatOf, parseTranslation }] = await Promise.all([import('../../i18n/workflow.js'), import('../../i18n/formats.js')]);
      const absolute = path.resolve(io.cwd, file);
      let named = options.report;
      if (!named) {
        const format = formatOf(absolute);
        if (format) {
          try {
            named = parseTranslation(readFileSync(absolute, 'utf8'), format).report || undefined;
          } catch {
            named = undefined; // importTranslation reports the problem with its line
          }
        }
      }
      const { report } = await loadOne(named ? [named] : [], io);
      const outcome = await importTranslation(report, absolute, { lang: options.lang });
      io.out(`${path.relative(io.cwd, outcome.stored)}  ${outcome.lang}: ${summary(outcome.comparison)}`);
    });
}
