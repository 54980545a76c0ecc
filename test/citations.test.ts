import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { splitLocator } from '../src/cite/locator.js';
import { CSL_ROOT, LEGAL_STYLES } from '../src/cite/styles.js';
import type { Citation } from '../src/dialect/citation.js';
import { loadReport } from '../src/model/load.js';
import { parseMarkdown } from '../src/parse/processor.js';
import { renderBody } from '../src/render/html.js';
import { buildReports } from '../src/build/index.js';
import { reportSource, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

function citationsOf(markdown: string): Citation[] {
  const found: Citation[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'citation') found.push(node as unknown as Citation);
    else for (const child of (node.children ?? []) as Array<{ type: string }>) walk(child);
  };
  walk(parseMarkdown(markdown));
  return found;
}

function entries(markdown: string) {
  return citationsOf(markdown).map((c) => ({ mode: c.mode, entries: c.entries.map(({ keyPosition: _, ...rest }) => rest) }));
}

describe('citation syntax (micromark extension)', () => {
  it('reads pandoc citations: bracketed, with locators, several, narrative, suppressed author', async () => {
    expect(entries('[@key]')).toEqual([{ mode: 'normal', entries: [{ key: 'key', suppressAuthor: false }] }]);
    expect(entries('[@key, 47]')[0].entries[0]).toMatchObject({ key: 'key', locator: '47', label: 'page' });
    expect(entries('[see @key, 12–14; @other at 3]')[0].entries).toEqual([
      { key: 'key', prefix: 'see', locator: '12–14', label: 'page', suppressAuthor: false },
      { key: 'other', suffix: ' at 3', suppressAuthor: false },
    ]);
    expect(entries('As @key [47] says.')).toEqual([{ mode: 'narrative', entries: [{ key: 'key', locator: '47', label: 'page', suppressAuthor: false }] }]);
    expect(entries('[-@key, ch. 2]')[0].entries[0]).toMatchObject({ key: 'key', suppressAuthor: true, locator: '2', label: 'chapter' });
    expect(entries('[see\n@key, p. 3]')[0].entries[0]).toMatchObject({ prefix: 'see', locator: '3' });
  });

  it('leaves links, footnote calls, e-mail addresses and sentence ends alone', async () => {
    expect(entries('A [link](https://example.org), a note[^1], mail a@b.org, [x] and [^1].\n\n[^1]: n')).toEqual([]);
    // Trailing punctuation is not part of a key.
    expect(entries('As @doe99.').map((c) => c.entries[0].key)).toEqual(['doe99']);
    expect(entries('[@doe:99]').map((c) => c.entries[0].key)).toEqual(['doe:99']);
  });

  it('points at each key', async () => {
    const [citation] = citationsOf('Text [see @alpha; @beta].');
    expect(citation.entries.map((e) => [e.keyPosition?.start.column, e.keyPosition?.end.column])).toEqual([[12, 17], [20, 24]]);
  });

  it('splits locators as pandoc does', async () => {
    expect(splitLocator(', pp. 33-35 and passim', { afterComma: true })).toEqual({ locator: '33-35', label: 'page', suffix: ' and passim' });
    expect(splitLocator(', para 12', { afterComma: true })).toEqual({ locator: '12', label: 'paragraph' });
    expect(splitLocator(' at 3', { afterComma: true })).toEqual({ suffix: ' at 3' });
  });
});

const REFERENCES = JSON.stringify([
  { id: 'smith', type: 'book', title: 'Trade Secrets Law', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020]] }, publisher: 'Oxford University Press' },
  { id: 'coco', type: 'legal_case', title: 'Coco v AN Clark (Engineers) Ltd', 'container-title': 'RPC', volume: '1969', page: '41', authority: 'Ch', issued: { 'date-parts': [[1968]] } },
  { id: 'hra', type: 'legislation', title: 'Human Rights Act', issued: { 'date-parts': [[1998]] } },
  { id: 'jones', type: 'article-journal', title: 'Confidence and Evidence', author: [{ family: 'Jones', given: 'Ann' }], 'container-title': 'Law Quarterly Review', volume: '130', page: '100', issued: { 'date-parts': [[2014]] } },
], null, 2);

/** The same Markdown goes to pandoc and to Rapporteur: notes without citations, ibid, (n 3), a citation inside a note. */
const BODY = `# One

A book is cited [@smith, 12].[^a] The same book again [@smith, 13]. A case and the book [see @coco; @smith at 3]. The case with a pinpoint [@coco, 45]. A statute [@hra, s 3].

After a note without a citation,[^b] the statute again [@hra, s 4]. Two sources [@jones, 102; @smith, 14]. The article again [@jones, 103].

A note with text and a citation.[^c] The article after it [@jones].

[^a]: A note of the author without a citation.

[^b]: Another note without a citation.

[^c]: Compare [@coco, 50] with the statute.
`;

