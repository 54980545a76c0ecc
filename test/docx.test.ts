import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReports } from '../src/build/index.js';
import { bookmarkName } from '../src/docx/ids.js';
import { loadReport } from '../src/model/load.js';
import type { Report } from '../src/model/types.js';
import { systemLabel } from '../src/render/editions.js';
import { prepareTree } from '../src/render/transform.js';
import { visit } from 'unist-util-visit';
import { docxParts, findAll, libreOfficePdf, libreOfficeResave, pandocJson, pandocText, parseXml, pythonDocx, sectionsText, words } from './docx-helpers.js';
import { commitAll, git, initRepo, recommendationSource, repoRoot, reportSource, runCliInProcess, tempWorkspaces } from './helpers.js';

/**
 * DOCX editions and the DOCX redline, read back by the programs the working group's files meet:
 * LibreOffice (renders it to PDF), pandoc and python-docx (read its structure), plus the XML itself
 * for what those readers do not expose (bookmark placement, tracked-change authors, the id map).
 */

const workspace = tempWorkspaces();
const SLUG = 'access-to-evidence';
let out: string;
let sample: Report;
const full = () => path.join(out, SLUG, `${SLUG}.docx`);

const normalize = (text: string) => text.replace(/\s+/g, ' ');

/** Bookmark starts and ends that are not children of a paragraph. */
function misplacedBookmarks(node: ReturnType<typeof parseXml>): number {
  return node.children.reduce<number>((n, child) => {
    if (typeof child === 'string') return n;
    const wrong = (child.name === 'w:bookmarkStart' || child.name === 'w:bookmarkEnd') && node.name !== 'w:p' ? 1 : 0;
    return n + wrong + (child.name === 'w:p' ? 0 : misplacedBookmarks(child));
  }, 0);
}

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-docx-'));
  const target = { slug: SLUG, root: repoRoot, file: path.join(repoRoot, 'reports', SLUG, 'report.md') };
  const outcome = await buildReports([target], { formats: ['docx'], editions: ['all'], out, cache: false });
  expect(outcome.failed).toEqual([]);
  sample = (await loadReport(target)).report as Report;
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build --format docx: the sample report', async () => {
  it('writes one .docx per edition beside the other formats, under the same names', async () => {
    expect(readdirSync(path.join(out, SLUG)).filter((f) => f.endsWith('.docx')).sort()).toEqual(
      [`${SLUG}-civil-law.docx`, `${SLUG}-common-law.docx`, `${SLUG}.docx`],
    );
  });

  it('python-docx finds every recommendation, heading, table, the properties and the page furniture', async () => {
    const doc = await pythonDocx(full());
    const titles = doc.paragraphs.filter((p: any) => p.style === 'Recommendation Title').map((p: any) => p.text);
    expect(titles).toHaveLength(sample.recommendations.length);
    for (const rec of sample.recommendations) expect(titles).toContain(`Recommendation ${rec.number} ${rec.title}`);
    // Section headings are real Heading styles (Word's navigation pane), numbered as in the PDF.
    const numbered = sample.headings.filter((h) => h.number);
    for (const heading of numbered) expect(doc.headings).toContain(`${heading.number} ${heading.text}`);
    expect(doc.paragraphs.find((p: any) => p.style === 'Title')?.text).toBe(sample.meta.title);
    expect(doc.core).toEqual({
      title: sample.meta.title,
      author: sample.meta.rapporteurs.map((r) => r.name).join('; '),
      subject: sample.meta.dialogue,
      keywords: [...new Set(sample.recommendations.map((r) => r.topic).filter(Boolean))].join(', '),
    });
    expect(doc.tables.length).toBeGreaterThanOrEqual(2);
    const summary = doc.tables.find((t: string[][]) => t[0].join('|') === 'No.|Recommendation|Variants');
    expect(summary).toHaveLength(sample.recommendations.length + 1);
    expect(doc.header.join(' ')).toContain('Access to Evidence');
    expect(doc.header.join(' ')).toContain('DRAFT');
    expect(doc.header.join(' ')).toContain('Version 0.3.0');
    expect(doc.footer.join(' ')).toContain('Working group only');
  });

  it('has one bookmark per recommendation, per part and per section, each opening and closing inside a paragraph, and the id map', async () => {
    const doc = await pythonDocx(full());
    // Word's hidden bookmarks (`_Ref…`, around a note's first call for its NOTEREFs) are not anchors.
    const names = new Set<string>(doc.bookmarks.filter((name: string) => !name.startsWith('_')));
    expect(doc.bookmarkEnds).toBe(doc.bookmarks.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    for (const rec of sample.recommendations) {
      const expected = [
        bookmarkName({ scope: 'recommendation', id: rec.id }),
        bookmarkName({ scope: 'recommendation', id: rec.id, part: { kind: 'title' } }),
        bookmarkName({ scope: 'recommendation', id: rec.id, part: { kind: 'principle' } }),
        ...rec.variants.map((v) => bookmarkName({ scope: 'recommendation', id: rec.id, part: { kind: 'variant', system: v.system } })),
        ...[...new Set(rec.examples.map((e) => e.jurisdiction.toUpperCase()))].map((j) => bookmarkName({ scope: 'recommendation', id: rec.id, part: { kind: 'example', jurisdiction: j } })),
        ...(rec.rationale.length ? [bookmarkName({ scope: 'recommendation', id: rec.id, part: { kind: 'rationale' } })] : []),
      ];
      for (const name of expected) expect(names, name).toContain(name);
    }
    for (const heading of sample.headings.filter((h) => h.number)) expect(names).toContain(bookmarkName({ scope: 'section', id: heading.slug }));
    // Word and LibreOffice keep a bookmark where it is only when it sits inside a paragraph.
    const parts = docxParts(full());
    const body = findAll(parseXml(parts['word/document.xml']), 'w:body')[0];
    expect(misplacedBookmarks(body)).toBe(0);
    // The id map names every bookmark with its key and exported text.
    const map = parseXml(parts['customXml/item1.xml']);
    const anchors = findAll(map, 'anchor');
    // Footnotes carry bookmarks too (a part of the recommendation or section that calls them), in their own part.
    const noteBookmarks = findAll(parseXml(parts['word/footnotes.xml']), 'w:bookmarkStart').map((b) => b.attributes['w:name']);
    expect(noteBookmarks.length).toBe(findAll(parseXml(parts['word/footnotes.xml']), 'w:footnote').filter((n) => Number(n.attributes['w:id']) > 0).length);
    expect(new Set(anchors.map((a) => a.attributes.bookmark))).toEqual(new Set([...names, ...noteBookmarks]));
    const principleKey = `recommendation:${sample.recommendations[0].id}.principle`;
    const principle = anchors.find((a) => a.attributes.key === principleKey);
    expect(principle, principleKey).toBeDefined();
    const text = findAll(principle as never, 'text')[0].children.join('');
    expect(normalize(text)).toContain(normalize(sample.recommendations[0].principle).slice(0, 60));
    expect(findAll(map, 'rapporteur')[0].attributes).toMatchObject({ report: SLUG, version: '0.3.0', edition: 'full' });
    expect(parts['word/_rels/document.xml.rels']).toContain('customXml/item1.xml');
  });

  it('keeps every bookmark, inside its paragraph, when LibreOffice opens and saves the file', async () => {
    const before = new Set<string>((await pythonDocx(full())).bookmarks);
    const resaved = await libreOfficeResave(full());
    const after = new Set<string>((await pythonDocx(resaved)).bookmarks);
    for (const name of before) expect(after, name).toContain(name);
    const body = findAll(parseXml(docxParts(resaved)['word/document.xml']), 'w:body')[0];
    expect(misplacedBookmarks(body)).toBe(0);
  });

  it('has the footnotes as Word footnotes, :ref as internal links to bookmarks, a contents field Word updates, CJK runs with their language', async () => {
    const parts = docxParts(full());
    const notes = findAll(parseXml(parts['word/footnotes.xml']), 'w:footnote').filter((n) => Number(n.attributes['w:id']) > 0);
    const called = new Set(sample.footnoteCalls.map((c) => c.identifier));
    // Besides the author's notes, a note style puts each citation written in the running text into a
    // note of its own (src/cite/notes.ts): those are Word footnotes too, with citeproc's text.
    const citationNotes = new Set<string>();
    visit(prepareTree(sample), 'footnoteReference', (node: { identifier: string }) => {
      if (node.identifier.startsWith('cite-')) citationNotes.add(node.identifier);
    });
    expect(citationNotes.size).toBeGreaterThan(0);
    expect(notes).toHaveLength(called.size + citationNotes.size);
    const noteTexts = notes.map((n) => findAll(n, 'w:t').map((t) => t.children.join('')).join(''));
    expect(noteTexts.some((t) => t.includes('Lippoldt') && t.includes('Background Paper')), 'the citation [@lippoldt-schultz] as a footnote').toBe(true);
    for (const text of noteTexts) expect(text.trim()).not.toBe('');
    const ast = await pandocJson(full());
    const count = (node: unknown, type: string): number =>
      Array.isArray(node) ? node.reduce((n, c) => n + count(c, type), 0) : node && typeof node === 'object' ? ((node as { t?: string }).t === type ? 1 : 0) + count(Object.values(node), type) : 0;
    // A note called again is a NOTEREF field to its first call (Word and LibreOffice would make every
    // footnote reference a note of its own, an empty one), so pandoc reads each note once.
    expect(count(ast.blocks, 'Note')).toBe(called.size + citationNotes.size);
    const repeats = sample.footnoteCalls.length - called.size;
    expect(repeats).toBeGreaterThan(0);
    const noterefs = findAll(parseXml(parts['word/document.xml']), 'w:fldSimple').filter((f) => /NOTEREF _Ref_note_\d+/.test(f.attributes['w:instr']));
    expect(noterefs).toHaveLength(repeats);
    const hidden = new Set(findAll(parseXml(parts['word/document.xml']), 'w:bookmarkStart').map((b) => b.attributes['w:name']).filter((n) => n.startsWith('_Ref_note_')));
    for (const field of noterefs) expect(hidden).toContain(/NOTEREF (\S+)/.exec(field.attributes['w:instr'])?.[1]);
    const document = parseXml(parts['word/document.xml']);
    const bookmarks = new Set(findAll(document, 'w:bookmarkStart').map((b) => b.attributes['w:name']));
    const links = findAll(document, 'w:hyperlink').filter((h) => h.attributes['w:anchor']);
    expect(links.length).toBeGreaterThanOrEqual(sample.refs.length);
    for (const link of links) expect(bookmarks, link.attributes['w:anchor']).toContain(link.attributes['w:anchor']);
    expect(parts["word/document.xml"]).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(parts['word/settings.xml']).toContain('w:updateFields');
    // Japanese text (the sample's examples quote Japanese statutes) is marked as such, with an East Asian font.
    expect(parts['word/document.xml']).toContain('w:eastAsia="ja-JP"');
    expect(parts['word/styles.xml']).toMatch(/w:eastAsia="[^"]+"/);
  });

  it('pandoc reads every recommendation title, variant label and example label', async () => {
    const text = normalize(await pandocText(full()));
    for (const rec of sample.recommendations) {
      expect(text).toContain(rec.title);
      for (const variant of rec.variants) expect(text).toContain(`${systemLabel(variant.system)} systems`);
      for (const example of rec.examples) expect(text).toContain(`Example: ${example.jurisdictionName ?? example.jurisdiction}`);
    }
  });

  it('LibreOffice renders it to a PDF of a sensible length with every recommendation title', async () => {
    const { pages, text } = await libreOfficePdf(full());
    expect(pages).toBeGreaterThanOrEqual(15);
    expect(pages).toBeLessThanOrEqual(60);
    const flat = normalize(text);
    for (const rec of sample.recommendations) expect(flat).toContain(normalize(rec.title).slice(0, 30));
  });

  it('an edition for one system has that variant only', async () => {
    const civil = normalize(await pandocText(path.join(out, SLUG, `${SLUG}-civil-law.docx`)));
    expect(civil).toContain('Civil-law systems');
    expect(civil).not.toContain('Common-law systems');
    expect((await pythonDocx(path.join(out, SLUG, `${SLUG}-civil-law.docx`))).paragraphs.some((p: any) => p.text.includes('Civil-law edition'))).toBe(true);
  });

  it('carries no comment text anywhere in the package', async () => {
    const parts = Object.values(docxParts(full())).join('\n');
    expect(sample.comments.length).toBeGreaterThan(0);
    for (const comment of sample.comments) expect(parts).not.toContain(comment.text.slice(0, 40).replace(/&/g, '&amp;'));
    expect(existsSync(path.join(out, SLUG, 'internal'))).toBe(false);
  });
});

