import type { Command } from 'commander';
import path from 'node:path';
import type { RegisterFormat } from '../../comments/format.js';
import { promises as fs } from 'node:fs';
import type { RegisterEntry, RegisterFilter } from '../../comments/register.js';
import type { ReportTarget } from '../../model/load.js';
import type { Report } from '../../model/types.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { UserError, isError } from '../../util/problems.js';
import { printProblems, resolveOut, targetsFrom, type Io } from '../shared.js';

const STATUSES = ['open', 'resolved', 'all'] as const;

/** Loads reports for the comment commands: errors are shown, and the comments of what loaded still count. */
async function loadAll(targets: ReportTarget[], io: Io, setExit: (code: number) => void): Promise<Report[]> {
  const [{ loadReport }, { loadConfig }] = await Promise.all([import('../../model/load.js'), import('../../config.js')]);
  const reports: Report[] = [];
  for (const target of targets) {
    // Headings get the ids the built pages gave them (the configured template's ids are reserved).
    const loaded = await loadReport(target, { template: loadConfig(target.root).config.template });
    const errors = loaded.problems.filter(isError);
    if (errors.length > 0) {
      printProblems(errors, io);
      setExit(2);
    }
    if (loaded.report) reports.push(loaded.report);
  }
  if (reports.length === 0) throw new UserError('no report could be read (see above)');
  return reports;
}

