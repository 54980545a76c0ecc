import type { ParseStore } from '../cache/parse-cache.js';
import { repositoryRoot } from '../git/index.js';
import { gitReader, revisionFileName, tagsTouchingReport, type TagInfo } from '../git/revisions.js';
import { loadReport, type ReportTarget } from '../model/load.js';
import type { Report } from '../model/types.js';
import { formatProblem, isError, UserError } from '../util/problems.js';
import { hashOf } from './cache.js';

/** One tagged version of a report, as the site publishes it. */
export interface SiteVersion {
  tag: TagInfo;
  report: Report;
  /** Hash of the report's files as read at the tag: the same text at two tags is one version. */
  contentHash: string;
  /** Its folder under `<slug>/v/`: the front matter's version, made unique with the tag when needed. */
  dir: string;
}

/**
 * Every tagged version of a report, oldest first. A tag at which the report's files did not
 * change (a plain `v…` tag made for another report) is not a new version; a version whose
 * source has errors cannot be published and is reported, not skipped silently.
 */
export async function taggedVersions(target: ReportTarget, options: { store?: ParseStore; warn: (line: string) => void; template?: string }): Promise<SiteVersion[]> {
  const top = await repositoryRoot(target.root);
  if (!top) throw new UserError(`${target.root} is not inside a git repository; rapporteur site publishes the tagged versions of each report`);
  const tags = (await tagsTouchingReport(top, target.file, target.slug)).reverse();
  const versions: SiteVersion[] = [];
  const dirs = new Set<string>();
  for (const tag of tags) {
    const loaded = await loadReport(target, { reader: gitReader({ ...tag, top }), store: options.store, template: options.template });
    const errors = loaded.problems.filter(isError);
    if (!loaded.report || errors.length > 0) {
      for (const problem of errors) options.warn(`${formatProblem(problem)} (at ${tag.name})`);
      options.warn(`${target.slug}: ${tag.name} is left out of the site: its source has errors`);
      continue;
    }
    const report = loaded.report;
    const contentHash = hashOf(...report.files.flatMap((f) => [f.path, f.value]));
    if (versions.length > 0 && versions[versions.length - 1].contentHash === contentHash) continue;
    let dir = revisionFileName(report.meta.version);
    if (dirs.has(dir)) dir = `${dir}-${revisionFileName(tag.name)}`;
    dirs.add(dir);
    versions.push({ tag, report, contentHash, dir });
  }
  return versions;
}
