import { describe, expect, test } from 'vitest';
import { makeSegment, placePassage } from '../src/comments/anchor.js';
import { parsePorcelain, introducingCommit } from '../src/git/blame.js';
import { snapToWord, textUnderQuads, annotationId } from '../src/comments/pdf.js';
import { setStatusAttribute } from '../src/comments/resolve.js';
import { extractModel } from '../src/model/extract.js';
import { fallbackFrontMatter } from '../src/model/frontmatter.js';
import { parseDialect } from '../src/dialect/index.js';

const segment = makeSegment;

describe('placing a PDF passage', () => {
  const segments = [
    segment('', 'section', 'Contents 1 Introduction 2.2 Preserve evidence before it disappears'),
    segment('preserving', 'section', 'Evidence of misappropriation is volatile. Files are deleted and devices replaced.'),
    segment('evidence-preservation', 'recommendation', 'Recommendation 2.2 Preserve evidence before it disappears Courts should be able to order, at short notice, that evidence of misappropriation be preserved.'),
  ];

  test('survives line-end hyphenation, footnote numbers and ligatures', () => {
    expect(placePassage('Courts should be able to or- der, at short notice,3 that evi dence', segments)).toMatchObject({ anchor: 'evidence-preservation', how: 'exact' });
    expect(placePassage('Files are deleted and devices re\ufb01placed', segments).anchor).toBe('preserving');
  });

  test('a passage also printed in the contents prefers the recommendation', () => {
    expect(placePassage('Preserve evidence before it disappears', segments)).toMatchObject({ anchor: 'evidence-preservation', candidates: ['', 'evidence-preservation'] });
  });

  test('a clipped word at either end still matches; unrelated text does not', () => {
    expect(placePassage('ourts should be able to order, at sho', segments)).toMatchObject({ anchor: 'evidence-preservation', how: 'exact' });
    expect(placePassage('Nothing of the sort appears anywhere in this report at all', segments)).toEqual({ anchor: '', how: 'none' });
  });

  test('falls back to word overlap when the text was edited since the PDF was made', () => {
    expect(placePassage('Evidence of misappropriation is very volatile. Files are often deleted and devices replaced.', segments)).toEqual({ anchor: 'preserving', how: 'fuzzy' });
  });
});

describe('text under a highlight', () => {
  const items = [
    { str: 'The court should be able to grant a search order', x: 100, y: 500, width: 480, height: 10 },
    { str: 'supervised by an independent lawyer.', x: 100, y: 485, width: 360, height: 10 },
  ];
  test('cuts runs proportionally and snaps to whole words, over several lines', () => {
    // "search order" starts at character 36 (x = 460); the quad starts 2 points late.
    expect(textUnderQuads(items, [[462, 498, 580, 508], [100, 483, 382, 493]])).toBe('search order supervised by an independent');
  });
  test('snapToWord moves a cut to the nearer word end', () => {
    expect(snapToWord('independent lawyer', 2)).toBe(0);
    expect(snapToWord('independent lawyer', 10)).toBe(11);
    expect(snapToWord('independent lawyer', 11)).toBe(11);
  });
  test('annotation ids are stable and depend on page, kind, place and note', () => {
    const a = annotationId(3, 'note', [1, 2, 3, 4], 'x');
    expect(annotationId(3, 'note', [1.01, 2, 3, 4], 'x')).toBe(a);
    expect(annotationId(4, 'note', [1, 2, 3, 4], 'x')).not.toBe(a);
    expect(annotationId(3, 'note', [1, 2, 3, 4], 'y')).not.toBe(a);
    expect(a).toMatch(/^pdf-[0-9a-f]{10}$/);
  });
});

describe('git blame porcelain', () => {
  const hashA = 'a'.repeat(40);
  const zero = '0'.repeat(40);
  const output = [
    `${hashA} 1 10 2`, 'author Alice', 'author-mail <alice@example.org>', 'author-time 1763938800', 'author-tz -0500', 'summary first', 'filename r.md', '\tline ten',
    `${hashA} 2 11`, '\tline eleven',
    `${zero} 12 12 1`, 'author Not Committed Yet', 'author-mail <not.committed.yet>', 'author-time 1763990000', 'author-tz +0000', 'summary Version of r.md from r.md', 'filename r.md', '\tline twelve',
    '',
  ].join('\n');
  test('reads each line, reusing commit headers, in the author time zone', () => {
    const lines = parsePorcelain(output);
    expect(lines.get(10)).toMatchObject({ commit: hashA, author: 'Alice', authorEmail: 'alice@example.org', date: '2025-11-23' });
    expect(lines.get(11)?.commit).toBe(hashA);
    expect(lines.get(12)).toMatchObject({ commit: undefined, author: undefined, date: undefined });
    expect(introducingCommit(lines, 10, 12)?.commit).toBe(hashA);
    expect(introducingCommit(lines, 12, 12)).toEqual({});
  });
});

describe('setting a comment status in the source', () => {
  function firstComment(text: string) {
    const report = extractModel({ slug: 's', root: '/', dir: '/', file: 'r.md', meta: fallbackFrontMatter({}), rawMeta: {}, files: [{ path: 'r.md', absPath: '/r.md', value: text, tree: parseDialect(text, 'r.md').tree, kind: 'report' }] });
    return report.comments;
  }
  const cases: Array<[string, string]> = [
    [':::comment{status="open" author=X}\nx\n:::\n', ':::comment{status=resolved author=X}\nx\n:::\n'],
    [":::comment{author='X' status='open'}\nx\n:::\n", ":::comment{author='X' status=resolved}\nx\n:::\n"],
    [':::comment{author=X }\nx\n:::\n', ':::comment{author=X status=resolved}\nx\n:::\n'],
    [':::comment{}\nx\n:::\n', ':::comment{status=resolved}\nx\n:::\n'],
    [':::comment[label]\nx\n:::\n', ':::comment[label]{status=resolved}\nx\n:::\n'],
    ['> :::comment{author=X}\n> quoted\n> :::\n', '> :::comment{author=X status=resolved}\n> quoted\n> :::\n'],
    ['a :comment[one]{status=open} b :comment[two]{status=open}\n', 'a :comment[one]{status=open} b :comment[two]{status=resolved}\n'],
  ];
  test.each(cases)('%j', (input, expected) => {
    const comments = firstComment(input);
    expect(setStatusAttribute(input, comments[comments.length - 1], 'resolved')).toBe(expected);
  });
});
