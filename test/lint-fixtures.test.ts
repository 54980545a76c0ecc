import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReport, toRapporteur, writeFiles } from '../bench/generate.js';
import { lintTargets } from '../src/lint/index.js';
import { rules } from '../src/lint/registry.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers.js';

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

const plantedRoot = path.join(repoRoot, 'test', 'fixtures', 'lint', 'planted');
const plantedReport = path.join(plantedRoot, 'reports', 'planted', 'report.md');
const plantedChapter = path.join(plantedRoot, 'reports', 'planted', 'chapters', '01-one.md');
const plantedTranslation = path.join(plantedRoot, 'reports', 'planted', 'translations', 'ja.po');

/** Line (1-based) of the only line of `file` containing `needle`. */
function lineOf(file: string, needle: string, nth = 1): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (hits.length < nth) throw new Error(`fixture ${file} has no line with ${needle}`);
  return hits[nth - 1];
}

const R = 'reports/planted/report.md';
const F = 'reports/planted/references.yaml';
const plantedReferences = path.join(plantedRoot, 'reports', 'planted', 'references.yaml');
const C = 'reports/planted/chapters/01-one.md';
const T = 'reports/planted/translations/ja.po';

/** One planted defect per rule: [rule, file, line of the finding]. */
const planted: [string, string, number][] = [
  ['front-matter', R, lineOf(plantedReport, 'date: 21 November 2026')],
  ['running-title', R, lineOf(plantedReport, 'title: "Planted defects')],
  ['chapter-path', R, lineOf(plantedReport, '99-missing.md')],
  ['heading-increment', R, lineOf(plantedReport, '### A skipped level')],
  ['unknown-attribute', R, lineOf(plantedReport, 'topc=evidence')],
  ['attribute-value', R, lineOf(plantedReport, 'uniform=yes')],
  ['unknown-directive', R, lineOf(plantedReport, '::recomendations')],
  ['directive-nesting', R, lineOf(plantedReport, 'Why this matters.') - 1],
  // the slip's left-over closing fence, reported by the same rule
  ['directive-nesting', R, lineOf(plantedReport, 'Why this matters.') + 2],
  ['recommendation-id', R, lineOf(plantedReport, '#Bad_Id')],
  ['recommendation-title', R, lineOf(plantedReport, '#no-title')],
  ['variant-coverage', R, lineOf(plantedReport, '#missing-variant')],
  ['variant-system', R, lineOf(plantedReport, 'system=civl-law')],
  ['variant-empty', R, lineOf(plantedReport, '#empty-variant') + 7],
  ['mandatory-language', R, lineOf(plantedReport, 'court shall hear')],
  ['example-jurisdiction', R, lineOf(plantedReport, 'jurisdiction=UK')],
  ['example-family', R, lineOf(plantedReport, 'jurisdiction=US')],
  ['recommendation-example', R, lineOf(plantedReport, '#no-example')],
  ['recommendation-support', R, lineOf(plantedReport, '#no-support')],
  ['ref-target', R, lineOf(plantedReport, 'no-such-recommendation')],
  ['footnote-undefined', R, lineOf(plantedReport, '[^missing]')],
  ['footnote-unused', R, lineOf(plantedReport, '[^orphan]')],
  ['link-target', R, lineOf(plantedReport, 'images/missing.png')],
  ['comment-status', R, lineOf(plantedReport, 'status=open')],
  ['term-undefined', R, lineOf(plantedReport, ':term[planted term]')],
  ['term-duplicate', R, lineOf(plantedReport, 'term="Defined  twice"')],
  ['comment-syntax', R, lineOf(plantedReport, ':::comment {author="Ann"}')],
  ['heading-slug-unique', C, lineOf(plantedChapter, '## Evidence')],
  // A stored Japanese translation with a unit the report does not have; nothing else is translated.
  ['translation', T, lineOf(plantedTranslation, 'msgctxt "no-such-recommendation/principle"')],
  ['translation', T, 1],
  ['citation-style', R, lineOf(plantedReport, 'citation-style: oscolla')],
  ['citation-key', R, lineOf(plantedReport, '[@smiht, 3]')],
  ['references', F, lineOf(plantedReferences, '- id: untyped')],
  ['reference-duplicate', F, lineOf(plantedReferences, '- id: dup', 2)],
  ['reference-unused', F, lineOf(plantedReferences, '- id: smith')],
  ['reference-unused', F, lineOf(plantedReferences, '- id: never-cited')],
  ['reference-fields', F, lineOf(plantedReferences, '- id: bare-case')],
  ['legislation-title-year', F, lineOf(plantedReferences, '- id: hra')],
];