/** The notes of a rendered edition, in order, as plain text (small capitals written as capitals, as pandoc's plain writer does). */
function notesOf(hast: HastRoot): string[] {
  const notes: string[] = [];
  const upper = (node: ElementContent): void => {
    if (node.type === 'element') {
      const small = ((node.properties?.className as string[] | undefined) ?? []).includes('small-caps');
      for (const child of node.children) {
        if (small && child.type === 'text') child.value = child.value.toUpperCase();
        upper(child);
      }
    }
  };
  const walk = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'li' && String(child.properties?.id ?? '').startsWith('user-content-fn-')) {
        upper(child);
        notes.push(toString(child).replace(/↩\S*/g, '').replace(/\s+/g, ' ').trim());
      } else walk(child);
    }
  };
  walk(hast);
  return notes;
}

function pandocNotes(file: string, style: string, bibliography: string): string[] {
  const result = spawnSync('pandoc', ['--citeproc', '--csl', path.join(CSL_ROOT, 'styles', `${style}.csl`), '--bibliography', bibliography, '-t', 'plain', '--wrap=none', file], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .split('\n')
    .filter((line) => /^\[\d+\] /.test(line))
    .map((line) => line.replace(/^\[\d+\] /, '').trim());
}

async function render(files: Record<string, string>, edition = 'full') {
  const root = workspace(files);
  const loaded = await loadReport({ slug: 'r', root, file: path.join(root, 'reports/r/report.md') });
  expect(loaded.problems.map((p) => p.reason)).toEqual([]);
  return { root, report: loaded.report!, hast: renderBody(loaded.report!, edition).hast };
}

describe('notes compared with pandoc --citeproc', () => {
  /**
   * Where the two differ, and why (the style's own rules side with Rapporteur):
   * - a citation inside an author's footnote: pandoc wraps it in parentheses; OSCOLA (1.1) and
   *   Bluebook (rule 1.1) write a citation in a footnote's sentence as part of it, without them;
   * - `s 3`: pandoc takes locator labels from the style's locale, so with Bluebook's en-US
   *   locale `s` is not a label and stays suffix text; Rapporteur always reads `s` as a section.
   */
  const differences: Record<string, Record<number, { pandoc: string; ours: string }>> = {
    oscola: {
      11: { pandoc: 'Compare (Coco v AN Clark (Engineers) Ltd (n 4) 50) with the statute.', ours: 'Compare Coco v AN Clark (Engineers) Ltd (n 4) 50 with the statute.' },
    },
    'bluebook-law-review': {
      6: { pandoc: 'Human Rights Act, (1998), s 3.', ours: 'Human Rights Act, 3 (1998).' },
      8: { pandoc: 'Human Rights Act, supra note 6, s 4.', ours: 'Human Rights Act, supra note 6 at 4.' },
      11: { pandoc: 'Compare (Coco v AN Clark (Engineers) Ltd, supra note 4 at 50) with the statute.', ours: 'Compare Coco v AN Clark (Engineers) Ltd, supra note 4 at 50 with the statute.' },
    },
  };

  it.each(Object.keys(differences))('%s: every note as pandoc prints it, counting notes without citations', async (style) => {
    const { root, hast } = await render({
      'reports/r/report.md': reportSource(BODY, { 'citation-style': style }),
      'reports/r/references.json': REFERENCES,
    });
    const ours = notesOf(hast);
    const theirs = pandocNotes(path.join(root, 'reports/r/report.md'), style, path.join(root, 'reports/r/references.json'));
    expect(ours).toHaveLength(12);
    expect(theirs).toHaveLength(12);
    for (const [index, expected] of ours.entries()) {
      const known = differences[style][index + 1];
      if (known) {
        expect(theirs[index]).toBe(known.pandoc);
        expect(expected).toBe(known.ours);
      } else expect(expected, `note ${index + 1}`).toBe(theirs[index]);
    }
  });

  it('OSCOLA: ibid needs the previous note, so a note without a citation in between gives the short form', async () => {
    const { hast } = await render({
      'reports/r/report.md': reportSource('# One\n\nFirst [@smith, 12]. Second [@smith, 13]. A note.[^x] Third [@smith, 14].\n\n[^x]: No citation here.\n'),
      'reports/r/references.json': REFERENCES,
    });
    expect(notesOf(hast)).toEqual([
      'Jane Smith, Trade Secrets Law (Oxford University Press 2020) 12.',
      'Ibid 13.',
      'No citation here.',
      'Smith (n 1) 14.',
    ]);
  });

  it('narrative citations keep the author in the text; a suppressed author is left out', async () => {
    const { hast } = await render({
      'reports/r/report.md': reportSource('# One\n\nFirst [@smith]. As @smith [47] argues, and as she repeats [-@smith, 50].\n'),
      'reports/r/references.json': REFERENCES,
    });
    const paragraph = toString(hast).split('\n').find((line) => line.includes('argues'));
    expect(paragraph).toMatch(/^First\.1 As Jane Smith2 argues, and as she repeats\.3/);
    expect(notesOf(hast)).toEqual(['Jane Smith, Trade Secrets Law (Oxford University Press 2020).', 'Ibid 47.', 'Ibid 50.']);
  });

  it('an author-date style formats citations in the text and adds no notes', async () => {
    const { hast } = await render({
      'reports/r/report.md': reportSource('# One\n\nText [@smith, 12] and [see @jones].\n', { 'citation-style': 'apa' }),
      'reports/r/references.json': REFERENCES,
    });
    expect(notesOf(hast)).toEqual([]);
    expect(toString(hast)).toContain('Text (Smith, 2020, p. 12) and (see Jones, 2014)');
  });

  it('a single-system edition numbers its own notes (another variant\'s note is not counted)', async () => {
    const body = `# One

::::recommendation{#r1 title="Act"}
Courts should act.

:::variant{system=civil-law}
Civil text [@smith, 10].
:::

:::variant{system=common-law}
Common text [@coco].
:::
::::

Later [@coco, 42].
`;
    const files = { 'reports/r/report.md': reportSource(body), 'reports/r/references.json': REFERENCES };
    expect(notesOf((await render(files, 'full')).hast)).toEqual([
      'Jane Smith, Trade Secrets Law (Oxford University Press 2020) 10.',
      'Coco v AN Clark (Engineers) Ltd (1968) 1969 RPC 41 (Ch).',
      'Ibid 42.',
    ]);
    expect(notesOf((await render(files, 'civil-law')).hast)).toEqual([
      'Jane Smith, Trade Secrets Law (Oxford University Press 2020) 10.',
      'Coco v AN Clark (Engineers) Ltd (1968) 1969 RPC 41 (Ch) 42.',
    ]);
  });
});

describe('references files', () => {
  it('reads BibTeX (citation.js) and CSL-YAML like CSL-JSON', async () => {
    const bib = '@book{smith,\n  author = {Smith, Jane},\n  title = {Trade Secrets Law},\n  publisher = {Oxford University Press},\n  year = {2020}\n}\n';
    const yaml = 'references:\n  - id: smith\n    type: book\n    title: Trade Secrets Law\n    author: [{family: Smith, given: Jane}]\n    publisher: Oxford University Press\n    issued: {date-parts: [[2020]]}\n';
    const source = reportSource('# One\n\nCited [@smith, 5].\n');
    const fromBib = notesOf((await render({ 'reports/r/report.md': source, 'reports/r/references.bib': bib })).hast);
    const fromYaml = notesOf((await render({ 'reports/r/report.md': source, 'reports/r/references.yaml': yaml })).hast);
    expect(fromBib).toEqual(['Jane Smith, Trade Secrets Law (Oxford University Press 2020) 5.']);
    expect(fromYaml).toEqual(fromBib);
  });

  it('reports a bad references file at the line of the entry, and build exits 2 without a stack trace', async () => {
    const root = workspace({
      'reports/r/report.md': reportSource('# One\n\nCited [@smith].\n'),
      'reports/r/references.json': '[\n  {"id": "smith", "type": "book", "title": "A"},\n  {"id": "jones", "type": "bok", "title": "B"},\n  {"title": "C", "type": "book"}\n]\n',
    });
    const loaded = await loadReport({ slug: 'r', root, file: path.join(root, 'reports/r/report.md') });
    expect(loaded.problems.map((p) => `${p.file}:${p.line} ${p.reason}`)).toEqual([
      'reports/r/references.json:3 reference `jones`: `type` must be a CSL type (legal_case, legislation, treaty, book, chapter, article-journal, report, webpage…)',
      'reports/r/references.json:4 reference: a reference needs an `id` (the key cited as @id)',
    ]);
    const result = await runCliInProcess(['build', 'r', '--format', 'html'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reports/r/references.json:3:');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a JSON syntax error and a BibTeX syntax error with their line', async () => {
    const json = workspace({ 'reports/r/report.md': reportSource('[@a]\n'), 'reports/r/references.json': '[\n  {"id": "a", "type": "book",\n]\n' });
    const bad = await loadReport({ slug: 'r', root: json, file: path.join(json, 'reports/r/report.md') });
    expect(bad.problems[0]).toMatchObject({ file: 'reports/r/references.json', ruleId: 'references' });
    expect(bad.problems[0].reason).toMatch(/^CSL-JSON syntax error/);
    const bib = workspace({ 'reports/r/report.md': reportSource('[@a]\n'), 'reports/r/references.bib': '@book{a,\n  title = {A,\n  year = 2020\n}\n\n@book{b, title={B}}\n' });
    const badBib = await loadReport({ slug: 'r', root: bib, file: path.join(bib, 'reports/r/report.md') });
    expect(badBib.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.reason}`)).toEqual(['reports/r/references.bib:6:1 BibTeX syntax error: invalid syntax']);
  });

  it('refuses an unknown style at its front matter line, and a references path outside the workspace', async () => {
    const root = workspace({
      'reports/r/report.md': reportSource('Cited [@a].\n', { 'citation-style': 'oscolla', references: '../../../etc/refs.json' }),
    });
    const loaded = await loadReport({ slug: 'r', root, file: path.join(root, 'reports/r/report.md') });
    const reasons = loaded.problems.map((p) => `${p.ruleId} ${p.reason}`);
    expect(reasons).toContain('references references `../../../etc/refs.json` is outside the workspace; keep the references file beside the report');
    expect(reasons.some((r) => r.startsWith('citation-style citation-style `oscolla` is not a CSL style'))).toBe(true);
  });
});

describe('styles, placement and the report\'s own reference', () => {
  it('finds the legal styles in the installed CSL styles', async () => {
    for (const style of LEGAL_STYLES) expect(existsSync(path.join(CSL_ROOT, 'styles', `${style}.csl`)), style).toBe(true);
  });

  it('::authorities groups cases, legislation, treaties and other sources with where they are cited', async () => {
    const { hast } = await render({
      'reports/r/report.md': reportSource('# One\n\n::::recommendation{#r1 title="Act" uniform}\nCourts should act [@coco; @hra].\n::::\n\nAlso [@smith].\n\n::authorities\n\n::bibliography\n'),
      'reports/r/references.json': REFERENCES.replace('"id": "jones"', '"id": "unused-jones"'),
    });
    const text = toString(hast);
    const table = text.slice(text.indexOf('Table of authorities'), text.indexOf('Bibliography'));
    expect(table).toContain('Cases');
    expect(table).toMatch(/Coco v AN Clark \(Engineers\) Ltd \(1968\) 1969 RPC 41 \(Ch\) — Recommendation 1\.1; n 1/);
    expect(table).toMatch(/Legislation\s+Human Rights Act 1998 — Recommendation 1\.1; n 1/);
    expect(table).toMatch(/Other sources\s+Smith J, Trade Secrets Law \(Oxford University Press 2020\) — Section 1; n 2/);
    expect(table).not.toContain('Confidence and Evidence');
  });

  it('build writes the report\'s own reference as CSL-JSON, BibTeX and RIS and says how to cite it', async () => {
    const root = workspace({ 'reports/r/report.md': reportSource('# One\n\nText.\n', { dialogue: 'Trade Secrets Best Practices Dialogue' }) });
    const out = path.join(root, 'dist');
    const outcome = await buildReports([{ slug: 'r', root, file: path.join(root, 'reports/r/report.md') }], { formats: ['html'], editions: ['full'], out });
    expect(outcome.problems).toEqual([]);
    const csl = JSON.parse(readFileSync(path.join(out, 'r/r.csl.json'), 'utf8'));
    expect(csl[0]).toMatchObject({ id: 'r', type: 'report', publisher: 'Trade Secrets Best Practices Dialogue' });
    expect(readFileSync(path.join(out, 'r/r.bib'), 'utf8')).toMatch(/^@techreport\{/);
    expect(readFileSync(path.join(out, 'r/r.ris'), 'utf8')).toMatch(/TY {2}- RPRT/);
    const html = readFileSync(path.join(out, 'r/r.html'), 'utf8');
    expect(html).toContain('How to cite this report');
    expect(html).toContain('(Trade Secrets Best Practices Dialogue');
  });
});
