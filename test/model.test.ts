import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { familyOfSystem, jurisdiction, jurisdictionCodes, jurisdictionSource } from '../src/model/jurisdictions.js';
import { loadReport } from '../src/model/load.js';
import { prepareTree } from '../src/render/transform.js';
import { renderBody } from '../src/render/html.js';
import { toHtml } from 'hast-util-to-html';
import { reportSource, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

async function load(files: Record<string, string>) {
  const root = workspace(files);
  const file = path.join(root, 'reports', 'r', 'report.md');
  return loadReport({ slug: 'r', root, file });
}

const rec = (id: string, extra = '') => `::::recommendation{#${id} title="T ${id}"${extra}}\nPrinciple ${id} should apply.\n\n:::variant{system=civil-law}\nCivil ${id}.\n:::\n\n:::variant{system=common-law}\nCommon ${id}.\n:::\n::::\n`;

describe('jurisdiction table', () => {
  it('has every ISO 3166-1 alpha-2 code plus EU, each with a family', () => {
    const codes = jurisdictionCodes();
    expect(codes).toHaveLength(250);
    expect(codes).toContain('EU');
    for (const code of codes) expect(['civil', 'common', 'mixed']).toContain(jurisdiction(code)!.family);
    expect(jurisdictionSource()).toMatch(/JuriGlobe/);
  });
  it('knows the classic families', () => {
    expect(jurisdiction('FR')!.family).toBe('civil');
    expect(jurisdiction('jp')!.family).toBe('civil');
    expect(jurisdiction('US')!.family).toBe('common');
    expect(jurisdiction('GB')!.family).toBe('common');
    expect(jurisdiction('ZA')!.family).toBe('mixed');
    expect(jurisdiction('XX')).toBeUndefined();
    expect(familyOfSystem('civil-law')).toBe('civil');
    expect(familyOfSystem('common-law')).toBe('common');
  });
});

describe('numbering and slugs', () => {
  it('numbers recommendations by section and restarts in each section', async () => {
    const { report } = await load({
      'reports/r/report.md': reportSource(`# One\n\n${rec('a')}\n${rec('b')}\n# Two\n\n## Sub\n\n${rec('c')}`),
    });
    expect(report!.recommendations.map((r) => [r.id, r.number])).toEqual([['a', '1.1'], ['b', '1.2'], ['c', '2.1']]);
    expect(report!.headings.map((h) => h.number)).toEqual(['1', '2', '2.1']);
  });

  it('renumbers on reorder while ids (and so references) stay', async () => {
    const { report } = await load({
      'reports/r/report.md': reportSource(`# One\n\nSee :ref[a].\n\n${rec('b')}\n${rec('a')}`),
    });
    expect(report!.recommendations.map((r) => [r.id, r.number])).toEqual([['b', '1.1'], ['a', '1.2']]);
    const html = toHtml(renderBody(report!).hast);
    expect(html).toContain('<a href="#a" class="xref">Recommendation 1.2</a>');
  });

  it('gives duplicate headings distinct, stable slugs', async () => {
    const { report } = await load({ 'reports/r/report.md': reportSource('# Scope\n\n# Scope\n\n# Scope') });
    expect(report!.headings.map((h) => h.slug)).toEqual(['scope', 'scope-1', 'scope-2']);
  });

  it('never gives a heading the id of a recommendation', async () => {
    const { report } = await load({ 'reports/r/report.md': reportSource(`# Confidentiality orders\n\n${rec('confidentiality-orders')}`) });
    expect(report!.headings[0].slug).toBe('confidentiality-orders-1');
    const html = toHtml(renderBody(report!).hast);
    expect(html.match(/id="confidentiality-orders"/g)).toHaveLength(1);
  });

  it('reads a colon between digits as text, not as a directive', async () => {
    const { report } = await load({ 'reports/r/report.md': reportSource('# One\n\nThe hearing starts at 10:30 under Art. 3:2.\n') });
    expect(report!.directives).toEqual([]);
    expect(toHtml(renderBody(report!).hast)).toContain('The hearing starts at 10:30 under Art. 3:2.');
  });

  it('numbers chapters continuously across chapter files', async () => {
    const { report } = await load({
      'reports/r/report.md': reportSource('Preamble.', { chapters: '[one.md, two.md]' }),
      'reports/r/one.md': `# One\n\n${rec('a')}`,
      'reports/r/two.md': `# Two\n\n${rec('b')}\n${rec('c')}`,
    });
    expect(report!.files.map((f) => f.path)).toEqual(['reports/r/report.md', 'reports/r/one.md', 'reports/r/two.md']);
    expect(report!.recommendations.map((r) => r.number)).toEqual(['1.1', '2.1', '2.2']);
    expect(report!.recommendations[1].source.file).toBe('reports/r/two.md');
  });

  it('keeps footnotes with the same label in different chapters apart', async () => {
    const { report } = await load({
      'reports/r/report.md': reportSource('Intro.', { chapters: '[one.md, two.md]' }),
      'reports/r/one.md': '# One\n\nFirst.[^1]\n\n[^1]: Note in one.\n',
      'reports/r/two.md': '# Two\n\nSecond.[^1]\n\n[^1]: Note in two.\n',
    });
    const html = toHtml(renderBody(report!).hast);
    expect(html).toContain('Note in one.');
    expect(html).toContain('Note in two.');
    expect(report!.footnotes.map((f) => f.label)).toEqual(['1', '1']);
  });
});

describe('editions', () => {
  it('a system edition keeps the principle and that system only; full keeps both', async () => {
    const { report } = await load({ 'reports/r/report.md': reportSource(`# One\n\n${rec('a')}`) });
    const html = (edition: string) => toHtml(renderBody(report!, edition).hast);
    expect(html('civil-law')).toContain('Civil a.');
    expect(html('civil-law')).not.toContain('Common a.');
    expect(html('common-law')).toContain('Common a.');
    expect(html('common-law')).not.toContain('Civil a.');
    expect(html('full')).toContain('Civil a.');
    expect(html('full')).toContain('Common a.');
    for (const edition of ['full', 'civil-law', 'common-law']) expect(html(edition)).toContain('Principle a should apply.');
  });

  it('never renders comments, whatever the edition', async () => {
    const { report } = await load({
      'reports/r/report.md': reportSource(`# One\n\nText :comment[SECRET-1]{author=a}.\n\n:::comment{author=b}\nSECRET-2\n:::\n\n${rec('a').replace('Principle a should apply.', 'Principle a should apply.\n\n::comment[SECRET-3]')}`),
    });
    expect(report!.comments).toHaveLength(3);
    for (const edition of ['full', 'civil-law', 'common-law']) {
      expect(toHtml(renderBody(report!, edition).hast)).not.toMatch(/SECRET/);
    }
    // The model's own tree is untouched by rendering.
    expect(JSON.stringify(report!.tree)).toContain('SECRET-2');
    expect(JSON.stringify(prepareTree(report!))).not.toContain('SECRET');
  });
});

describe('front matter', () => {
  it('applies defaults for systems and confidentiality', async () => {
    const { report, problems } = await load({ 'reports/r/report.md': reportSource('Body.') });
    expect(problems).toEqual([]);
    expect(report!.meta.systems).toEqual(['civil-law', 'common-law']);
    expect(report!.meta.confidentiality).toBe('working-group');
  });

  it('points at the offending field', async () => {
    const { problems } = await load({ 'reports/r/report.md': reportSource('Body.', { status: 'published', version: '1.0' }) });
    const messages = problems.map((p) => `${p.line}:${p.column} ${p.reason}`);
    expect(messages).toEqual([
      '4:10 `version` must be a semver string such as 0.3.0 (quote it if YAML reads it as a number)',
      '5:9 `status` must be one of draft, review, final',
    ]);
    const quoted = await load({ 'reports/r/report.md': reportSource('Body.', { version: '"1.0"' }) });
    expect(quoted.problems.map((p) => `${p.line}:${p.column} ${p.reason}`)).toEqual(['4:10 `version` must be a semantic version such as 0.3.0']);
  });
});
