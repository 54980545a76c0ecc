import { writeFileAtomic } from '../util/atomic-write.js';
import type { Writer } from './types.js';

/** A self-contained HTML page per edition (images and fonts embedded). */
export const html: Writer = {
  format: 'html',
  extension: 'html',
  description: 'one self-contained web page',
  async write(_report, _edition, context) {
    await writeFileAtomic(context.file, context.html());
    context.wrote(context.file);
  },
};
