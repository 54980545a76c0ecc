import fc from 'fast-check';
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { compareReports, versionInfo } from '../src/diff/index.js';
import { mergeTrees } from '../src/diff/merge.js';
import { diffTokens, rebuild, tokenize } from '../src/diff/words.js';
import { loadReport } from '../src/model/load.js';
import type { SourceReader } from '../src/model/reader.js';
import type { Report } from '../src/model/types.js';
import { markdownToHast } from '../src/render/html.js';
import { prepareTree } from '../src/render/transform.js';

/** Reports built in memory: the loader reads through a SourceReader, so no disk or git is needed here. */
async function load(markdown: string): Promise<Report> {
  const reader: SourceReader = {
    label: 'memory',
    async read(abs) {
      return abs === '/ws/reports/p/report.md' ? new TextEncoder().encode(markdown) : undefined;
    },
  };
  const { report } = await loadReport({ slug: 'p', root: '/ws', file: '/ws/reports/p/report.md' }, { reader });
  if (!report) throw new Error('report did not load');
  return report;
}

const front = '---\ntitle: Property\nversion: 0.1.0\nstatus: draft\nsystems: [civil-law, common-law]\n---\n\n';
const vocabulary = ['court', 'evidence', 'secret', 'order', 'party', 'the', 'a', 'may', 'should', 'claimant', 'defendant', 'seize', 'expert', 'judge'];
const word = fc.constantFrom(...vocabulary);
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).map((w) => `${w.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));

const recommendation = fc
  .record({ principle: paragraph, civil: paragraph, common: paragraph, title: fc.array(word, { minLength: 1, maxLength: 4 }) })
  .map(
    (r) => (id: string) =>
      `::::recommendation{#${id} title="${r.title.join(' ')}"}\n${r.principle}\n\n:::variant{system=civil-law}\n${r.civil}\n:::\n\n:::variant{system=common-law}\n${r.common}\n:::\n::::\n`,
  );

const block = fc.oneof(
  paragraph.map((p) => () => `${p}\n`),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => () => `## ${w.join(' ')}\n`),
  recommendation,
);

const document = fc.array(block, { minLength: 1, maxLength: 8 }).map((blocks) => {
  let n = 0;
  return `${front}# Start\n\n${blocks.map((b) => b(`rec-${++n}`)).join('\n')}`;
});

/** Re-wraps a text: some spaces inside paragraphs become line breaks (Markdown reads both as a space). */
function rewrap(markdown: string, seed: number): string {
  let i = seed;
  const [, yaml, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(markdown) ?? ['', '', markdown];
  const lines = body.split('\n').map((line) =>
    /^[:#]/.test(line) ? line : line.replace(/([a-z.]) ([a-z])/g, (_m, a: string, b: string) => ((i = (i * 31 + 7) % 97) % 3 === 0 ? `${a}\n${b}` : `${a} ${b}`)),
  );
  return yaml + lines.join('\n');
}


describe('diff properties', () => {
  it('finds no change between a report and itself, even re-wrapped', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.nat(1000), async (markdown, seed) => {
        const a = await load(markdown);
        const b = await load(rewrap(markdown, seed));
        const info = { from: { revision: 'a', version: '0.1.0', status: 'draft' }, to: { revision: 'b', version: '0.1.0', status: 'draft' } };
        const { comparison } = compareReports(a, b, info);
        expect(comparison.hasChanges).toBe(false);
        expect(comparison.stats).toEqual({ inserted: 0, deleted: 0, moved: 0, blocksChanged: 0 });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every old word as kept or deleted and every new word as kept or inserted (tokens)', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 40 }), (before, after) => {
        const items = diffTokens(tokenize([{ type: 'text', value: before.join(' ') }]), tokenize([{ type: 'text', value: after.join(' ') }]));
        expect(items.filter((i) => i.mark !== 'ins').map((i) => i.token.key)).toEqual(before);
        expect(items.filter((i) => i.mark !== 'del').map((i) => i.token.key)).toEqual(after);
        // And the rebuilt inline content says the same.
        const paragraph = { type: 'paragraph', children: rebuild(items, 'en') } as never;
        const hast = markdownToHast({ type: 'root', children: [paragraph] });
        expect(words(textWithout(hast, 'ins'))).toEqual(before);
        expect(words(textWithout(hast, 'del'))).toEqual(after);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every word in the rendered redline of two paragraphs with formatting', async () => {
    const formatted = fc.array(fc.tuple(word, fc.constantFrom('', '*', '**')), { minLength: 1, maxLength: 25 }).map((ws) => ws.map(([w, m]) => `${m}${w}${m}`).join(' '));
    await fc.assert(
      fc.asyncProperty(formatted, formatted, async (x, y) => {
        const a = await load(`${front}${x}\n`);
        const b = await load(`${front}${y}\n`);
        const merged = mergeTrees(prepareTree(a), prepareTree(b));
        if (merged.stats.moved > 0) return; // a moved block shows old and new text in two places
        const hast = markdownToHast(merged.tree);
        expect(words(textWithout(hast, 'ins'))).toEqual(words(x.replace(/\*/g, '')));
        expect(words(textWithout(hast, 'del'))).toEqual(words(y.replace(/\*/g, '')));
      }),
      { numRuns: 150 },
    );
  });
});

function textWithout(tree: HastRoot | Element, tag: string): string {
  const parts: string[] = [];
  const walk = (node: HastRoot | HastContent) => {
    if (node.type === 'text') parts.push(node.value);
    if (node.type === 'element' && node.tagName === tag) return;
    if ('children' in node) for (const child of node.children) walk(child as HastContent);
    if (node.type === 'element' && ['p', 'div', 'section', 'li'].includes(node.tagName)) parts.push(' ');
  };
  walk(tree);
  return parts.join('');
}

function words(text: string): string[] {
  return text.replace(/[.]/g, ' ').split(/\s+/).filter(Boolean);
}
