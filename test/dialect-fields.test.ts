import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Heading, Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCacheDir, type ParseStore } from '../src/cache/parse-cache.js';
import { lintTargets } from '../src/lint/index.js';
import { lintReport } from '../src/lint/engine.js';
import { attributeIssues, specOf } from '../src/dialect/index.js';
import { compareReports } from '../src/diff/index.js';
import { renderRedlineHtml } from '../src/diff/redline.js';
import { loadReport } from '../src/model/load.js';
import type { SourceReader } from '../src/model/reader.js';
import type { Report } from '../src/model/types.js';
import { renderBody } from '../src/render/html.js';
import { reportSource, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

/**
 * What extract declares on the shared tree instead of hiding it in strings or hast properties:
 * a footnote's chapter and its author's label (data.note), a heading's section id (data.sectionId).
 */

// An existing folder as the workspace root; the files themselves come from memory.
const root = os.tmpdir();
const dir = path.join(root, 'reports', 'f');
const reportFile = path.join(dir, 'report.md');

async function load(files: Record<string, string>, version = '0.1.0'): Promise<Report> {
  const chapters = Object.keys(files).filter((name) => name !== 'report.md');
  const front = `---\ntitle: Fields\nversion: ${version}\nstatus: draft\n${chapters.length ? `chapters: [${chapters.join(', ')}]\n` : ''}---\n\n`;
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), name === 'report.md' ? front + text : text]));
  const reader: SourceReader = {
    label: 'memory',
    async read(abs) {
      const text = texts.get(abs);
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
  };
  const { report, problems } = await loadReport({ slug: 'f', root, file: reportFile }, { reader });
  if (!report) throw new Error(problems.map((p) => p.reason).join('\n'));
  return report;
}

async function redline(before: Record<string, string>, after: Record<string, string>) {
  const a = await load(before);
  const b = await load(after, '0.2.0');
  const versions = { from: { revision: 'v1', version: '0.1.0', status: 'draft' }, to: { revision: 'v2', version: '0.2.0', status: 'draft' } };
  const { comparison, tree } = compareReports(a, b, versions);
  const html = renderRedlineHtml(comparison, tree, b, {});
  return { comparison, main: html.slice(html.indexOf('<main'), html.indexOf('</main>')) };
}

describe('footnotes: chapter and label are declared fields', () => {
  it('declares each note\'s chapter and author\'s label on the node and in the model', async () => {
    const report = await load({
      'report.md': 'Intro.[^n]\n\n[^n]: Note in the report.\n',
      'one.md': '# One\n\nFirst.[^1]\n\n[^1]: Note in one.\n',
      'two.md': '# Two\n\nSecond.[^1]\n\n[^1]: Note in two.\n',
    });
    expect(report.footnotes.map((f) => ({ chapter: f.chapter, label: f.label }))).toEqual([
      { chapter: 0, label: 'n' }, { chapter: 1, label: '1' }, { chapter: 2, label: '1' },
    ]);
    expect(report.footnotes.map((f) => f.node.data?.note)).toEqual([
      { chapter: 0, label: 'n' }, { chapter: 1, label: '1' }, { chapter: 2, label: '1' },
    ]);
    expect(report.footnoteCalls.map((c) => [c.chapter, c.label])).toEqual([[0, 'n'], [1, '1'], [2, '1']]);
    // The anchors users link to are unchanged: chapter notes keep their `cN-` HTML ids.
    const html = toHtml(renderBody(report).hast);
    expect(html).toContain('id="user-content-fn-n"');
    expect(html).toContain('id="user-content-fn-c1-1"');
    expect(html).toContain('id="user-content-fn-c2-1"');
  });

  it('an author\'s label that looks like a chapter prefix is not taken apart by the diff', async () => {
    // `c1-a` written in report.md is the author's own label, not chapter 1's note `a`: the old
    // diff decoded the prefix by regex and paired the two notes as one, editing its words.
    const { main, comparison } = await redline(
      { 'report.md': '# F\n\nA claim.[^c1-a]\n\n[^c1-a]: Alpha source.\n' },
      { 'report.md': '# F\n\nA claim.[^a]\n\n[^a]: Beta source.\n' },
    );
    expect(comparison.footnotes).toMatchObject({ added: [expect.anything()], removed: [expect.anything()], modified: [] });
    expect(main).not.toMatch(/<del class="rl-del">Alpha<\/del> <ins class="rl-ins">Beta<\/ins>/);
    // The new note is inserted whole (the removed one is not called, so it is not printed).
    expect(main).toMatch(/<li id="user-content-fn-a">\s*<ins class="rl-ins-block">\s*<p>Beta source\.<\/p>/);
    expect(main).toContain('Footnotes: 1 added, 1 removed');
  });

  it('a chapter added before another changes none of that chapter\'s notes', async () => {
    const one = '# One\n\nFirst claim.[^1]\n\n[^1]: The one source.\n';
    const { comparison, main } = await redline(
      { 'report.md': 'Intro.\n', 'one.md': one },
      { 'report.md': 'Intro.\n', 'zero.md': '# Zero\n\nNew chapter.\n', 'one.md': one },
    );
    expect(comparison.footnotes).toMatchObject({ added: [], removed: [], modified: [] });
    expect(main).not.toMatch(/<(del|ins) class="rl-(del|ins)">The one source/);
    expect(main).toMatch(/<ins class="rl-ins-block">\s*<p>New chapter\.<\/p>/);
    expect(main).toMatch(/<li id="user-content-fn-c2-1">\s*<p>The one source\. <a href/);
  });
});

