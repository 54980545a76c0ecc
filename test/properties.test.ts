/**
 * Property tests over generated Markdown (fast-check): whatever a rapporteur writes, parsing,
 * loading and rendering never throw; editions partition variants; comments never reach output;
 * a cached tree is the tree. Lint and diff properties run once those modules are in the tree.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport, type LoadResult } from '../src/model/load.js';
import type { SourceReader } from '../src/model/reader.js';
import type { Report } from '../src/model/types.js';
import { parseMarkdown } from '../src/parse/processor.js';
import { renderHtml } from '../src/render/html.js';
import { loadTemplate } from '../src/render/template.js';
import { repoRoot } from './helpers.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-props-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const template = loadTemplate('default', root);
const SYSTEMS = ['civil-law', 'common-law'];
const FRONT = `---\ntitle: Property Report\nversion: 0.1.0\nstatus: draft\nsystems: [${SYSTEMS.join(', ')}]\nconfidentiality: working-group\n---\n\n`;

/** Loads a report from memory: report.md plus chapter files, no disk involved. */
async function loadFromMemory(files: Record<string, string>): Promise<LoadResult> {
  const reader: SourceReader = {
    label: 'memory',
    async read(absPath) {
      const rel = path.relative(path.join(root, 'reports', 'r'), absPath).split(path.sep).join('/');
      return rel in files ? new TextEncoder().encode(files[rel]) : undefined;
    },
  };
  return loadReport({ slug: 'r', root, file: path.join(root, 'reports', 'r', 'report.md') }, { reader });
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const word = fc.constantFrom('court', 'evidence', 'secret', 'order', 'party', 'expert', 'Gericht', 'preuve', '証拠', 'ça', 'a', 'the');
const junkChar = fc.constantFrom(...'ab *_[]():{}#>-|`!^=\\\n \t<&"\'~.,1+'.split(''));
/** Any string of Markdown-significant characters: the fuzzing part. */
const junk = fc.string({ unit: junkChar, maxLength: 120 });
const inline = fc.array(fc.oneof(word, word.map((w) => `*${w}*`), word.map((w) => `**${w}**`), word.map((w) => `\`${w}\``), fc.constant('[^n1]'), word.map((w) => `[${w}](#x)`)), { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
const heading = fc.tuple(fc.integer({ min: 1, max: 4 }), inline).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`);
const list = fc.array(inline, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n'));
const table = fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 4 }).map((rows) => ['| A | B |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n'));
const quote = inline.map((text) => `> ${text}`);
const jurisdiction = fc.constantFrom('FR', 'DE', 'GB', 'US', 'JP', 'ZA', 'EU', 'XX', 'fr', '');

let tokenSeq = 0;
/** A unique marker word, so a test can find exactly where a piece of text went. */
const token = (kind: string) => fc.constant(null).map(() => `zq${kind}${(tokenSeq++).toString(36)}marker`);

/** The page's text and markup without its stylesheets and data URLs (embedded fonts could contain any short word). */
function visible(html: string): string {
  return html.replace(/<style\b[\s\S]*?<\/style>/gi, '').replace(/data:[^"')\s]+/g, '');
}

interface Rec {
  text: string;
  variants: Array<{ system: string; token: string }>;
  comments: string[];
}

const recommendation: fc.Arbitrary<Rec> = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    principle: inline,
    uniform: fc.boolean(),
    variants: fc.array(fc.tuple(fc.constantFrom(...SYSTEMS, 'mixed-law'), token('v'), inline), { maxLength: 3 }),
    examples: fc.array(fc.tuple(jurisdiction, inline), { maxLength: 2 }),
    comment: fc.option(token('c')),
    rationale: fc.option(inline),
  })
  .map((r) => {
    const parts = [`::::recommendation{#${r.id} title="T ${r.id}"${r.uniform ? ' uniform' : ''}}`, r.principle, ''];
    for (const [system, tok, text] of r.variants) parts.push(`:::variant{system=${system}}`, `${tok} ${text}`, ':::', '');
    for (const [code, text] of r.examples) parts.push(`:::example{jurisdiction=${code}}`, text, ':::', '');
    if (r.rationale) parts.push(':::rationale', r.rationale, ':::', '');
    if (r.comment) parts.push(`:::comment{author="A" status=open}`, `${r.comment} says no`, ':::', '');
    parts.push('::::');
    return { text: parts.join('\n'), variants: r.variants.map(([system, tok]) => ({ system, token: tok })), comments: r.comment ? [r.comment] : [] };
  });

const inlineComment = token('k').map((tok) => ({ text: `Text :comment[${tok} private]{author="B"} after.`, variants: [], comments: [tok] }) as Rec);
const plainBlock = fc.oneof(inline, heading, list, table, quote).map((text) => ({ text, variants: [], comments: [] }) as Rec);
/** Well-formed blocks: what a careful rapporteur writes. */
const wellFormed = fc.array(fc.oneof({ weight: 3, arbitrary: plainBlock }, { weight: 2, arbitrary: recommendation }, { weight: 1, arbitrary: inlineComment }), { maxLength: 8 });
/** Anything: well-formed blocks mixed with junk and fragments of directives. */
const anything = fc.array(
  fc.oneof(
    plainBlock.map((b) => b.text),
    recommendation.map((r) => r.text),
    junk,
    fc.constantFrom('::::recommendation{#x', ':::variant{system=civil-law}', ':::', '::::', '::toc', '::recommendations', ':ref[x]', '[^n1]: A note.', '---', '```', '<script>alert(1)</script>'),
  ),
  { maxLength: 10 },
).map((blocks) => blocks.join('\n\n'));

function editionsOf(report: Report): string[] {
  return ['full', ...report.meta.systems];
}

const runs = { numRuns: 60 };

// ---------------------------------------------------------------------------------------------

describe('properties (fast-check)', { timeout: 120_000 }, () => {
  it('parsing any text never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anything, junk), (text) => {
        parseMarkdown(text);
      }),
      { numRuns: 200 },
    );
  });

  it('loading and rendering any report in every edition never throws', async () => {
    await fc.assert(
      fc.asyncProperty(anything, anything, async (body, chapter) => {
        const loaded = await loadFromMemory({ 'report.md': `${FRONT.replace('---\n\n', 'chapters: [c.md]\n---\n\n')}${body}\n`, 'c.md': `${chapter}\n` });
        if (!loaded.report) return;
        for (const edition of editionsOf(loaded.report)) renderHtml(loaded.report, { edition, template });
      }),
      runs,
    );
  });

  it('a cached tree (JSON round trip) is the parsed tree', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const tree = parseMarkdown(text);
        expect(JSON.parse(JSON.stringify(tree))).toStrictEqual(JSON.parse(JSON.stringify(parseMarkdown(text))));
        expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
      }),
      runs,
    );
  });

  it('editions partition variants: each appears in the full edition and in its own system’s only', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (blocks) => {
        const loaded = await loadFromMemory({ 'report.md': `${FRONT}${blocks.map((b) => b.text).join('\n\n')}\n` });
        expect(loaded.report).toBeDefined();
        const report = loaded.report!;
        const html = Object.fromEntries(editionsOf(report).map((e) => [e, visible(renderHtml(report, { edition: e, template }).html)]));
        for (const variant of blocks.flatMap((b) => b.variants)) {
          for (const edition of editionsOf(report)) {
            const expected = edition === 'full' || edition === variant.system;
            expect(html[edition].includes(variant.token), `${variant.token} (${variant.system}) in ${edition}`).toBe(expected);
          }
        }
      }),
      runs,
    );
  });

  it('comment text never reaches any edition', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (blocks) => {
        const loaded = await loadFromMemory({ 'report.md': `${FRONT}${blocks.map((b) => b.text).join('\n\n')}\n` });
        const report = loaded.report!;
        for (const edition of editionsOf(report)) {
          const html = visible(renderHtml(report, { edition, template }).html);
          for (const secret of blocks.flatMap((b) => b.comments)) expect(html).not.toContain(secret);
        }
      }),
      runs,
    );
  });

  // Lint and diff are part of the tree: a missing module fails these, never skips them.
  const lintModule = path.join(repoRoot, 'src', 'lint', 'index.ts');
  it('lint never throws', async () => {
    const { lintReport } = (await import(/* @vite-ignore */ pathToFileURL(lintModule).href)) as {
      lintReport: (input: { report?: Report; problems: LoadResult['problems'] }) => unknown[];
    };
    await fc.assert(
      fc.asyncProperty(anything, async (body) => {
        const loaded = await loadFromMemory({ 'report.md': `${FRONT}${body}\n` });
        lintReport({ report: loaded.report, problems: loaded.problems });
      }),
      runs,
    );
  });

  const diffModule = path.join(repoRoot, 'src', 'diff', 'index.ts');
  type DiffApi = {
    compareReports: (a: Report, b: Report, versions: unknown, edition?: string) => { comparison: { hasChanges: boolean }; tree: import('mdast').Root };
    versionInfo: (report: Report, revision: string) => unknown;
  };
  it('diff(a, a) is empty', async () => {
    const { compareReports, versionInfo } = (await import(/* @vite-ignore */ pathToFileURL(diffModule).href)) as DiffApi;
    await fc.assert(
      fc.asyncProperty(anything, async (body) => {
        const files = { 'report.md': `${FRONT}${body}\n` };
        const a = (await loadFromMemory(files)).report;
        const b = (await loadFromMemory(files)).report;
        if (!a || !b) return;
        const { comparison } = compareReports(a, b, { from: versionInfo(a, 'a'), to: versionInfo(b, 'b') });
        expect(comparison.hasChanges).toBe(false);
      }),
      runs,
    );
  });

  it('the redline keeps every word of both sides', async () => {
    const { compareReports, versionInfo } = (await import(/* @vite-ignore */ pathToFileURL(diffModule).href)) as DiffApi;
    const { prepareTree } = await import('../src/render/transform.js');
    const { plainText } = await import('../src/model/text.js');
    // Section and recommendation numbers are labels the renderer derives (a renumbered heading shows its new number).
    const words = (text: string) => new Set(text.split(/\s+/).filter((w) => w && !/^\d+(\.\d+)*$/.test(w)));
    await fc.assert(
      fc.asyncProperty(wellFormed, wellFormed, async (before, after) => {
        const a = (await loadFromMemory({ 'report.md': `${FRONT}${before.map((b) => b.text).join('\n\n')}\n` })).report!;
        const b = (await loadFromMemory({ 'report.md': `${FRONT}${after.map((x) => x.text).join('\n\n')}\n` })).report!;
        const { tree } = compareReports(a, b, { from: versionInfo(a, 'a'), to: versionInfo(b, 'b') });
        const redline = words(plainText(tree));
        for (const side of [a, b]) {
          for (const w of words(plainText(prepareTree(side)))) expect(redline.has(w), `"${w}" kept in the redline`).toBe(true);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});
