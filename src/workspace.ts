import { existsSync, promises as fs, statSync } from 'node:fs';
import { runCwd } from './util/run-context.js';
import path from 'node:path';
import type { ReportTarget } from './model/load.js';
import { UserError } from './util/problems.js';

/**
 * The workspace is the nearest folder, from `cwd` upwards, that has a `reports/` folder;
 * failing that, `cwd` itself.
 */
export function findWorkspaceRoot(cwd: string = runCwd()): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, 'reports')) && statSync(path.join(dir, 'reports')).isDirectory()) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}

/** Turns a slug or a path into a report target; no argument means every report under `reports/`. */
export async function resolveReports(args: string[], root: string, cwd: string = runCwd()): Promise<ReportTarget[]> {
  if (args.length === 0) {
    const reportsDir = path.join(root, 'reports');
    let entries: string[] = [];
    try {
      entries = (await fs.readdir(reportsDir)).sort();
    } catch {
      throw new UserError(`no reports/ folder in ${root}; name a report file, or run \`rapporteur new <slug>\``);
    }
    const targets = entries
      .filter((name) => existsSync(path.join(reportsDir, name, 'report.md')))
      .map((slug) => ({ slug, root, file: path.join(reportsDir, slug, 'report.md') }));
    if (targets.length === 0) throw new UserError(`no report found under ${path.relative(cwd, reportsDir) || 'reports'}/ (each report is reports/<slug>/report.md)`);
    return targets;
  }
  return args.map((arg) => resolveOne(arg, root, cwd));
}

function resolveOne(arg: string, root: string, cwd: string): ReportTarget {
  const asPath = path.resolve(cwd, arg);
  if (existsSync(asPath)) {
    const stat = statSync(asPath);
    if (stat.isDirectory()) {
      const file = path.join(asPath, 'report.md');
      if (!existsSync(file)) throw new UserError(`${arg}: folder has no report.md`);
      return { slug: path.basename(asPath), root: findWorkspaceRoot(asPath), file };
    }
    const base = path.basename(asPath, path.extname(asPath));
    const slug = base === 'report' ? path.basename(path.dirname(asPath)) : base;
    return { slug, root: findWorkspaceRoot(path.dirname(asPath)), file: asPath };
  }
  if (/^[a-z0-9][a-z0-9._-]*$/i.test(arg)) {
    const file = path.join(root, 'reports', arg, 'report.md');
    if (existsSync(file)) return { slug: arg, root, file };
    throw new UserError(`no report named "${arg}": expected ${path.relative(cwd, file) || file}`);
  }
  throw new UserError(`${arg}: no such file or report`);
}