export function registerComments(program: Command, io: Io, setExit: (code: number) => void): void {
  const comments = program
    .command('comments')
    .description("list the working group's comments (inline and imported from PDFs); import and resolve them")
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-s, --status <status>', 'open, resolved or all', 'open')
    .option('-a, --author <name>', 'only comments whose author contains this text (case-insensitive)')
    .option('--anchor <id>', 'only comments on this recommendation id or heading slug')
    .option('-f, --format <format>', `table, json, csv or html (html writes <out>/<slug>/<slug>-comments.html)`, 'table')
    .option('-o, --out <dir>', 'output folder for --format html (default: dist/ in the workspace)')
    .addHelpText(
      'after',
      `
Subcommands:
  comments import FILE [--report slug] [--author NAME]   record a reviewer's PDF annotations or DOCX comments and tracked changes
  comments resolve <id> [--report slug]                  mark one comment resolved
  comments apply <id> [--report slug]                    write an accepted suggestion into the source
  comments reject <id> [--report slug]                   mark a suggestion rejected

Examples:
  $ rapporteur comments                               open comments of every report, by recommendation
  $ rapporteur comments access-to-evidence --status all --format json
  $ rapporteur comments --author lindqvist --format csv > comments.csv
  $ rapporteur comments access-to-evidence --format html   writes dist/access-to-evidence/access-to-evidence-comments.html`,
    )
    .action(async (reports: string[], options: { status: string; author?: string; anchor?: string; format: string; out?: string }) => {
      const [{ buildRegister, filterEntries }, { REGISTER_FORMATS, formatCsv, formatHtml, formatJson, formatTable }] = await Promise.all([import('../../comments/register.js'), import('../../comments/format.js')]);
      if (!(STATUSES as readonly string[]).includes(options.status)) throw new UserError(`--status: unknown status "${options.status}" (use ${STATUSES.join(', ')})`);
      if (!(REGISTER_FORMATS as string[]).includes(options.format)) throw new UserError(`--format: unknown format "${options.format}" (use ${REGISTER_FORMATS.join(', ')})`);
      const format = options.format as RegisterFormat;
      const filter: RegisterFilter = { status: options.status as RegisterFilter['status'], author: options.author, anchor: options.anchor };
      const { root, targets } = await targetsFrom(reports, io);
      const loaded = await loadAll(targets, io, setExit);
      const all: RegisterEntry[] = [];
      const tables: string[] = [];
      for (const report of loaded) {
        const register = await buildRegister(report);
        if (register.problems.length > 0) {
          printProblems(register.problems, io);
          setExit(2);
        }
        const entries = filterEntries(register.entries, filter);
        all.push(...entries);
        if (format === 'table') tables.push(formatTable(register, entries, filter.status));
        if (format === 'html') {
          const file = path.join(resolveOut(options.out, root, io.cwd), report.slug, `${report.slug}-comments.html`);
          const out = resolveOut(options.out, root, io.cwd);
          await writeFileAtomic(file, formatHtml(register, entries, filter.status, new Date().toISOString().slice(0, 10)), { within: out });
          io.out(`${path.relative(io.cwd, file) || file}  ${entries.length} comment${entries.length === 1 ? '' : 's'}`);
        }
      }
      if (format === 'table') io.out(tables.join('\n'));
      if (format === 'json') io.out(formatJson(all));
      if (format === 'csv') io.out(formatCsv(all));
    });

  comments
    .command('import')
    .description("record a reviewer's PDF annotations, or the comments and tracked changes of a reviewed DOCX, in the report's comments ledger")
    .argument('<file>', 'the annotated PDF or reviewed DOCX (told apart by their content)')
    .option('-r, --report <slug>', 'the report the file is a draft of (default: the only report, or the one the file names); for a DOCX, also imports a file made for another report')
    .option('-a, --author <name>', "record every annotation under this name (default: each annotation's own author)")
    .addHelpText(
      'after',
      `
Comments go to reports/<slug>/comments/<file-name>.yaml (<file-name>.docx.yaml for a DOCX);
report.md is never touched. Importing the same file again adds only remarks that were not
imported before; an edited remark updates its entry.

Example:
  $ rapporteur comments import ~/Downloads/draft-0.3-lindqvist.pdf --report access-to-evidence`,
    )
    .action(async (file: string, options: { report?: string; author?: string }) => {
      // Commander lets the parent `comments` take its own --author (the filter) wherever it
      // appears, so after `import` the name may have landed there.
      const author = options.author ?? (comments.opts() as { author?: string }).author;
      const shown = file;
      const format = await detectFormat(path.resolve(io.cwd, file), shown);
      if (format === 'docx') {
        const { importDocx, readDocxFile, reportForDocx } = await import('../../comments/docx-import.js');
        const read = await readDocxFile(path.resolve(io.cwd, file), shown);
        const { targets } = await targetsFrom(options.report ? [options.report] : [], io);
        const reports = await loadAll(targets, io, setExit);
        const report = options.report ? reports[0] : reportForDocx(reports, read, shown);
        const outcome = await importDocx(report, read, file, { author, named: Boolean(options.report), shown });
        for (const { comment, how, state } of outcome.comments) {
          const where = comment.anchor ? `${comment.anchor}${comment.part ? ` ${comment.part}` : ''}${how === 'bookmark' ? '' : ` (${how})`}` : 'not placed';
          const words = comment.kind === 'comment' || comment.kind === 'format' ? comment.text : `${comment.old ? `[-${comment.old}-]` : ''}${comment.new ? `{+${comment.new}+}` : ''}`;
          const text = words.replace(/\s+/g, ' ');
          io.out(`${state === 'added' ? '+' : state === 'updated' ? '~' : '='} ${comment.id}  ${comment.kind}  ${comment.author ?? 'unknown'}  → ${where}  “${text.length > 60 ? `${text.slice(0, 59)}…` : text}”${comment.note ? `  (${comment.note})` : ''}`);
        }
        if (outcome.comments.length === 0) io.out(`${shown}: no comments or tracked changes found`);
        else io.out(`${outcome.added} added to ${outcome.ledger}${outcome.updated ? `, ${outcome.updated} updated` : ''}${outcome.unchanged ? `, ${outcome.unchanged} already imported` : ''}`);
        return;
      }
      const { importPdf, readPdfFile, reportForPdf } = await import('../../comments/import.js');
      const pdf = await readPdfFile(path.resolve(io.cwd, file), shown);
      const { targets } = await targetsFrom(options.report ? [options.report] : [], io);
      const reports = await loadAll(targets, io, setExit);
      const report = reportForPdf(reports, pdf, shown, Boolean(options.report));
      const outcome = await importPdf(report, pdf, file, { author, today: new Date().toISOString().slice(0, 10) });
      const anchors = new Map([...report.recommendations.map((r) => [r.id, `Recommendation ${r.number}`] as const), ...report.headings.map((h) => [h.slug, h.number ? `Section ${h.number}` : h.text] as const)]);
      for (const { comment, how, added, updated } of outcome.comments) {
        const where = comment.anchor ? `${comment.anchor} (${anchors.get(comment.anchor) ?? '?'}${how === 'exact' ? '' : `, ${how} match`})` : 'not placed: no matching text found';
        const text = (comment.kind === 'replacement' ? `[-${comment.old ?? ''}-]{+${comment.new ?? ''}+}` : comment.text || comment.quote || '').replace(/\s+/g, ' ');
        io.out(`${added ? '+' : updated ? '~' : '='} ${comment.id}  page ${comment.page}  ${comment.kind}  ${comment.author ?? 'unknown'}  → ${where}  “${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`);
      }
      for (const warning of pdf.warnings) io.err(`${shown}: warning: ${warning}`);
      const skipped = Object.entries(pdf.skipped).map(([kind, count]) => `${count} ${kind}`);
      if (skipped.length > 0) io.err(`${shown}: skipped annotations that carry no text to import: ${skipped.join(', ')}`);
      if (outcome.comments.length === 0) io.out(`${shown}: no notes, highlights or free-text annotations found`);
      else io.out(`${outcome.added} comment${outcome.added === 1 ? '' : 's'} added to ${outcome.ledger}${outcome.updated ? `, ${outcome.updated} updated` : ''}${outcome.skipped ? `, ${outcome.skipped} already imported` : ''}`);
      const unplaced = outcome.comments.filter((c) => c.added && !c.comment.anchor).length;
      if (unplaced > 0) io.err(`${unplaced} comment${unplaced === 1 ? '' : 's'} could not be placed in the report; ${unplaced === 1 ? 'it is' : 'they are'} listed under "Before the first heading" (set \`anchor:\` in the ledger to move ${unplaced === 1 ? 'it' : 'them'})`);
    });

  for (const action of ['apply', 'reject'] as const) {
    comments
      .command(action)
      .description(action === 'apply' ? 'write an accepted suggestion (a tracked change from a DOCX) into the Markdown source' : 'mark a suggestion rejected')
      .argument('<id>', 'the suggestion id shown by `rapporteur comments`')
      .option('-r, --report <slug>', 'the report the suggestion belongs to (default: search every report)')
      .option('--by <name>', 'who decided (default: git user.name)')
      .action(async (id: string, options: { report?: string; by?: string }) => {
        const { targets } = await targetsFrom(options.report ? [options.report] : [], io);
        const reports = await loadAll(targets, io, setExit);
        const holders = await reportsHolding(reports, id);
        if (holders.length === 0) throw new UserError(`no suggestion with id "${id}"; \`rapporteur comments --status all\` lists every id`);
        if (holders.length > 1) throw new UserError(`id "${id}" exists in ${holders.map((r) => r.slug).join(' and ')}; say which with --report`);
        const { applySuggestion, rejectSuggestion } = await import('../../comments/apply.js');
        const outcome = action === 'apply' ? await applySuggestion(holders[0], id, { by: options.by }) : await rejectSuggestion(holders[0], id, { by: options.by });
        io.out(outcome.message);
      });
  }

  comments
    .command('resolve')
    .description('mark one comment resolved: in the ledger for imported comments, in its directive for inline ones')
    .argument('<id>', 'the comment id shown by `rapporteur comments`')
    .option('-r, --report <slug>', 'the report the comment belongs to (default: search every report)')
    .action(async (id: string, options: { report?: string }) => {
      const { targets } = await targetsFrom(options.report ? [options.report] : [], io);
      const reports = await loadAll(targets, io, setExit);
      const holders = await reportsHolding(reports, id);
      if (holders.length === 0) {
        const where = reports.length === 1 ? reports[0].slug : `any of ${reports.length} reports`;
        throw new UserError(`no comment with id "${id}" in ${where}; \`rapporteur comments --status all\` lists every id`);
      }
      if (holders.length > 1) throw new UserError(`comment id "${id}" exists in ${holders.map((r) => r.slug).join(' and ')}; say which with --report`);
      const { resolveComment } = await import('../../comments/resolve.js');
      const outcome = await resolveComment(holders[0], id);
      const where = `${outcome.file}:${outcome.line}`;
      io.out(outcome.already ? `${id} is already resolved (${where})` : `${id} resolved (${where})`);
    });
}

