import { gitAt } from './index.js';

/**
 * Who made a revision and when, for the tracked changes of a DOCX redline: the author of the `to`
 * commit and its author date, or for the working tree the configured git user and now.
 */
export async function revisionAuthor(top: string, commit: string | undefined): Promise<{ author: string; date: string }> {
  const git = gitAt(top);
  if (commit) {
    // A full hash checked by resolveRevision, and `--` after it: never read as an option.
    const answer = await git.raw(['log', '-1', '--no-walk', '--format=%an%x00%aI', commit, '--']);
    const [author = '', date = ''] = answer.trim().split('\u0000');
    return { author: author || 'Unknown author', date: wordDate(new Date(date)) };
  }
  let author = '';
  try {
    author = (await git.raw(['config', 'user.name'])).trim();
  } catch {
    author = '';
  }
  return { author: author || 'Working tree', date: wordDate(new Date()) };
}

/** Word writes revision dates as UTC without fractions of a second. */
function wordDate(date: Date): string {
  const valid = Number.isNaN(date.getTime()) ? new Date() : date;
  return `${valid.toISOString().slice(0, 19)}Z`;
}
