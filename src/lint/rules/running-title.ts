import { defineRule, noOptions } from '../define.js';
import { frontMatterPlace } from '../place.js';
import { RUNNING_TITLE_MAX } from '../../render/running-title.js';

export default defineRule({
  meta: { id: 'running-title', severity: 'warn', description: 'A title too long for the PDF running head, and no `shorttitle`.' },
  options: noOptions,
  docs: {
    rationale:
      `Every PDF page repeats the title in its head, on one line. A title longer than ${RUNNING_TITLE_MAX} characters is cut there at a word with an ellipsis; a \`shorttitle\` chosen by the rapporteurs reads better than a cut one.`,
    incorrect: [
      {
        title: 'A long title alone',
        source: '---\ntitle: Protecting Trade Secrets in Civil Proceedings, Evidence and Confidentiality Clubs Across Borders\nversion: 0.1.0\nstatus: draft\n---\n\nText.\n',
        line: 2,
        output: ['2:8-2:104 the title has 96 characters, more than the 60 a running head holds; add a `shorttitle` (otherwise the PDF cuts the title with an ellipsis)'],
      },
    ],
    correct: [
      {
        title: 'A long title with a short title',
        source: '---\ntitle: Protecting Trade Secrets in Civil Proceedings, Evidence and Confidentiality Clubs Across Borders\nshorttitle: Trade Secrets in Civil Proceedings\nversion: 0.1.0\nstatus: draft\n---\n\nText.\n',
      },
    ],
  },
  check({ report, emit }) {
    const { title, shorttitle } = report.meta;
    if (typeof shorttitle === 'string' && shorttitle.trim()) return;
    if (title.trim().length <= RUNNING_TITLE_MAX) return;
    emit(
      `the title has ${title.trim().length} characters, more than the ${RUNNING_TITLE_MAX} a running head holds; add a \`shorttitle\` (otherwise the PDF cuts the title with an ellipsis)`,
      frontMatterPlace(report, ['title']),
    );
  },
});