/** PDF or DOCX, from the first bytes (a renamed file still imports). */
async function detectFormat(file: string, shown: string): Promise<'pdf' | 'docx'> {
  let head: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      head = Buffer.alloc(1024);
      const { bytesRead } = await handle.read(head, 0, 1024, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'EISDIR' ? `${shown}: is a folder, not a PDF or DOCX file` : code === 'EACCES' ? `${shown}: permission denied` : `${shown}: no such file`);
  }
  if (head.indexOf('%PDF-') >= 0) return 'pdf';
  // A zip (DOCX) or an OLE compound file (an encrypted DOCX): the DOCX reader says which.
  if (head[0] === 0x50 && head[1] === 0x4b) return 'docx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'docx';
  // Neither: the reader the name promises explains what is wrong with it.
  if (/\.docx$/i.test(file)) throw new UserError(`${shown}: not a DOCX file (it is not a zip package)`);
  if (/\.pdf$/i.test(file)) return 'pdf';
  throw new UserError(`${shown}: neither a PDF nor a DOCX file`);
}

/**
 * The reports that have a comment with this id: inline comments from the model, imported ones
 * from the ledger. No git blame: finding one comment must not blame every file of every report.
 */
async function reportsHolding(reports: Report[], id: string): Promise<Report[]> {
  const { readLedger } = await import('../../comments/ledger.js');
  const holders: Report[] = [];
  for (const report of reports) {
    if (report.comments.some((c) => c.id === id) || (await readLedger(report)).entries.some((e) => e.id === id)) holders.push(report);
  }
  return holders;
}
