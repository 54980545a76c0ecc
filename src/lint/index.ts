import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { diskParseStore, parseCacheDir } from '../cache/parse-cache.js';
import { readLedger } from '../comments/ledger.js';
import { loadConfig } from '../config.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { SourceReader } from '../model/reader.js';
import { problem, UserError } from '../util/problems.js';
import { lintReport } from './engine.js';
import { parallelParseStore } from './prefetch.js';
import { rules } from './registry.js';
import { resolveSettings } from './settings.js';

export { lintReport } from './engine.js';
export { rules } from './registry.js';

export interface LintOutcome {
  /** Findings of every report, in report order. */
  messages: VFileMessage[];
  /** Reports that could not be read at all (exit 2). */
  unreadable: VFileMessage[];
  maxWarnings?: number;
}

/**
 * Loads and lints each report with the workspace configuration. A configuration that names an
 * unknown rule or gives invalid options is a UserError (exit 2) naming the config file.
 */
export async function lintTargets(root: string, targets: ReportTarget[], options: { cache?: boolean; out?: string; reader?: SourceReader } = {}): Promise<LintOutcome> {
  const { config, file } = loadConfig(root);
  const configured = config.lint.rules as Record<string, unknown>;
  const { issues } = resolveSettings(rules, [configured]);
  if (issues[0].length > 0) {
    const shown = file ?? 'rapporteur.config.yaml';
    throw new UserError('invalid lint configuration', {
      problems: issues[0].map((issue) => problem(`\`lint.rules.${issue.ruleId}\`: ${issue.message}`, { file: shown }, { ruleId: 'config' })),
    });
  }
  const messages: VFileMessage[] = [];
  const unreadable: VFileMessage[] = [];
  // The parse cache is build's (inside the output folder), so lint and build share parsed trees.
  const out = options.out ?? path.resolve(root, config.out);
  for (const target of targets) {
    const cacheDir = options.cache === false ? undefined : parseCacheDir(out, target.slug);
    const disk = cacheDir ? diskParseStore(cacheDir) : undefined;
    // The loader hands the store the chapters it resolved; with another reader (git's index) it parses as it loads.
    const store = options.reader ? disk : parallelParseStore(disk, cacheDir);
    const loaded = await loadReport(target, { store, reader: options.reader, template: config.template });
    // Pruning keeps only this run's entries: right for the working tree, not for staged text.
    if (loaded.report && !options.reader) store?.prune();
    if (!loaded.report) {
      unreadable.push(...loaded.problems);
      continue;
    }
    // Imported comments count as much as inline ones; staged-text runs (the hook) read the working ledger too.
    const ledger = (await readLedger(loaded.report)).entries;
    messages.push(...lintReport({ ...loaded, ledger }, { rules: configured }));
  }
  return { messages, unreadable, maxWarnings: config.lint.maxWarnings };
}