const REPORT = 'reports/acme/report.md';

const rec = recommendationSource;

describe('build --format docx --with-comments', async () => {
  const source = (confidentiality: string) =>
    reportSource(
      `# Scope\n\nCourts need evidence.\n\n${rec('alpha', 'Preserve evidence', 'Courts should order that evidence be preserved.', 'A bailiff may seize it.', 'A search order may be granted.', `
:::comment{#c1 author="Jane Reviewer" date=2026-11-02 status=open}
OPEN-COMMENT-TEXT asks for a French example.
:::

:::comment{author="Daniel Osei" date=2026-11-03 status=open re=c1}
REPLY-TEXT: one will be added.
:::

:::comment{author="Ana Ruiz" date=2026-11-04 status=resolved}
RESOLVED-TEXT already handled.
:::
`)}`,
      { systems: '[civil-law, common-law]', confidentiality },
    );

  it('puts the open comments in as Word comments on their recommendation, replies threaded, under internal/', async () => {
    const root = workspace({ [REPORT]: source('working-group') });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx', '--with-comments'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(root, 'dist/acme/acme.docx'))).toBe(false);
    const file = path.join(root, 'dist/acme/internal/acme.docx');
    const parts = docxParts(file);
    const comments = findAll(parseXml(parts['word/comments.xml']), 'w:comment');
    expect(comments.map((c) => c.attributes['w:author'])).toEqual(['Jane Reviewer', 'Daniel Osei']);
    expect(parts['word/comments.xml']).toContain('OPEN-COMMENT-TEXT');
    expect(parts['word/comments.xml']).toContain('REPLY-TEXT');
    expect(parts['word/comments.xml']).not.toContain('RESOLVED-TEXT');
    // The reply points at its parent's paragraph (Word's threading).
    const extended = findAll(parseXml(parts['word/commentsExtended.xml']), 'w15:commentEx');
    expect(extended).toHaveLength(2);
    expect(extended[1].attributes['w15:paraIdParent']).toBe(extended[0].attributes['w15:paraId']);
    // Both are ranged over the recommendation's title, inside the document.
    const document = parseXml(parts['word/document.xml']);
    expect(findAll(document, 'w:commentRangeStart')).toHaveLength(2);
    expect(findAll(document, 'w:commentReference')).toHaveLength(2);
    // Third parties open it: pandoc sees the comments, LibreOffice renders it.
    expect(await pandocText(file, 'all')).toContain('OPEN-COMMENT-TEXT');
    expect((await libreOfficePdf(file)).pages).toBeGreaterThanOrEqual(2);
  });

  it('is refused for a public report (exit 2, nothing written), and no DOCX without it carries comment text', async () => {
    const root = workspace({ [REPORT]: source('public') });
    const refused = await runCliInProcess(['build', 'acme', '--format', 'docx', '--with-comments'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/reports\/acme\/report\.md: --with-comments is refused for a public report/);
    expect(existsSync(path.join(root, 'dist/acme'))).toBe(false);
    const plain = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: root });
    expect(plain.code).toBe(0);
    const all = Object.values(docxParts(path.join(root, 'dist/acme/acme.docx'))).join('\n');
    for (const secret of ['OPEN-COMMENT-TEXT', 'REPLY-TEXT', 'RESOLVED-TEXT', 'Jane Reviewer']) expect(all).not.toContain(secret);
  });
});

