import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript shared with the benchmark, no types.
import { stressReport } from '../bench/stress.js';
import { loadReport } from '../src/model/load.js';
import { renderPdfJobs, type PdfRenderInfo } from '../src/pdf/index.js';
import { verifyPdf } from '../src/pdf/verify.js';
import { VerifyThread } from '../src/pdf/verify-thread.js';
import { renderHtml } from '../src/render/html.js';
import { loadTemplate } from '../src/render/template.js';
import { repoRoot, tempWorkspaces } from './helpers.js';
import { contentsExpected as expected, contentsPdf } from './pdf-contents-fixture.js';
import { useBrowser } from './browser-fixture.js';

const workspace = tempWorkspaces();

describe('the PDF check on its own thread', () => {
  const launched = useBrowser();

  it('gives what verifyPdf gives, for several PDFs at once on one thread, each answer to its own PDF', async () => {
    const good = await contentsPdf(launched, ['2', '2']);
    const wrong = await contentsPdf(launched, ['3', '2']);
    const thread = new VerifyThread();
    try {
      const [onGood, onWrong] = await Promise.all([thread.check(good, expected, []), thread.check(wrong, expected, [])]);
      expect(onGood).toEqual(await verifyPdf(good, expected, []));
      expect(onWrong).toEqual(await verifyPdf(wrong, expected, []));
      expect(onGood.problems).toEqual([]);
      expect(onWrong.problems).toHaveLength(1);
      expect(onWrong.problems[0].message).toMatch(/1 Evidence" says page 3, but the heading is on page 2$/);
    } finally {
      await thread.close();
    }
  }, 120_000);

  it('stops a check still running when closed, and the caller hears of it', async () => {
    const thread = new VerifyThread();
    const running = expect(thread.check(await contentsPdf(launched, ['2', '2']), expected, [])).rejects.toThrow('the PDF check was stopped');
    await thread.close();
    await running;
  }, 120_000);
});

describe('a run of several PDFs, each checked while the next is laid out', () => {
  /** The stress report, and a template whose pages clip the fourth paragraph: a PDF that loses lines. */
  const setUp = async () => {
    const root = workspace({ 'reports/stress/report.md': stressReport({ sections: 2, paragraphs: 2 }) });
    const lossy = path.join(root, 'templates', 'lossy');
    cpSync(path.join(repoRoot, 'templates', 'default'), lossy, { recursive: true });
    writeFileSync(path.join(lossy, 'paged.css'), `${readFileSync(path.join(lossy, 'paged.css'), 'utf8')}\n.report-body > p:nth-of-type(4) { height: 1.45em; overflow: hidden; }\n`);
    const { report } = await loadReport({ slug: 'stress', root, file: path.join(root, 'reports/stress/report.md') });
    const { html } = renderHtml(report!, { edition: 'full' });
    const job = (name: string, template: string) => ({ report: report!, edition: 'full', html, file: path.join(root, `${name}.pdf`), template: loadTemplate(template, root) });
    return { job };
  };

  it('writes a PDF only once the ones before it passed: a failed check stops the run with its own message', async () => {
    const { job } = await setUp();
    const first = job('first', 'lossy');
    const second = job('second', 'default');
    const written: PdfRenderInfo[] = [];
    await expect(renderPdfJobs([first, second], { log: () => {} }, (info) => written.push(info))).rejects.toThrow(
      /first\.pdf: the PDF check failed, so the file was not written: page \d+: body text: \d+ word\(s\) missing/,
    );
    expect(written).toEqual([]);
    expect(existsSync(first.file)).toBe(false);
    expect(existsSync(second.file)).toBe(false);
  }, 300_000);

  it('writes the good PDFs before a failing one, in order, and names the one that failed', async () => {
    const { job } = await setUp();
    const first = job('first', 'default');
    const second = job('second', 'default');
    const third = job('third', 'lossy');
    const written: string[] = [];
    await expect(renderPdfJobs([first, second, third], { log: () => {} }, (info) => written.push(path.basename(info.file)))).rejects.toThrow(
      /third\.pdf: the PDF check failed/,
    );
    expect(written).toEqual(['first.pdf', 'second.pdf']);
    expect(existsSync(first.file) && existsSync(second.file)).toBe(true);
    expect(existsSync(third.file)).toBe(false);
  }, 300_000);
});
