import type { PdfJob } from '../pdf/index.js';
import type { Writer } from './types.js';

/** A paginated PDF per edition, printed from the HTML page by Chromium (paged.js). */
export const pdf: Writer = {
  format: 'pdf',
  extension: 'pdf',
  description: 'a paginated PDF (needs Chromium)',
  fromHtml: true,
  async write(report, edition, context) {
    // Queued: every PDF of a run shares one browser.
    context.queue<PdfJob>().push({ report, edition, html: context.html(), file: context.file, template: context.template, paper: context.paper });
  },
  async flush(context) {
    const jobs = context.queue<PdfJob>();
    if (jobs.length === 0) return;
    const { renderPdfs } = await import('../pdf/index.js');
    for (const file of await renderPdfs(jobs, { log: context.log, verify: context.verify, protocolTimeoutMs: context.protocolTimeoutMs })) context.wrote(file);
  },
};
