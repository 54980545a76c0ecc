import { isContained } from '../util/contain.js';
import { watch, type FSWatcher } from 'chokidar';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { ReportTarget } from '../model/load.js';
import { packagePath } from '../util/package-root.js';
import { startPreviewServer, type PreviewServer } from './server.js';
import { WatchSession, type RebuildResult } from './session.js';

export { WatchSession } from './session.js';

export const CONFIG_FILES = ['rapporteur.config.yaml', 'rapporteur.config.yml', 'package.json'];

export interface WatchOptions {
  root: string;
  targets: ReportTarget[];
  /** True when watching every report: a report created under reports/ meanwhile joins in. */
  all?: boolean;
  template?: string;
  edition?: string;
  port?: number;
  /** Called after every build with what it found; the CLI prints it. */
  onBuild?: (results: RebuildResult[], reason: string) => void;
  /** How long to wait for more saves before rebuilding (editors save in bursts). */
  debounceMs?: number;
}

export interface WatchHandle {
  url: string;
  port: number;
  session: WatchSession;
  /** Resolves when the watcher and the server are closed; nothing keeps running. */
  close(): Promise<void>;
}

/** Files an editor writes beside the real one while saving: never a reason to rebuild. */
export function isEditorNoise(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('.') || base.endsWith('~') || /\.(swp|swx|tmp|bak)$/i.test(base) || base === '4913' || base.startsWith('#');
}

export async function startWatch(options: WatchOptions): Promise<WatchHandle> {
  const session = new WatchSession({ root: options.root, targets: options.targets, template: options.template, edition: options.edition });
  const onBuild = options.onBuild ?? (() => {});
  let configProblems: VFileMessage[] = session.reloadConfig();

  const first = await session.rebuildAll(configProblems);
  onBuild(first, 'start');
  const server: PreviewServer = await startPreviewServer(session, { port: options.port });

  // Sources: each report's folder (report.md, chapters, images, data) and the template's folder.
  const templateDirs = (name: string) =>
    [path.join(options.root, 'templates', name), packagePath('templates', name)].filter((d) => existsSync(d) && (d === packagePath('templates', name) || isContained(options.root, d)));
  // The containment rule: a report folder that links out of the workspace is not watched (the
  // loader refuses to read it), and links inside the watched folders are not followed, so a
  // linked folder cannot take watch out of the workspace (or into thousands of inotify watches).
  const shipped = packagePath('templates');
  const sourceDirs = [...new Set([...options.targets.map((t) => path.dirname(t.file)), ...templateDirs(session.template)])].filter(
    (dir) => dir.startsWith(shipped + path.sep) || isContained(options.root, dir),
  );
  const watched = new Set(sourceDirs);
  const outDir = path.join(options.root, 'dist');
  const sources: FSWatcher = watch(sourceDirs, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file) => file !== options.root && (isEditorNoise(file) || file.startsWith(outDir + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)),
  });
  // The configuration sits at the workspace root: watch that folder alone, for those names only.
  const config: FSWatcher = watch(options.root, {
    ignoreInitial: true,
    depth: 0,
    ignored: (file) => path.resolve(file) !== path.resolve(options.root) && !CONFIG_FILES.includes(path.basename(file)),
  });

  // Watching every report: a new reports/<slug>/report.md (say from `rapporteur new`) joins in.
  const reportsDir = path.join(options.root, 'reports');
  const newReports: FSWatcher | undefined =
    options.all && existsSync(reportsDir)
      ? watch(reportsDir, {
          ignoreInitial: true,
          followSymlinks: false,
          depth: 1,
          ignored: (file, stats) => path.resolve(file) !== reportsDir && stats?.isFile() === true && path.basename(file) !== 'report.md',
        })
      : undefined;

  const pending = new Set<string>();
  const changedFiles = new Set<string>();
  let configChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = () => {
    timer = undefined;
    const slugs = configChanged ? [...session.reports.keys()] : [...pending];
    const shown = [...changedFiles].map((f) => path.relative(options.root, f) || f);
    const reasonFiles = shown.length > 2 ? [...shown.slice(0, 2), `${shown.length - 2} more`] : shown;
    const reloadConfig = configChanged;
    pending.clear();
    changedFiles.clear();
    configChanged = false;
    running = running.then(async () => {
      if (closed) return;
      session.sourcesChanged = true;
      if (reloadConfig) {
        configProblems = session.reloadConfig();
        // The configuration may name another template: watch its folder too from now on.
        const added = configProblems.length ? [] : templateDirs(session.template).filter((d) => !watched.has(d));
        for (const dir of added) watched.add(dir);
        if (added.length) sources.add(added);
      }
      const results: RebuildResult[] = [];
      for (const slug of slugs) results.push(await session.rebuild(slug, configProblems));
      onBuild(results, reloadConfig ? 'configuration changed' : reasonFiles.join(', '));
      server.announce();
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 25);
  };
  sources.on('all', (event, file) => {
    if (event === 'addDir') return;
    for (const slug of session.affected(file)) pending.add(slug);
    changedFiles.add(file);
    schedule();
  });
  newReports?.on('add', (file) => {
    if (path.basename(file) !== 'report.md' || path.dirname(path.dirname(file)) !== reportsDir) return;
    const target = { slug: path.basename(path.dirname(file)), root: options.root, file };
    if (!session.add(target)) return;
    sources.add(path.dirname(file));
    pending.add(target.slug);
    changedFiles.add(file);
    schedule();
  });
  config.on('all', (event, file) => {
    if (event === 'addDir' || event === 'unlinkDir' || !CONFIG_FILES.includes(path.basename(file))) return;
    configChanged = true;
    schedule();
  });
  await Promise.all([once(sources, 'ready'), once(config, 'ready'), ...(newReports ? [once(newReports, 'ready')] : [])]);

  return {
    url: server.url,
    port: server.port,
    session,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await Promise.all([sources.close(), config.close(), newReports?.close()]);
      await running.catch(() => {});
      await server.close();
    },
  };
}

function once(watcher: FSWatcher, event: 'ready'): Promise<void> {
  return new Promise((resolve) => watcher.once(event, () => resolve()));
}