describe('build --format docx: styles and bad input', async () => {
  const simple = reportSource(`# Scope\n\nCourts need evidence.\n\n${rec('alpha', 'Preserve evidence', 'Courts should order that evidence be preserved.', 'A bailiff may seize it.', 'A search order may be granted.')}`, { systems: '[civil-law, common-law]' });

  it('takes its styles from templates/<name>/reference.docx (here pandoc’s own reference document) and adds the ones it lacks', async () => {
    const reference = spawnSync('pandoc', ['--print-default-data-file', 'reference.docx'], { maxBuffer: 16 * 1024 * 1024 });
    expect(reference.status).toBe(0);
    const root = workspace({ [REPORT]: simple, 'templates/house/reference.docx': reference.stdout });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx', '--template', 'house'], { cwd: root });
    expect(result.stderr).toBe('');
    const styles = docxParts(path.join(root, 'dist/acme/acme.docx'))['word/styles.xml'];
    const ids = findAll(parseXml(styles), 'w:style').map((s) => s.attributes['w:styleId']);
    expect(ids).toContain('FirstParagraph'); // pandoc's
    expect(ids).toContain('RecommendationTitle'); // ours, which pandoc's reference lacks
    expect(new Set(ids).size).toBe(ids.length);
    expect((await pythonDocx(path.join(root, 'dist/acme/acme.docx'))).paragraphs.some((p: any) => p.style === 'Recommendation Title')).toBe(true);
  });

  it('refuses a reference.docx that is not a DOCX, and an image it cannot embed, with file:line and exit 2, writing nothing', async () => {
    const bad = workspace({ [REPORT]: simple, 'templates/broken/reference.docx': 'this is not a zip file' });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx', '--template', 'broken'], { cwd: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/templates\/broken\/reference\.docx:1:1: not a DOCX file/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(bad, 'dist/acme/acme.docx'))).toBe(false);

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const images = workspace({ [REPORT]: simple.replace('Courts need evidence.', 'Courts need evidence.\n\n![A chart](images/chart.svg)'), 'reports/acme/images/chart.svg': svg });
    const refused = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: images });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/reports\/acme\/report\.md:\d+:\d+: image .* cannot be embedded in the DOCX/);
    expect(existsSync(path.join(images, 'dist/acme/acme.docx'))).toBe(false);

    const missing = workspace({ [REPORT]: simple.replace('Courts need evidence.', 'Courts need evidence.\n\n![A chart](images/none.png)') });
    const gone = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: missing });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/reports\/acme\/report\.md:\d+:\d+ error image images\/none\.png does not exist/);
  });

  it('embeds a PNG image (a real screenshot by Chromium) at its size', async () => {
    const shot = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-shot-'));
    const file = path.join(shot, 'chart.png');
    await promisify(execFile)('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${shot}/profile`, `--screenshot=${file}`, '--window-size=320,200', 'data:text/html,<p>chart</p>'], { timeout: 120_000 });
    expect(existsSync(file)).toBe(true);
    const png = readFileSync(file);
    rmSync(shot, { recursive: true, force: true });
    const root = workspace({ [REPORT]: simple.replace('Courts need evidence.', 'Courts need evidence.\n\n![A chart](images/chart.png)'), 'reports/acme/images/chart.png': png });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: root });
    expect(result.stderr).toBe('');
    expect((await pythonDocx(path.join(root, 'dist/acme/acme.docx'))).inline_shapes).toBe(1);
  });
});

