import type { VFileMessage } from 'vfile-message';
import { loadConfig } from '../config.js';
import { lintReport } from '../lint/engine.js';
import { rules } from '../lint/registry.js';
import { resolveSettings } from '../lint/settings.js';
import type { Report } from '../model/types.js';
import { problem } from '../util/problems.js';

/**
 * THE single place where `rapporteur watch` asks what is wrong with a report: the terminal and
 * the page overlay both show what this returns. It is what `rapporteur lint` says (the loader's
 * problems pass through lint, which applies the configured severities; a bad `lint.rules` entry
 * is named as lint names it) plus the renderer's (images that cannot be included).
 */
export async function checkReport(report: Report, loadProblems: VFileMessage[], renderProblems: VFileMessage[]): Promise<VFileMessage[]> {
  const { config, file } = loadConfig(report.root);
  const configured = config.lint.rules as Record<string, unknown>;
  const settingIssues = resolveSettings(rules, [configured]).issues[0].map((issue) =>
    problem(`\`lint.rules.${issue.ruleId}\`: ${issue.message}`, { file: file ?? 'rapporteur.config.yaml' }, { ruleId: 'config' }),
  );
  return [...settingIssues, ...lintReport({ report, problems: loadProblems }, { rules: configured }), ...renderProblems];
}
