import type { VFileMessage } from 'vfile-message';
import { loadConfig } from '../config.js';
import { lintReport } from '../lint/engine.js';
import type { Report } from '../model/types.js';

/**
 * THE single place where `rapporteur watch` asks what is wrong with a report: the terminal and
 * the page overlay both show what this returns. It is what `rapporteur lint` says (the loader's
 * problems pass through lint, which applies the configured severities) plus the renderer's
 * (images that cannot be included).
 */
export async function checkReport(report: Report, loadProblems: VFileMessage[], renderProblems: VFileMessage[]): Promise<VFileMessage[]> {
  const rules = loadConfig(report.root).config.lint.rules as Record<string, unknown>;
  return [...lintReport({ report, problems: loadProblems }, { rules }), ...renderProblems];
}