describe('build --format docx: the typed parts of the dialect, in the report’s language', async () => {
  it('writes defined terms with bookmarks and links to them, the glossary, a uniform recommendation’s note and :ref links', async () => {
    const body = `# Scope

:::definition{term="trade secret"}
Information that is secret and has commercial value because it is secret.
:::

A :term[trade secret] must be protected; see :ref[alpha].

::::recommendation{#alpha title="Preserve evidence" uniform}
Courts should order that evidence be preserved.
::::

::glossary
`;
    const root = workspace({ [REPORT]: reportSource(body, { systems: '[civil-law, common-law]' }) });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: root });
    expect(result.stderr).toBe('');
    const file = path.join(root, 'dist/acme/acme.docx');
    const document = parseXml(docxParts(file)['word/document.xml']);
    const term = bookmarkName({ scope: 'term', id: 'trade secret' });
    expect(findAll(document, 'w:bookmarkStart').map((b) => b.attributes['w:name'])).toContain(term);
    const anchors = findAll(document, 'w:hyperlink').map((h) => h.attributes['w:anchor']);
    // The :term use and the glossary entry both lead to the definition; :ref to the recommendation.
    expect(anchors.filter((a) => a === term)).toHaveLength(2);
    expect(anchors).toContain(bookmarkName({ scope: 'recommendation', id: 'alpha' }));
    const text = normalize(await pandocText(file));
    expect(text).toContain('Glossary');
    expect(text).toContain('trade secret — Information that is secret');
    expect(text).toContain('This recommendation is the same for every legal system.');
    expect(text).toContain('see Recommendation 1.1');
  });

  it('labels parts in the report’s language (French source) and in a Japanese translation', async () => {
    const french = reportSource(`# Portée\n\n${rec('alpha', 'Conserver les preuves', 'Les tribunaux devraient ordonner la conservation des preuves.', 'Un huissier peut saisir.', 'Une search order peut être accordée.', '\n:::example{jurisdiction=DE}\nUn exemple allemand.\n:::\n\n:::rationale\nParce que.\n:::\n')}`, { systems: '[civil-law, common-law]', lang: 'fr' });
    const root = workspace({ [REPORT]: french });
    const result = await runCliInProcess(['build', 'acme', '--format', 'docx'], { cwd: root });
    expect(result.stderr).toBe('');
    const text = normalize(await pandocText(path.join(root, 'dist/acme/acme.docx')));
    for (const label of ['Systèmes de droit civil', 'Systèmes de common law', 'Exemple : Allemagne', 'Justification', 'Recommandation 1.1']) expect(text).toContain(label);
    expect(text).not.toContain('Civil-law systems');

    const target = { slug: SLUG, root: repoRoot, file: path.join(repoRoot, 'reports', SLUG, 'report.md') };
    const japanese = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-docx-ja-'));
    try {
      const outcome = await buildReports([target], { formats: ['docx'], editions: ['full'], langs: ['ja'], out: japanese, cache: false });
      expect(outcome.failed).toEqual([]);
      const file = path.join(japanese, SLUG, `${SLUG}.ja.docx`);
      const ja = normalize(await pandocText(file));
      for (const label of ['大陸法系', '英米法系', '目次', '勧告 2.1']) expect(ja).toContain(label);
      // The words the writer adds around the text are the UI table's too: title page, header, footer, titles.
      const doc = await pythonDocx(file);
      const header = doc.header.join(' ');
      expect(header).toContain('草案 · 第 0.3.0 版');
      expect(header).not.toMatch(/DRAFT|Version/);
      expect(doc.footer.join(' ')).toContain('作業部会限り — 配布禁止');
      const paragraphs = doc.paragraphs.map((p: any) => p.text as string);
      expect(paragraphs).toContain('報告者');
      expect(paragraphs.find((t) => t.startsWith('第 0.3.0 版 · 草案'))).toBeDefined();
      expect(paragraphs).toContain('法令・判例索引');
      // The table of authorities' groups and where each source is cited.
      for (const group of ['判例', '法令']) expect(paragraphs).toContain(group);
      // The note label in Japanese too (注, from the UI strings table; it was "n").
      expect(ja).toMatch(/Anton Piller KG v Manufacturing Processes Ltd[^—]*— 勧告 2\.2; 注 \d+/);
      for (const english of ['Rapporteurs', 'Working group only — not for distribution', 'Table of authorities', 'Contents', 'Cases', 'Legislation']) expect(paragraphs).not.toContain(english);
      const parts = docxParts(file);
      expect(parts['word/document.xml']).toContain('w:alias w:val="目次"');
      expect(parts['word/styles.xml']).toMatch(/w:eastAsia="[^"]+"/);
      expect(parts['word/document.xml']).toContain('w:eastAsia="ja-JP"');
    } finally {
      rmSync(japanese, { recursive: true, force: true });
    }
  });
});