describe('a report with one planted defect per rule', () => {
  it('covers every rule of the registry', () => {
    expect(new Set(planted.map(([rule]) => rule))).toEqual(new Set(rules.map((r) => r.meta.id)));
  });

  it('reports each defect at its line with its rule, and nothing else', async () => {
    const outcome = await lintTargets(plantedRoot, [{ slug: 'planted', root: plantedRoot, file: plantedReport }], { cache: false });
    const found = outcome.messages.map((m) => `${m.ruleId} ${m.file}:${m.line}`);
    expect(found.sort()).toEqual(planted.map(([rule, file, line]) => `${rule} ${file}:${line}`).sort());
  });

  it('points at the exact word for mandatory language and explains the nesting slip', async () => {
    const outcome = await lintTargets(plantedRoot, [{ slug: 'planted', root: plantedRoot, file: plantedReport }], { cache: false });
    const mandatory = outcome.messages.find((m) => m.ruleId === 'mandatory-language')!;
    const line = readFileSync(plantedReport, 'utf8').split('\n')[mandatory.line! - 1];
    expect(line.slice(mandatory.column! - 1, mandatory.column! - 1 + 5)).toBe('shall');
    const slip = outcome.messages.find((m) => m.ruleId === 'directive-nesting')!;
    expect(slip.reason).toContain('use four colons on the recommendation: ::::recommendation … ::::');
    const unknown = outcome.messages.find((m) => m.ruleId === 'unknown-directive')!;
    expect(unknown.reason).toContain('did you mean `::recommendations`?');
    const attribute = outcome.messages.find((m) => m.ruleId === 'unknown-attribute')!;
    expect(attribute.reason).toContain('did you mean `topic`?');
  });
});

describe('precision: well-formed reports lint clean', () => {
  it('a generated 60-page report (chapters, variants, examples, footnotes, citations, quoted "shall") has zero findings', async () => {
    const root = makeWorkspace({});
    workspaces.push(root);
    writeFiles(path.join(root, 'reports', 'generated'), toRapporteur(generateReport({ slug: 'generated', pages: 60, seed: 7, citations: 100 })));
    const file = path.join(root, 'reports', 'generated', 'report.md');
    const outcome = await lintTargets(root, [{ slug: 'generated', root, file }], { cache: false });
    expect(outcome.messages.map((m) => `${m.file}:${m.line} ${m.reason} ${m.ruleId}`)).toEqual([]);
  });

  it('the sample report reports/access-to-evidence has zero findings (but its partial Japanese translation)', async () => {
    const file = path.join(repoRoot, 'reports', 'access-to-evidence', 'report.md');
    const outcome = await lintTargets(repoRoot, [{ slug: 'access-to-evidence', root: repoRoot, file }], { cache: false });
    // The sample's Japanese translation covers three recommendations, and one of its units was
    // translated before a source edit, on purpose: the build's fallback and stale marking show.
    const translation = outcome.messages.filter((m) => m.ruleId === 'translation');
    expect(translation.map((m) => `${m.fatal ? 'error' : 'warning'} ${m.reason.replace(/\(.*\)/, '(…)')}`)).toEqual([
      'warning ja: 170 of 219 units have no translation (…); the ja edition shows them in en',
      'warning ja: unit "ex-parte-safeguards/example/US" is stale: the source changed since it was translated (…); the ja edition shows the source text until it is updated',
    ]);
    const rest = outcome.messages.filter((m) => m.ruleId !== 'translation');
    expect(rest.map((m) => `${m.file}:${m.line} ${m.reason} ${m.ruleId}`)).toEqual([]);
  });
});

describe('configuration', () => {
  const body = '::::recommendation{#a title="A" uniform}\nCourts shall act.[^1]\n::::\n\n[^1]: Support.\n';
  const front = '---\ntitle: T\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-21\nsystems: [civil-law, common-law]\nconfidentiality: public\n';

  async function lintWith(files: Record<string, string>) {
    const root = makeWorkspace(files);
    workspaces.push(root);
    const file = path.join(root, 'reports/r/report.md');
    return (await lintTargets(root, [{ slug: 'r', root, file }], { cache: false })).messages.map((m) => `${m.ruleId}:${m.fatal ? 'error' : 'warning'}`);
  }

  it('workspace config sets severities; front matter overrides it', async () => {
    expect(await lintWith({ 'reports/r/report.md': `${front}---\n\n${body}` })).toEqual(['recommendation-example:warning', 'mandatory-language:error']);
    expect(
      await lintWith({
        'rapporteur.config.yaml': 'lint:\n  rules:\n    mandatory-language: warn\n    recommendation-example: off\n',
        'reports/r/report.md': `${front}---\n\n${body}`,
      }),
    ).toEqual(['mandatory-language:warning']);
    expect(
      await lintWith({
        'rapporteur.config.yaml': 'lint:\n  rules:\n    mandatory-language: warn\n    recommendation-example: off\n',
        'reports/r/report.md': `${front}lint:\n  mandatory-language: off\n  recommendation-example: error\n---\n\n${body}`,
      }),
    ).toEqual(['recommendation-example:error']);
  });

  it('rule options come from config ([severity, options])', async () => {
    const text = '::::recommendation{#a title="A" uniform}\nCourts has to act.[^1]\n\n:::example{jurisdiction=FR}\nX.\n:::\n::::\n\n[^1]: Support.\n';
    expect(await lintWith({ 'reports/r/report.md': `${front}---\n\n${text}` })).toEqual([]);
    expect(
      await lintWith({
        'rapporteur.config.yaml': 'lint:\n  rules:\n    mandatory-language: [error, {extra: ["has to"]}]\n',
        'reports/r/report.md': `${front}---\n\n${text}`,
      }),
    ).toEqual(['mandatory-language:error']);
  });

  it('an unknown rule in front matter `lint:` is a front-matter finding at that line with a suggestion', async () => {
    const root = makeWorkspace({ 'reports/r/report.md': `${front}lint:\n  mandatory-langauge: off\n---\n\nText.\n` });
    workspaces.push(root);
    const outcome = await lintTargets(root, [{ slug: 'r', root, file: path.join(root, 'reports/r/report.md') }], { cache: false });
    expect(outcome.messages.map((m) => [m.ruleId, m.line, m.reason])).toEqual([
      ['front-matter', 9, 'front matter `lint`: unknown lint rule `mandatory-langauge`; did you mean `mandatory-language`?'],
    ]);
  });
});

