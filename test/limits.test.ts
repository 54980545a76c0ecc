import { describe, expect, it } from 'vitest';
import { generateReport, toRapporteur } from '../bench/generate.js';
import { nestingProblem } from '../src/parse/limits.js';

/** The limits that bound the parser's work (#18 item 8) must never refuse a real report. */
describe('source limits', () => {
  it('accept a generated 1,000-page report, file by file', () => {
    const files = toRapporteur(generateReport({ pages: 1000 })) as Record<string, string | Buffer>;
    // The Markdown files (the report also has its figure, a PNG).
    const markdown = Object.entries(files).filter((entry): entry is [string, string] => entry[0].endsWith('.md'));
    expect(markdown.length).toBeGreaterThan(100);
    for (const [name, text] of markdown) expect(nestingProblem(text, name)?.reason, name).toBeUndefined();
  });

  it('count markers per paragraph, list item and table row, never in fenced code', () => {
    const item = '- the *saisie* of _evidence_ and ~~old~~ text\n';
    expect(nestingProblem(item.repeat(3000), 'x')).toBeUndefined();
    const ordered = Array.from({ length: 2000 }, (_, i) => `${i + 1}. the *saisie* of _evidence_\n`).join('');
    expect(nestingProblem(ordered, 'x')).toBeUndefined();
    const table = '| a | b |\n|---|---|\n' + '| *x* | _y_ |\n'.repeat(3000);
    expect(nestingProblem(table, 'x')).toBeUndefined();
    expect(nestingProblem('```\n' + '*a_'.repeat(400) + '\n```\n', 'x')).toBeUndefined();
  });

  it('see through what only looks like a new item: `2.` lines continue a paragraph', () => {
    // Outside a list, "2. …" cannot start one: it is the same paragraph for micromark.
    const problem = nestingProblem('Text\n' + `2. ${'*a_'.repeat(50)}\n`.repeat(10), 'x');
    expect(problem?.reason).toContain('the paragraph starting on line 1 has more than 500');
    expect(problem?.line).toBe(7); // 100 markers a line: the sixth line of markers passes 500
  });

  it('follow remark-directive: a closing fence closes the outermost container no longer than itself', () => {
    // 30 recommendations, each around a variant, none nested in another.
    const rec = '::::recommendation{#a title="A"}\nText.\n\n:::variant{system=civil-law}\nV.\n:::\n::::\n\n';
    expect(nestingProblem(rec.repeat(30), 'x')).toBeUndefined();
    // The classic slip: `:::recommendation` closed by its variant's fence, over and over.
    const slip = ':::recommendation{#a title="A"}\nText.\n\n:::variant{system=civil-law}\nV.\n:::\n:::\n\n';
    expect(nestingProblem(slip.repeat(30), 'x')).toBeUndefined();
    expect(nestingProblem(':::::a\n'.repeat(21) + 'x\n', 'x')?.reason).toContain('nested 21 deep');
  });
});
