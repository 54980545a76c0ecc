/**
 * The dialect as a typed stage (src/dialect) and what it fixed: render pairs recommendations by
 * identity, comment slips stop the build, every image goes through one pipeline however it is
 * written, and the defined-terms directive works in lint, every edition and the diff.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { buildReports } from '../src/build/index.js';
import { run } from '../src/cli/main.js';
import { applyDialect, DIALECT, parseDialect } from '../src/dialect/index.js';
import { compareReports, versionInfo } from '../src/diff/index.js';
import { lintReport } from '../src/lint/engine.js';
import { loadReport } from '../src/model/load.js';
import { parseMarkdown } from '../src/parse/processor.js';
import { renderBody } from '../src/render/html.js';
import { decorateRecommendations, dropComments, renderContext, resolveReferences, selectEdition } from '../src/render/transform.js';
import { formatProblem } from '../src/util/problems.js';
import { FORMAT_NAMES, WRITERS, type Writer } from '../src/writers/index.js';
import { configSchema } from '../src/config.js';
import { reportSource, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();
const REPORT = 'reports/r/report.md';
const SYSTEMS = { systems: '[civil-law, common-law]' };

async function load(root: string, file = REPORT) {
  return loadReport({ slug: path.basename(path.dirname(file)), root, file: path.join(root, file) });
}

async function build(root: string, formats = ['html'], editions = ['full']) {
  return buildReports([{ slug: 'r', root, file: path.join(root, REPORT) }], { formats, editions, out: path.join(root, 'dist'), cache: false });
}

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd, color: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the dialect stage', () => {
  it('turns every directive the dialect knows into its typed node, once, right after the parse', () => {
    const source = '::::recommendation{#a title="A" uniform}\nSee :ref[a] and :term[x].:comment[c]{author=Ann}\n\n:::definition{term="x"}\nX.\n:::\n::::\n\n::toc\n\n::glossary\n\n::recommendations\n\n:::unknown\nu\n:::\n';
    const { tree, problems } = parseDialect(source, 'r.md');
    expect(problems).toEqual([]);
    const types: string[] = [];
    const walk = (node: { type: string; children?: unknown[] }) => {
      types.push(node.type);
      for (const child of (node.children ?? []) as Array<{ type: string }>) walk(child);
    };
    walk(tree);
    for (const type of ['recommendation', 'xref', 'termUse', 'comment', 'termDefinition', 'toc', 'glossary', 'recommendationSummary']) expect(types).toContain(type);
    // A directive the dialect does not know stays a directive (lint names it; render shows its content).
    expect(types).toContain('containerDirective');
    expect(DIALECT.map((spec) => spec.name)).toEqual(
      expect.arrayContaining(['recommendation', 'variant', 'example', 'rationale', 'comment', 'ref', 'toc', 'recommendations', 'definition', 'term', 'glossary']),
    );
  });

  it('render steps work on a small tree of typed nodes', () => {
    const tree = parseMarkdown('::::recommendation{#b title="Second"}\nText :ref[b].:comment[hidden]{author=X}\n\n:::variant{system=civil-law}\nCivil.\n:::\n\n:::variant{system=common-law}\nCommon.\n:::\n::::\n');
    applyDialect(tree, { file: 'r.md', source: '' });
    const recommendation = tree.children[0];
    if (recommendation.type !== 'recommendation') throw new Error('not typed');
    const item = { id: 'b', number: '4.2', title: 'Second' } as never;
    const report = { recommendations: [item], headings: [] } as never;
    dropComments(tree);
    selectEdition(tree, { edition: 'common-law' });
    decorateRecommendations(tree, { itemOf: (node) => (node === recommendation ? item : undefined) });
    resolveReferences(tree, { report });
    const rendered = tree.children[0];
    if (rendered.type !== 'recommendation') throw new Error('lost');
    expect(rendered.number).toBe('4.2');
    expect(rendered.children.map((c) => c.type)).toEqual(['recommendationHeading', 'principle', 'variant']);
    expect(JSON.stringify(rendered)).not.toContain('hidden');
    expect(JSON.stringify(rendered)).not.toContain('Civil.');
    expect(JSON.stringify(rendered)).toContain('Recommendation 4.2');
  });
});

describe('render pairs recommendations by identity', () => {
  const body = [
    '# One',
    '',
    '::::recommendation{#alpha title="Alpha"}',
    'Alpha principle.',
    '::::',
    '',
    ':::::variant{system=civil-law}',
    '::::recommendation{#beta title="Beta"}',
    'Beta principle.',
    '::::',
    ':::::',
    '',
    '::::recommendation{#gamma title="Gamma"}',
    'Gamma principle.',
    '::::',
    '',
  ].join('\n');

  it("a stray variant around a recommendation never prints another recommendation's text under its id", async () => {
    const root = workspace({ [REPORT]: reportSource(body, SYSTEMS) });
    const { report } = await load(root);
    const html = toHtml(renderBody(report!, 'common-law').hast);
    const gamma = html.slice(html.indexOf('<section class="recommendation" id="gamma"'));
    expect(gamma).toContain('Gamma principle.');
    expect(gamma).toContain('<span class="recommendation-title">Gamma</span>');
    expect(html).not.toContain('id="beta"');
  });

  it('build stops with the lint message when the structure cannot be read', async () => {
    const root = workspace({ [REPORT]: reportSource(body, SYSTEMS) });
    const outcome = await build(root, ['html'], ['common-law']);
    expect(outcome.failed).toEqual(['r']);
    expect(outcome.outputs).toEqual([]);
    expect(outcome.problems.map(formatProblem)).toContainEqual(expect.stringMatching(/^reports\/r\/report\.md:16:1 error `:::::variant` stands outside any recommendation.* directive-nesting$/));
    expect(existsSync(path.join(root, 'dist', 'r', 'r-common-law.html'))).toBe(false);
  });
});

describe('a comment that does not parse is never published', () => {
  const slips: Array<[string, string, number]> = [
    ['quotes inside a quoted value', 'Courts should act.:comment[SECRET-1 too strong]{author="Ann "the judge""}\n', 1],
    ['a space before {', 'Courts should act. :comment[SECRET-2 too strong] {author="Ann"}\n', 1],
    ['a [ in the text', 'Courts should act. :comment[SECRET-3 see [1 here]{author="Ann"}\n', 1],
    ['a blank line in the text', 'Courts should act. :comment[SECRET-4 first\n\nsecond]{author="Ann"}\n', 1],
    ['a block comment with a space before {', 'Courts should act.\n\n:::comment {author="Ann"}\nSECRET-5 too strong\n:::\n', 3],
    ['a comment in an image description', '![A chart :comment[SECRET-6 wrong figure]{author=Ann}](chart.png)\n', 1],
  ];
  for (const [name, text, line] of slips) {
    it(name, async () => {
      const root = workspace({ [REPORT]: reportSource(`# S\n\n${text}`), 'reports/r/chart.png': new Uint8Array([137, 80, 78, 71]) });
      const { problems } = await load(root);
      const found = problems.filter((p) => p.ruleId === 'comment-syntax');
      expect(found.map((p) => `${p.file}:${p.line}`)).toEqual([`${REPORT}:${line + 10}`]);
      expect(found[0].fatal).toBe(true);
      const outcome = await build(root);
      expect(outcome.failed).toEqual(['r']);
      expect(existsSync(path.join(root, 'dist', 'r', 'r.html'))).toBe(false);
    });
  }

  it('well-formed and escaped comments are not slips', async () => {
    const root = workspace({ [REPORT]: reportSource('# S\n\nCourts should act.:comment[SECRET too strong]{author="Ann, the judge"}\n\nThe word \\:comment is text.\n') });
    const { problems } = await load(root);
    expect(problems).toEqual([]);
    const outcome = await build(root);
    expect(outcome.failed).toEqual([]);
    const html = readFileSync(path.join(root, 'dist', 'r', 'r.html'), 'utf8');
    expect(html).not.toContain('SECRET');
    expect(html).toContain('The word :comment is text.');
  });
});

describe('every image goes through one pipeline, however it is written', () => {
  const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

  it('reference-style images are resolved, contained and embedded like inline ones', async () => {
    const body = [
      '# Images',
      '',
      '![remote][remote] ![passwd][passwd] ![parent][parent] ![local][local]',
      '',
      '[remote]: //evil.example/x.png',
      '[passwd]: /etc/passwd',
      '[parent]: ../../../outside.png',
      '[local]: images/logo.png',
      '',
    ].join('\n');
    const root = workspace({ [REPORT]: reportSource(body), 'reports/r/images/logo.png': PNG, 'outside.png': PNG });
    const outcome = await build(root);
    expect(outcome.failed).toEqual([]);
    const html = readFileSync(path.join(root, 'dist', 'r', 'r.html'), 'utf8');
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('/etc/passwd');
    expect(html).not.toContain('outside.png');
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from(PNG).toString('base64')}"`);
    expect(html.match(/<img /g)).toHaveLength(1);
    const warnings = outcome.problems.map(formatProblem).filter((p) => p.includes('image-source'));
    expect(warnings).toHaveLength(3);
  });

  it('lint and build agree on a workspace-relative image (/images/x.svg)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
    const root = workspace({ [REPORT]: reportSource('# S\n\n![Timeline](/images/x.svg)\n'), 'images/x.svg': svg });
    const loaded = await load(root);
    expect(lintReport(loaded, { only: ['link-target'] })).toEqual([]);
    const outcome = await build(root);
    expect(outcome.problems.map(formatProblem)).toEqual([]);
    expect(readFileSync(path.join(root, 'dist', 'r', 'r.html'), 'utf8')).toContain('src="data:image/svg+xml;base64,');
  });

  it('lint reports an image outside the workspace, which build leaves out', async () => {
    const root = workspace({ [REPORT]: reportSource('# S\n\n![x](../../../x.png)\n') });
    const loaded = await load(root);
    expect(lintReport(loaded, { only: ['link-target'] }).map(formatProblem)).toEqual([
      `${REPORT}:11:1 error image \`../../../x.png\` is outside the workspace, so builds leave it out; keep images inside the report folder link-target`,
    ]);
  });
});

describe('defined terms', () => {
  const body = (definition: string) =>
    [
      '# Terms',
      '',
      ':::definition{term="trade secret"}',
      definition,
      ':::',
      '',
      '::glossary',
      '',
      '# Evidence',
      '',
      '::::recommendation{#keep title="Keep evidence"}',
      'Courts should protect a :term[Trade Secret] and :term[know-how].[^1]',
      '',
      ':::variant{system=civil-law}',
      'A bailiff should describe the evidence.',
      '',
      ':::definition{term="know-how"}',
      'Practical knowledge.',
      ':::',
      ':::',
      '',
      ':::variant{system=common-law}',
      'A search order, for a :term[confidential idea].',
      ':::',
      '',
      ':::example{jurisdiction=FR}',
      'The saisie.',
      ':::',
      '::::',
      '',
      '[^1]: Directive (EU) 2016/943.',
      '',
    ].join('\n');

  it('lint warns on a term used but never defined (at the use) and on a term defined twice', async () => {
    const root = workspace({ [REPORT]: reportSource(`${body('Secret information.')}\n:::definition{term="Trade  Secret"}\nAgain.\n:::\n`, SYSTEMS) });
    const loaded = await load(root);
    expect(lintReport(loaded, { only: ['term-undefined', 'term-duplicate'] }).map(formatProblem)).toEqual([
      `${REPORT}:32:23 warning term \`confidential idea\` is used but never defined; add :::definition{term="confidential idea"} … ::: term-undefined`,
      `${REPORT}:42:15 warning term \`Trade  Secret\` is defined twice (first at ${REPORT}:12); keep one definition term-duplicate`,
    ]);
  });

  it('every edition keeps every definition; uses link to it; the glossary lists each term once', async () => {
    const root = workspace({ [REPORT]: reportSource(body('Secret information.'), SYSTEMS) });
    const { report } = await load(root);
    for (const edition of ['full', 'civil-law', 'common-law']) {
      const html = toHtml(renderBody(report!, edition).hast);
      expect(html, edition).toContain('<div class="definition" id="term-trade-secret" data-term="trade secret">');
      expect(html, edition).toContain('id="term-know-how"');
      expect(html, edition).toContain('<a href="#term-trade-secret" class="term">Trade Secret</a>');
      expect(html, edition).toContain('<li><a href="#term-know-how" class="glossary-term"><strong>know-how</strong></a> — Practical knowledge.</li>');
    }
    const common = toHtml(renderBody(report!, 'common-law').hast);
    expect(common).not.toContain('A bailiff');
  });

  it('the diff reports changed definitions', async () => {
    const before = (await load(workspace({ [REPORT]: reportSource(body('Secret information.'), SYSTEMS) }))).report!;
    const after = (await load(workspace({ [REPORT]: reportSource(body('Secret business information of value.'), SYSTEMS) }))).report!;
    const { comparison, tree } = compareReports(before, after, { from: versionInfo(before, 'v1'), to: versionInfo(after, 'worktree') });
    expect(comparison.definitions).toEqual({ added: [], removed: [], modified: ['trade secret'] });
    expect(comparison.hasChanges).toBe(true);
    // Four words in the definition, four more where the glossary repeats it.
    expect(comparison.stats.inserted).toBe(8);
    const definition = tree.children.find((node) => node.type === 'termDefinition');
    expect(JSON.stringify(definition)).toContain('rl-ins');
  });
});

describe('writers', () => {
  it('formats come from the registry: config schema, build --help, diff --help', async () => {
    expect(FORMAT_NAMES).toEqual(WRITERS.map((w) => w.format));
    expect(configSchema.shape.formats.removeDefault().element.options).toEqual(FORMAT_NAMES);
    const root = workspace({});
    const help = await cli(['build', '--help'], root);
    expect(help.out.replace(/\s+/g, ' ')).toContain(`comma-separated output formats: ${FORMAT_NAMES.join(', ')}, or all`);
    const diffHelp = await cli(['diff', '--help'], root);
    expect(diffHelp.out).toContain(`comma-separated: ${FORMAT_NAMES.join(', ')}, json`);
  });

  it('a new format is one writer in the registry: build writes it for every edition', async () => {
    const text: Writer = {
      format: 'txt',
      extension: 'txt',
      description: 'plain text',
      async write(report, edition, context) {
        const { writeFileAtomic } = await import('../src/util/atomic-write.js');
        await writeFileAtomic(context.file, `${report.meta.title} (${edition}): ${context.html().length > 0}`);
        context.wrote(context.file);
      },
    };
    WRITERS.push(text);
    try {
      const root = workspace({ [REPORT]: reportSource('# S\n\nText.\n', SYSTEMS) });
      const outcome = await build(root, ['txt'], ['all']);
      // The report's own reference comes first (how to cite it), then one file per edition.
      expect(outcome.outputs.map((f) => path.basename(f))).toEqual(['r.csl.json', 'r.bib', 'r.ris', 'r.txt', 'r-civil-law.txt', 'r-common-law.txt']);
      expect(readFileSync(path.join(root, 'dist', 'r', 'r-civil-law.txt'), 'utf8')).toBe('Test Report (civil-law): true');
    } finally {
      WRITERS.pop();
    }
  });
});
