import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Writer } from './types.js';

/**
 * A Word document per edition, written from the Report model (src/docx/), not converted from the
 * HTML; for a redline, the comparison as Word tracked changes (insertions, deletions, moves).
 */
export const docx: Writer = {
  format: 'docx',
  extension: 'docx',
  description: 'a Word document (a redline: Word tracked changes)',
  fromHtml: false,
  async write(report, edition, context) {
    let data: Uint8Array;
    let file = context.file;
    if (context.redline) {
      const { redlineDocx } = await import('../docx/redline.js');
      const { comparison, tree, changesOnly, revision } = context.redline;
      data = await redlineDocx(comparison, tree, report, { edition, changesOnly, template: context.templateName, revision });
    } else {
      // The docx library is loaded by a DOCX build only (HTML builds and lint never pay for it).
      const { editionDocx } = await import('../docx/document.js');
      data = await editionDocx(report, { edition, template: context.templateName, commit: context.commit, comments: context.comments });
      // Anything that carries comment text goes under internal/, which no public output links to.
      if (context.comments) file = path.join(path.dirname(file), 'internal', path.basename(file));
    }
    await writeFileAtomic(file, data, { within: context.within });
    context.wrote(file);
  },
};