describe('a copy of the sample report with planted defects', () => {
  it('reports each defect at its line, and the nesting slip once with its fix', async () => {
    const sample = path.join(repoRoot, 'reports', 'access-to-evidence');
    const root = makeWorkspace({});
    workspaces.push(root);
    const dir = path.join(root, 'reports', 'access-to-evidence');
    cpSync(sample, dir, { recursive: true });
    // These are source defects; the sample's translation would only echo them as changed units.
    rmSync(path.join(dir, 'translations'), { recursive: true, force: true });
    const edit = (file: string, change: (text: string) => string) => {
      const abs = path.join(dir, file);
      const before = readFileSync(abs, 'utf8');
      const after = change(before);
      expect(after, `planting in ${file} changed nothing`).not.toBe(before);
      writeFileSync(abs, after);
    };
    const ch2 = 'chapters/02-obtaining-evidence.md';
    edit('report.md', (t) => t.replace('status: draft', 'status: final'));
    edit(ch2, (t) => {
      // The slip: the first recommendation gets three colons, like the variants inside it.
      const start = t.indexOf('::::recommendation{#identify-secrets');
      const end = t.indexOf('\n::::\n', start);
      return `${t.slice(0, start)}${t.slice(start + 1, end + 1)}:::\n${t.slice(end + 6)}`;
    });
    edit(ch2, (t) => t.replace('A claimant should identify the trade secrets', 'A claimant must identify the trade secrets'));
    edit(ch2, (t) => t.replace(':ref[confidentiality-orders]', ':ref[confidentiality-order]'));
    edit(ch2, (t) => t.replace('{jurisdiction=DE}', '{jurisdiction=DEU}'));
    edit('chapters/03-protecting-secrets.md', (t) => t.replace(':::variant{system=civil-law}', ':::variant{sytem=civil-law}'));

    const file = path.join(dir, 'report.md');
    const outcome = await lintTargets(root, [{ slug: 'access-to-evidence', root, file }], { cache: false });
    const at = (rel: string, needle: string, nth = 1) => `reports/access-to-evidence/${rel}:${lineOf(path.join(dir, rel), needle, nth)}`;
    const found = outcome.messages.map((m) => `${m.ruleId} ${m.file}:${m.line}${m.fatal ? '' : ' warning'}`);
    const slipLines = outcome.messages.filter((m) => m.ruleId === 'directive-nesting');
    expect(found).toContain(`mandatory-language ${at(ch2, 'A claimant must identify')}`);
    expect(found).toContain(`ref-target ${at(ch2, ':ref[confidentiality-order]')}`);
    expect(found).toContain(`example-jurisdiction ${at(ch2, 'jurisdiction=DEU')}`);
    expect(found).toContain(`unknown-attribute ${at('chapters/03-protecting-secrets.md', 'sytem=civil-law')}`);
    expect(found).toContain(`comment-status ${at('chapters/01-introduction.md', 'status=open')}`);
    expect(found).toContain(`comment-status ${at(ch2, 'status=open')}`);
    // The slip: the first part that fell out carries the explanation, the stray fence is named.
    expect(slipLines[0].reason).toContain('use four colons on the recommendation: ::::recommendation … ::::');
    expect(slipLines.at(-1)!.reason).toMatch(/^stray `:::` printed as text/);
    // Nothing else: no follow-on findings about the broken recommendation.
    expect(new Set(outcome.messages.map((m) => m.ruleId))).toEqual(
      new Set(['mandatory-language', 'ref-target', 'example-jurisdiction', 'unknown-attribute', 'comment-status', 'directive-nesting']),
    );
    expect(outcome.messages.filter((m) => m.ruleId === 'comment-status').every((m) => m.fatal)).toBe(true);
  });
});
