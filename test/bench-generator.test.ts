import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedFindings, generateReport, toPandoc, toRapporteur, writeFiles, writeTranslations } from '../bench/generate.js';
import { lintTargets } from '../src/lint/index.js';
import { makeWorkspace, removeWorkspace } from './helpers.js';

// The benchmark's one report generator: its report lints clean unless defects are asked for, and
// the defects it plants are exactly what lint finds (the precision bench depends on both).
const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

async function lintGenerated(options: { pages: number; seed: number; citations?: number; findings?: number }) {
  const report = generateReport({ slug: 'g', ...options });
  const files = toRapporteur(report);
  const root = makeWorkspace({});
  workspaces.push(root);
  writeFiles(path.join(root, 'reports', 'g'), files);
  const outcome = await lintTargets(root, [{ slug: 'g', root, file: path.join(root, 'reports', 'g', 'report.md') }], { cache: false });
  return { report, files, found: outcome.messages.map((m) => `${m.ruleId} ${m.file}:${m.line}`) };
}

describe('bench/generate.js', () => {
  it('writes a 10-page report (figure, quoted "shall", code `must`, citations) that lints clean', async () => {
    const { files, found } = await lintGenerated({ pages: 10, seed: 16, citations: 90 });
    expect(found).toEqual([]);
    // What makes the report worth linting is there.
    const text = Object.entries(files).filter(([name]) => name.endsWith('.md')).map(([, t]) => t).join('\n');
    expect(text).toContain('::::recommendation');
    expect(text).toMatch(/\[(see )?@case0, \d+/);
    expect(text).toMatch(/^> ".* shall /m);
    expect(text).toContain('`must`');
    expect(files['images/figure.png']).toBeInstanceOf(Buffer);
    expect(files['references.json']).toContain('"legal_case"');
  });

  it('plants defects that lint finds exactly: every one at its line, nothing else', async () => {
    const { report, files, found } = await lintGenerated({ pages: 10, seed: 5, findings: 16 });
    const expected = expectedFindings(report, files, 'reports/g').map((f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`);
    expect(new Set(expected.map((e: string) => e.split(' ')[0])).size).toBe(8);
    expect(found.sort()).toEqual(expected.sort());
  });

  it('stores a complete translation per language that lint accepts and the build uses', async () => {
    const root = makeWorkspace({});
    workspaces.push(root);
    writeFiles(path.join(root, 'reports', 'g'), toRapporteur(generateReport({ pages: 10, seed: 2, slug: 'g' })));
    const written = await writeTranslations({ root, slug: 'g', languages: ['ja'] });
    expect(written).toEqual([expect.objectContaining({ lang: 'ja', units: expect.any(Number) })]);
    expect(written[0].units).toBeGreaterThan(50);
    const outcome = await lintTargets(root, [{ slug: 'g', root, file: path.join(root, 'reports', 'g', 'report.md') }], { cache: false });
    expect(outcome.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual([]);
  });

  it('is deterministic, and the planted defects leave the rest of the report as it was', () => {
    const a = toRapporteur(generateReport({ pages: 10, seed: 9 }));
    expect(toRapporteur(generateReport({ pages: 10, seed: 9 }))).toEqual(a);
    const planted = toRapporteur(generateReport({ pages: 10, seed: 9, findings: 3 }));
    expect(planted['report.md']).toEqual(a['report.md']);
    expect(Object.keys(planted).sort()).toEqual(Object.keys(a).sort());
    // pandoc's copy has the same chapters and the figure at pandoc's path.
    const pandoc = toPandoc(generateReport({ pages: 10, seed: 9 }));
    expect(pandoc.order.length).toBe(Object.keys(a).filter((n) => n.endsWith('.md')).length);
    expect(pandoc.files['chapters/01-chapter.md']).toContain('](images/figure.png)');
  });
});
