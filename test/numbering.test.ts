import { describe, expect, it } from 'vitest';
import { clearConfigCache, loadConfig } from '../src/config.js';
import { loadReport } from '../src/model/load.js';
import { UserError } from '../src/util/problems.js';
import { authoredNumber, shownNumber } from '../src/render/numbering.js';
import { renderHtml } from '../src/render/html.js';
import { reportSource, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

describe('authored heading numbers', () => {
  it('finds the numbers authors write, and nothing else', () => {
    for (const [text, number] of [
      ['I. Introduction', 'I.'],
      ['IV. Remedies', 'IV.'],
      ['A. The Increasing Role', 'A.'],
      ['a. Voluntary disclosure', 'a.'],
      ['1. Scope', '1.'],
      ['2.3 Scope', undefined],
      ['2.3. Scope', '2.3.'],
      ['(a) Orders in camera', '(a)'],
      ['(iv) Orders', '(iv)'],
      ['iv) Orders', 'iv)'],
    ] as const) {
      expect(authoredNumber(text), text).toBe(number);
    }
    for (const text of ['Introduction', 'Article 5 of the Directive', 'A Court’s view', 'I am a heading', 'U.S. practice', 'e.g. orders']) {
      expect(authoredNumber(text), text).toBeUndefined();
    }
  });
});

describe('heading numbers in the rendered report', () => {
  const render = async (body: string, front: Record<string, string> = {}) => {
    const root = workspace({ 'reports/r/report.md': reportSource(body, front) });
    const { report } = await loadReport({ slug: 'r', root, file: `${root}/reports/r/report.md` });
    return { report: report!, html: renderHtml(report!).html };
  };

  it('numbers plain headings and keeps authored ones as written, in the text and the contents', async () => {
    const { html, report } = await render('::toc\n\n## I. Introduction\n\nText.\n\n## Background\n\nText.\n\n### (a) Orders\n\nText.\n');
    expect(html).not.toMatch(/heading-number">1</);
    expect(html).toMatch(/heading-number">2</);
    expect(shownNumber(report, report.headings.find((h) => h.text === 'I. Introduction')!)).toBe('');
    expect(html).not.toMatch(/toc-number">1</);
  });

  it('prints no number at all with numbering: false', async () => {
    const { html } = await render('::toc\n\n## Introduction\n\nText.\n\n## Background\n\nText.\n', { numbering: 'false' });
    expect(html).not.toMatch(/heading-number">\d/);
    expect(html).not.toMatch(/toc-number">\d/);
  });

  it('reads numbering from the workspace configuration, and the report\'s front matter wins over it', async () => {
    const body = '::toc\n\n## Introduction\n\nText.\n\n## Background\n\nText.\n';
    const root = workspace({
      'rapporteur.config.yaml': 'numbering: false\n',
      'reports/off/report.md': reportSource(body),
      'reports/on/report.md': reportSource(body, { numbering: 'true' }),
    });
    const html = async (slug: string) => renderHtml((await loadReport({ slug, root, file: `${root}/reports/${slug}/report.md` })).report!).html;
    const off = await html('off');
    expect(off).not.toMatch(/heading-number">\d/);
    expect(off).not.toMatch(/toc-number">\d/);
    expect(await html('on')).toMatch(/heading-number">2</);
  });

  it('refuses a numbering setting that is not true or false, at its line', () => {
    const root = workspace({ 'rapporteur.config.yaml': 'paper: A4\nnumbering: off-please\n' });
    clearConfigCache();
    expect(() => loadConfig(root)).toThrow(UserError);
    try {
      loadConfig(root);
    } catch (error) {
      expect((error as UserError).problems?.map((p) => `${p.line}:${p.column} ${p.reason}`)).toEqual(['2:12 `numbering`: `numbering` must be true or false']);
    }
  });
});
