import { oneLine } from '../../util/printable.js';
import type { Command } from 'commander';
import path from 'node:path';
import type { ReportTarget } from '../../model/load.js';
import type { SourceReader } from '../../model/reader.js';
import { UserError } from '../../util/problems.js';
import { targetsFrom, type Io } from '../shared.js';

interface VersionRow {
  report: string;
  tag: string;
  date: string;
  version: string;
  status: string;
  reportDate: string;
}

export function registerVersions(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('versions')
    .description('list the git tags that touch a report, with the version, status and date its front matter had then')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-f, --format <format>', 'table or json', 'table')
    .addHelpText(
      'after',
      `
A tag touches a report when it is named <slug>/… (e.g. access-to-evidence/v0.2.0), or has no
slash (e.g. v0.2.0) and the report exists at it. The newest is the default --from of \`rapporteur diff\`.

Examples:
  $ rapporteur versions
  $ rapporteur versions access-to-evidence --format json`,
    )
    .action(async (reports: string[], options: { format: string }) => {
      if (!['table', 'json'].includes(options.format)) throw new UserError(`--format: unknown format "${options.format}" (use table or json)`);
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const [{ gitReader, repoRelative, requireRepository, tagsTouchingReport }, { diskReader }] = await Promise.all([import('../../git/revisions.js'), import('../../model/reader.js')]);
      const { targets } = await targetsFrom(reports, io);
      const rows: VersionRow[] = [];
      for (const target of targets) {
        const top = await requireRepository(target.root);
        const current = await frontMatterAt(target, diskReader);
        rows.push({ report: target.slug, tag: '(working tree)', date: '', ...current });
        for (const tag of await tagsTouchingReport(top, target.file, target.slug)) {
          const reader = gitReader({ name: tag.name, commit: tag.commit, date: tag.date, top });
          rows.push({ report: target.slug, tag: tag.name, date: tag.date, ...(await frontMatterAt(target, reader)) });
        }
        if (options.format === 'table' && rows.filter((r) => r.report === target.slug).length === 1) {
          io.err(`${target.slug}: no tag touches ${repoRelative(top, target.file) ?? target.file} yet (tag a circulated draft: git tag v0.1.0)`);
        }
      }
      if (options.format === 'json') io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else io.out(table(rows));
      setExit(0);
    });
}

/** Version, status and date from report.md's front matter, read through the loader (and its limits). */
async function frontMatterAt(target: ReportTarget, reader: SourceReader): Promise<{ version: string; status: string; reportDate: string }> {
  const { loadReport } = await import('../../model/load.js');
  const { report } = await loadReport(target, { reader, chapters: false });
  if (!report) return { version: '?', status: '?', reportDate: '' };
  const data = report.rawMeta;
  // Only plain values are shown: a `version:` mapping is '?', not an internal error.
  const field = (name: string) => {
    const value = data[name];
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? oneLine(String(value)) : '';
  };
  return { version: field('version') || '?', status: field('status') || '?', reportDate: field('date') };
}

function table(rows: VersionRow[]): string {
  const header = ['REPORT', 'TAG', 'TAGGED', 'VERSION', 'STATUS', 'DATE'];
  const cells = rows.map((r) => [r.report, r.tag, r.date, r.version, r.status, r.reportDate]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}
