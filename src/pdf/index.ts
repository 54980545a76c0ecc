import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';

export interface PdfJob {
  report: Report;
  edition: string;
  html: string;
  file: string;
}

/** Placeholder until the paged-media renderer lands (issue 3). */
export async function renderPdfs(_jobs: PdfJob[], _options: { log: (line: string) => void }): Promise<string[]> {
  throw new UserError('PDF output is not available yet');
}