describe('headings: the section id is a declared field', () => {
  it('extract declares data.sectionId (no hast property) and render makes it the HTML id', async () => {
    const report = await load({ 'report.md': '# Scope\n\nText.\n\n# Scope\n\nMore.\n' });
    const nodes = report.headings.map((h) => h.node as Heading);
    expect(nodes.map((node) => node.data?.sectionId)).toEqual(['scope', 'scope-1']);
    expect(nodes.map((node) => node.data?.hProperties)).toEqual([undefined, undefined]);
    const html = toHtml(renderBody(report).hast);
    expect(html).toMatch(/<h2 id="scope"><span class="heading-number">1<\/span> Scope<\/h2>/);
    expect(html).toMatch(/<h2 id="scope-1"><span class="heading-number">2<\/span> Scope<\/h2>/);
  });
});

describe('chapters: lint parses what the loader resolves, nothing else', () => {
  // The parse cache of this file's lint runs, apart from every other test's.
  const previousCache = process.env.RAPPORTEUR_CACHE_DIR;
  process.env.RAPPORTEUR_CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-fields-cache-'));
  afterAll(() => {
    if (previousCache === undefined) delete process.env.RAPPORTEUR_CACHE_DIR;
    else process.env.RAPPORTEUR_CACHE_DIR = previousCache;
  });

  async function lintAndCache(files: Record<string, string>) {
    const root = workspace(files);
    const target = { slug: 'r', root, file: path.join(root, 'reports', 'r', 'report.md') };
    const out = path.join(root, 'dist');
    const outcome = await lintTargets(root, [target], { out });
    const cached = readdirSync(parseCacheDir(out, 'r')).filter((name) => name.endsWith('.json'));
    return { outcome, cached };
  }

  it('a chapter list the loader cannot read (a number in it) is not read, parsed or cached by lint either', async () => {
    // The loader reads no chapter from an invalid `chapters:`; lint's prefetch used to read the
    // YAML itself, parse `one.md` and keep it in the parse cache.
    const { outcome, cached } = await lintAndCache({
      'reports/r/report.md': reportSource('# Intro\n\nText.\n', { chapters: '[one.md, 42]' }),
      'reports/r/one.md': '# One\n\nChapter text.\n',
    });
    expect(outcome.messages.map((m) => m.reason)).toContain('front matter field `chapters.1`: Expected string, received number');
    expect(cached).toHaveLength(1);
  });

  it('the loader hands the store exactly the chapters it includes, once, before parsing them', async () => {
    const root = workspace({
      'reports/r/report.md': reportSource('Intro.\n', { chapters: '[one.md, missing.md, one.md, ../outside.md, two.md]' }),
      'reports/r/one.md': '# One\n\nFirst.\n',
      'reports/r/two.md': '# Two\n\nSecond.\n',
      'reports/outside.md': '# Outside\n',
    });
    const offered: string[][] = [];
    const parsedBeforeOffer: string[] = [];
    const trees = new Map<string, Root>();
    const store: ParseStore = {
      get: (text) => {
        if (offered.length === 0) parsedBeforeOffer.push(text);
        return trees.get(text);
      },
      set: (text, tree) => void trees.set(text, tree),
      prune: () => {},
      prefetch: async (texts) => void offered.push(texts),
    };
    const { report, problems } = await loadReport({ slug: 'r', root, file: path.join(root, 'reports', 'r', 'report.md') }, { store });
    expect(offered).toEqual([['# One\n\nFirst.\n', '# Two\n\nSecond.\n']]);
    expect(report!.files.filter((f) => f.kind === 'chapter').map((f) => f.value)).toEqual(offered[0]);
    // Only report.md (its front matter names the chapters) is parsed before the offer.
    expect(parsedBeforeOffer).toHaveLength(1);
    expect(problems.filter((p) => p.ruleId === 'chapter-path').map((p) => p.reason)).toEqual([
      'chapter `missing.md` does not exist',
      'chapter `one.md` is listed twice (or is the report itself); each file is included once',
      'chapter `../outside.md` is outside the report folder; chapters must stay inside it',
    ]);
  });

  it('chapters parsed ahead in worker threads give the same findings as parsing them in turn', async () => {
    // Over 256 KB in several chapters: the parallel path of lint's store.
    const sentence = 'Courts should order the preservation of evidence held by the other party when a claim is plausible. ';
    const chapter = (n: number) => `# Chapter ${n}\n\n${Array.from({ length: 300 }, (_, i) => `Paragraph ${i} of chapter ${n}. ${sentence.repeat(3)}\n`).join('\n')}`;
    const files = {
      'reports/r/report.md': reportSource('Intro :term[nothing].\n', { chapters: '[one.md, two.md, three.md]' }),
      'reports/r/one.md': chapter(1),
      'reports/r/two.md': chapter(2),
      'reports/r/three.md': chapter(3),
    };
    const parallel = await lintAndCache(files);
    const root = workspace(files);
    const serial = await lintTargets(root, [{ slug: 'r', root, file: path.join(root, 'reports', 'r', 'report.md') }], { cache: false });
    const shown = (messages: typeof serial.messages) => messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.reason}`);
    expect(shown(parallel.outcome.messages)).toEqual(shown(serial.messages));
    expect(shown(serial.messages)).toContain('reports/r/report.md:10:7 term `nothing` is used but never defined; add :::definition{term="nothing"} … :::');
    expect(parallel.cached).toHaveLength(4);
  }, 60_000);
});

describe('attribute values: the spec\'s zod schema says what they may be, lint reads it', () => {
  async function findings(body: string, systems = '[civil-law, common-law]') {
    const root = workspace({ 'reports/r/report.md': reportSource(body, { systems }) });
    const loaded = await loadReport({ slug: 'r', root, file: path.join(root, 'reports', 'r', 'report.md') });
    // Front matter is 9 lines: findings are shown with lines of the body.
    return lintReport(loaded, {}).map((m) => `${m.line! - 9}:${m.column} ${m.ruleId} ${m.reason}`);
  }

  it('each spec validates values with the report as context, did-you-mean from the finite set', () => {
    const variant = specOf('variant')!;
    const context = { systems: ['civil-law', 'common-law'] };
    expect(variant.attributes(context).safeParse({ system: 'civil-law' }).success).toBe(true);
    const bad = variant.attributes(context).safeParse({ system: 'civl-law' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      "variant for `civl-law`, which is not among this report's systems (civil-law, common-law), so no single-system edition prints it; did you mean `civil-law`?",
    ]);
    // Another report's systems make another schema.
    expect(variant.attributes({ systems: ['mixed'] }).safeParse({ system: 'civil-law' }).success).toBe(false);
    const example = specOf('example')!;
    expect(example.attributes(context).safeParse({ jurisdiction: 'EU' }).success).toBe(true);
    expect(example.attributes(context).safeParse({ jurisdiction: 'UK' }).success).toBe(false);
    expect(specOf('recommendation')!.attributes(context).safeParse({ id: 'Bad_Id', uniform: 'yes' }).success).toBe(false);
    expect(specOf('definition')!.attributes(context).safeParse({ term: '  ' }).success).toBe(false);
  });

  it('typed nodes carry the issues with the rule that reports each', async () => {
    const report = await load({ 'report.md': '::::recommendation{#Bad_Id title="A" uniform=yes}\nCourts should act.\n\n:::variant{system=civl-law}\nA judge.\n:::\n::::\n' });
    const rec = report.recommendations[0];
    expect(attributeIssues(rec.node, { systems: report.meta.systems }).map((i) => [i.attribute, i.rule])).toEqual([['id', 'recommendation-id'], ['uniform', 'attribute-value']]);
    expect(attributeIssues(rec.variants[0].node, { systems: report.meta.systems }).map((i) => [i.attribute, i.rule])).toEqual([['system', 'variant-system']]);
  });

  it('lint reports a bad flag and a misspelt comment status at the attribute, with the zod message', async () => {
    const messages = await findings('::::recommendation{#a title="A" uniform=tru}\nCourts should act.:comment[Too strong?]{author="Ann" status=resolvd}\n\n:::variant{system=civil-law}\nA judge.\n:::\n\n:::variant{system=common-law}\nA master.\n:::\n::::\n');
    expect(messages.filter((m) => m.includes('attribute-value'))).toEqual([
      '1:33 attribute-value `uniform=tru` on a recommendation: `uniform` is a flag, written bare (`uniform`) or `uniform=false`; did you mean `true`?',
      '2:54 attribute-value `status=resolvd` on a comment is not one of open, resolved, so the comment counts as open; did you mean `resolved`?',
    ]);
  });

  it('values other rules explain are reported once, by those rules, with the spec\'s words', async () => {
    const messages = await findings(':::definition{term=" "}\nNothing.\n:::\n\n::::recommendation{#main title="A"}\nCourts should act.\n\n:::variant{system=civl-law}\nA judge.\n:::\n\n:::example{jurisdiction=UK}\nA case.\n:::\n::::\n');
    const about = (rule: string) => messages.filter((m) => m.split(' ')[1] === rule);
    expect(about('term-duplicate')).toEqual(['1:15 term-duplicate definition without a term; write :::definition{term="…"}']);
    expect(about('recommendation-id')).toEqual([
      "5:20 recommendation-id recommendation id `main` is an id the page itself uses (main, contents, footnote-label, view-all, view-civil-law, view-common-law); two elements would share it and links to it would land on the page's own; choose another",
    ]);
    expect(about('variant-system')).toEqual([
      "8:12 variant-system variant for `civl-law`, which is not among this report's systems (civil-law, common-law), so no single-system edition prints it; did you mean `civil-law`?",
    ]);
    expect(about('example-jurisdiction')).toEqual(['12:12 example-jurisdiction unknown jurisdiction code `UK`; did you mean `GB` (United Kingdom)?']);
    expect(about('attribute-value')).toEqual([]);
  });

  it('a misspelt attribute is unknown-attribute\'s finding alone, not also a missing value', async () => {
    const messages = await findings('::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{sytem=civil-law}\nA judge.\n:::\n::::\n');
    expect(messages.filter((m) => /variant-system|attribute-value|unknown-attribute/.test(m))).toEqual([
      '4:12 unknown-attribute unknown attribute `sytem` on `:::variant` is ignored; did you mean `system`? (:::variant takes system)',
    ]);
  });
});
