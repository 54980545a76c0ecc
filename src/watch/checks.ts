import type { VFileMessage } from 'vfile-message';
import type { Report } from '../model/types.js';

/**
 * THE single place where `rapporteur watch` asks what is wrong with a report: the terminal and
 * the page overlay both show what this returns.
 *
 * LINT PLUG-IN POINT: today it returns the loader's problems (front matter, chapters, unreadable
 * files) plus the renderer's (images). When the lint engine in src/lint/ lands, add its findings
 * here, e.g. `return [...loadProblems, ...renderProblems, ...(await lintReport(report, config))]`,
 * and nothing else in watch needs to change.
 */
export async function checkReport(
  _report: Report,
  loadProblems: VFileMessage[],
  renderProblems: VFileMessage[],
): Promise<VFileMessage[]> {
  return [...loadProblems, ...renderProblems];
}