describe('diff --format docx: the redline as tracked changes', async () => {
  let root: string;
  const intro = 'Courts in every system need evidence before they can decide a trade secret case, and the claimant rarely holds it.';
  const moved = 'Confidentiality clubs let named advisers see the secret while the parties themselves do not, which many courts find workable.';
  const alpha = (civil: string) => rec('alpha', 'Preserve evidence', 'Courts should be able to order that evidence be preserved at short notice.[^fr]', civil, 'A search order may be granted, supervised by an independent solicitor.');
  const beta = rec('beta', 'Identify the secret', 'Courts should define the secret at stake before ordering disclosure of documents.', 'The statement of claim should identify the secret.', 'Identification should precede discovery.');
  const gamma = rec('gamma', 'Limit access', 'Access to the evidence should be limited to those who need it for the case.', 'The court designates who may see it.', 'A confidentiality club may be ordered.');
  const delta = rec('delta', 'Sanction abuse', 'Courts should sanction the abuse of evidence measures by claimants.', 'Damages may be awarded for abusive seizure.', 'Cross-undertakings in damages protect the respondent.');
  const v1 = reportSource(
    `# Scope\n\n${intro}\n\n${moved}\n\n# Measures\n\n${alpha('A judicial officer may describe or seize the evidence under seal.')}\n${beta}\n${gamma}\n[^fr]: Code de procédure civile, article 145.\n`,
    { version: '0.1.0', systems: '[civil-law, common-law]' },
  );
  const v2 = reportSource(
    `# Scope\n\n${intro}\n\n# Measures\n\n${beta}\n${alpha('A judicial officer may describe, copy or seize the evidence, which the court keeps under seal.')}\n${delta}\n${moved}\n\n[^fr]: Code de procédure civile, articles 145 and 493.\n`,
    { version: '0.2.0', systems: '[civil-law, common-law]' },
  );
  const redline = () => path.join(root, 'dist/acme/acme-redline-v0.1.0-v0.2.0.docx');
  const edition = (tag: string) => path.join(root, `dist-${tag}/acme/acme.docx`);

  beforeAll(async () => {
    root = workspace({ 'README.md': 'workspace\n' });
    initRepo(root);
    mkdirSync(path.join(root, 'reports/acme'), { recursive: true });
    writeFileSync(path.join(root, REPORT), v1);
    commitAll(root, 'v0.1.0', { GIT_AUTHOR_DATE: '2026-01-10T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-10T10:00:00Z' });
    git(root, ['tag', 'v0.1.0']);
    expect((await runCliInProcess(['build', 'acme', '--format', 'docx', '--out', 'dist-v0.1.0'], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, REPORT), v2);
    commitAll(root, 'v0.2.0', { GIT_AUTHOR_NAME: 'Hélène Marchetti', GIT_AUTHOR_DATE: '2026-03-02T09:30:00Z', GIT_COMMITTER_DATE: '2026-03-02T09:30:00Z' });
    git(root, ['tag', 'v0.2.0']);
    expect((await runCliInProcess(['build', 'acme', '--format', 'docx', '--out', 'dist-v0.2.0'], { cwd: root })).code).toBe(0);
    const result = await runCliInProcess(['diff', 'acme', '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'docx'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('marks insertions, deletions and moves as w:ins, w:del and w:moveFrom/w:moveTo by the author and date of the `to` commit', async () => {
    const document = parseXml(docxParts(redline())['word/document.xml']);
    const changes = ['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo'].flatMap((name) => findAll(document, name).filter((n) => n.attributes['w:author']));
    for (const name of ['w:ins', 'w:del', 'w:moveFrom', 'w:moveTo']) expect(changes.some((c) => c.name === name), name).toBe(true);
    for (const change of changes) {
      expect(change.attributes['w:author']).toBe('Hélène Marchetti');
      expect(change.attributes['w:date']).toBe('2026-03-02T09:30:00Z');
    }
    const fromNames = findAll(document, 'w:moveFromRangeStart').map((m) => m.attributes['w:name']).sort();
    const toNames = findAll(document, 'w:moveToRangeStart').map((m) => m.attributes['w:name']).sort();
    expect(fromNames.length).toBeGreaterThanOrEqual(2); // the recommendation and the paragraph
    expect(toNames).toEqual(fromNames);
    expect(findAll(document, 'w:moveFromRangeEnd')).toHaveLength(fromNames.length);
  });

  it('accepting every change gives the `to` edition, rejecting every change the `from` edition', async () => {
    const xml = docxParts(redline())['word/document.xml'];
    const body = (sections: string[][]) => words(sections[sections.length - 1]);
    const expectedTo = body(sectionsText(docxParts(edition('v0.2.0'))['word/document.xml']));
    const expectedFrom = body(sectionsText(docxParts(edition('v0.1.0'))['word/document.xml']));
    expect(body(sectionsText(xml, 'accept'))).toEqual(expectedTo);
    expect(body(sectionsText(xml, 'reject'))).toEqual(expectedFrom);
    expect(expectedTo).not.toEqual(expectedFrom);
  });

  it('opens with the per-recommendation summary, then the report; pandoc sees the insertions and deletions; LibreOffice renders it', async () => {
    const doc = await pythonDocx(redline());
    const summary = doc.tables[0];
    expect(summary[0]).toEqual(['No.', 'Recommendation', 'What changed', 'Words +', 'Words −']);
    const rows = summary.slice(1).map((r: string[]) => r[1]);
    expect(rows).toEqual(expect.arrayContaining(['Preserve evidence', 'Limit access', 'Sanction abuse']));
    const ast = JSON.stringify(await pandocJson(redline(), 'all'));
    expect(ast).toContain('"insertion"');
    expect(ast).toContain('"deletion"');
    expect(await pandocText(redline(), 'accept')).toContain('copy or seize');
    expect(await pandocText(redline(), 'reject')).not.toContain('copy or seize');
    const { pages, text } = await libreOfficePdf(redline());
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Redline: v0.1.0 → v0.2.0');
  });

  it('--changes-only keeps the changed recommendations and leaves out unchanged text', async () => {
    const result = await runCliInProcess(['diff', 'acme', '--from', 'v0.1.0', '--to', 'v0.2.0', '--format', 'docx', '--changes-only', '--out', 'dist-changes'], { cwd: root });
    expect(result.code).toBe(0);
    const text = await pandocText(path.join(root, 'dist-changes/acme/acme-redline-v0.1.0-v0.2.0.docx'), 'all');
    expect(text).toContain('copy or seize');
    expect(text).toContain('Unchanged; its text is not shown.');
    expect(text).not.toContain('The statement of claim should identify the secret.');
  });
});
