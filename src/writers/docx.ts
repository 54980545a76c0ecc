import type { RegisterEntry } from '../comments/register.js';
import type { Report } from '../model/types.js';
import { editionDocx } from '../docx/document.js';

/**
 * The DOCX writer: one Word document per edition, from the Report model (src/docx/). The shape
 * is the writer registry's (`{format, extension, write(report, edition, ctx)}`).
 */
export interface DocxWriteContext {
  template?: string;
  commit?: string;
  /** `--with-comments`: the register's entries; absent, no comment text can reach the file. */
  comments?: RegisterEntry[];
}

export const docxWriter = {
  format: 'docx',
  extension: 'docx',
  async write(report: Report, edition: string, ctx: DocxWriteContext = {}): Promise<Uint8Array> {
    return editionDocx(report, { edition, template: ctx.template, commit: ctx.commit, comments: ctx.comments });
  },
} as const;

export default docxWriter;
