import type { Report } from '../model/types.js';

/** Running heads never wrap: a title longer than this is cut at a word and ends with an ellipsis. */
export const RUNNING_TITLE_MAX = 60;

/** The title printed at the head of each PDF page: the short title, else the title, shortened. */
export function runningTitle(report: Report): string {
  const meta = report.meta;
  const title = typeof meta.shorttitle === 'string' && meta.shorttitle.trim() ? meta.shorttitle.trim() : meta.title.trim();
  if (title.length <= RUNNING_TITLE_MAX) return title;
  const cut = title.slice(0, RUNNING_TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > RUNNING_TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
