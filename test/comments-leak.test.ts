import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, test } from 'vitest';
import { commitAll, git, initRepo, makeWorkspace, removeWorkspace, reportSource, runCliInProcess } from './helpers.js';

/**
 * No published output may carry a comment's text, its author or its label: comments stand in
 * every place the dialect allows, each with a marker word, and every output format is searched.
 */
const MARK = 'Zyxleak';
const AUTHOR = 'Mallory Quillfeather';
const body = `# Evidence :comment[${MARK}1 in a heading]{author="${AUTHOR}"}

Opening paragraph.:comment[${MARK}2 inline in a paragraph]{author="${AUTHOR}" status=resolved} More text.[^n1]

:::comment{author="${AUTHOR}" date=2026-11-01 status=open}
${MARK}3 block comment at the top level, with **strong** text and a [link](https://example.org/${MARK}).

- ${MARK}4 a list inside a comment
:::

:::comment[${MARK}5 as a label]{author="${AUTHOR}"}
Body of a labelled comment ${MARK}6.
:::

::::recommendation{#evidence-preservation title="Preserve evidence"}
Courts should be able to order that evidence be preserved. :comment[${MARK}7 in a principle]{author="${AUTHOR}"}

:::variant{system=civil-law}
A bailiff describes the evidence. :comment[${MARK}8 in the civil-law variant]{author="${AUTHOR}"}
:::

:::variant{system=common-law}
A search order.

::comment[${MARK}9 as a leaf directive]{author="${AUTHOR}"}
:::

:::example{jurisdiction=FR}
The saisie. :comment[${MARK}10 in an example]{author="${AUTHOR}"}
:::

:::rationale
Because evidence disappears.
:::

:::comment{author="${AUTHOR}"}
${MARK}11 block comment inside a recommendation.
:::
::::

| Column | Other |
| --- | --- |
| cell :comment[${MARK}12 in a table]{author="${AUTHOR}"} | plain |

> Quoted :comment[${MARK}13 in a blockquote]{author="${AUTHOR}"} words.

::recommendations

[^n1]: A footnote. :comment[${MARK}14 in a footnote]{author="${AUTHOR}"}
`;

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

function leakWorkspace(): string {
  const root = makeWorkspace({ 'reports/leaky/report.md': reportSource(body, { systems: '[civil-law, common-law]', title: 'Leak Test' }) });
  workspaces.push(root);
  initRepo(root);
  commitAll(root, 'draft with comments');
  return root;
}

function expectNoComment(text: string, where: string): void {
  for (const secret of [MARK, AUTHOR, 'Quillfeather']) {
    if (text.includes(secret)) throw new Error(`${where} contains comment text "${secret}" near: …${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 80)}…`);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? filesUnder(abs) : [abs];
  });
}

async function pdfText(file: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const parts: string[] = [JSON.stringify((await doc.getMetadata()).info)];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      parts.push((content.items as Array<{ str?: string }>).map((i) => i.str ?? '').join(' '));
      for (const annotation of await page.getAnnotations()) parts.push(JSON.stringify({ c: annotation.contentsObj, t: annotation.titleObj, url: annotation.url }));
    }
    return parts.join('\n');
  } finally {
    await doc.destroy();
  }
}

describe('comments never leak into published output', () => {
  test('the model sees all fourteen comments (the fixture is what it claims)', async () => {
    const root = leakWorkspace();
    const result = await runCliInProcess(['comments', '--status', 'all', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(0);
    const texts = (JSON.parse(result.stdout) as Array<{ text: string }>).map((c) => c.text).join(' ');
    for (let n = 1; n <= 14; n++) {
      // Labels of block comments are not their text; the body is.
      if (n === 5) continue;
      expect(texts).toContain(`${MARK}${n} `.trim());
    }
  });

  test('HTML: every edition', async () => {
    const root = leakWorkspace();
    const result = await runCliInProcess(['build', 'leaky', '--edition', 'all', '--format', 'html', '--quiet'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Published output is everything in <out>/<slug>/ (DESIGN: "Outputs go to dist/<slug>/").
    const files = filesUnder(path.join(root, 'dist', 'leaky'));
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'leaky-civil-law.html', 'leaky-common-law.html', 'leaky.bib', 'leaky.csl.json', 'leaky.html', 'leaky.ris',
    ]);
    // The report's own reference (how to cite it) is published too: no comment text in it either.
    for (const file of files.filter((f) => !f.endsWith('.html'))) expectNoComment(readFileSync(file, 'utf8'), path.basename(file));
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      expect(html).toContain('Courts should be able to order that evidence be preserved.');
      expectNoComment(html, path.basename(file));
      expect(html).not.toContain('directive-comment');
    }
  });

  test('PDF: every edition, through the project PDF renderer', async () => {
    const root = leakWorkspace();
    const result = await runCliInProcess(['build', 'leaky', '--edition', 'all', '--format', 'pdf', '--quiet'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdfs = filesUnder(path.join(root, 'dist', 'leaky')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.map((f) => path.basename(f)).sort()).toEqual(['leaky-civil-law.pdf', 'leaky-common-law.pdf', 'leaky.pdf']);
    for (const file of pdfs) {
      const text = await pdfText(file);
      expect(text.replace(/\s+/g, ' ')).toContain('Preserve evidence');
      expectNoComment(text, path.basename(file));
      expectNoComment(readFileSync(file).toString('latin1'), `${path.basename(file)} (raw bytes)`);
    }
  });

  test('redline: HTML and JSON between two revisions that both carry comments', async () => {
    const root = leakWorkspace();
    git(root, ['tag', 'v0.1.0']);
    const file = path.join(root, 'reports/leaky/report.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Opening paragraph.', `Opening paragraph, revised. :comment[${MARK}15 added in the new revision]{author="${AUTHOR}"}`));
    commitAll(root, 'revise');
    const html = await runCliInProcess(['diff', 'leaky', '--from', 'v0.1.0', '--to', 'HEAD', '--format', 'html'], { cwd: root });
    expect(html.code).toBe(0);
    expectNoComment(html.stdout + html.stderr, 'diff output');
    const outputs = filesUnder(path.join(root, 'dist', 'leaky')).filter((f) => /redline/.test(path.basename(f)));
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expectNoComment(readFileSync(output, 'utf8'), path.basename(output));
    const json = await runCliInProcess(['diff', 'leaky', '--from', 'v0.1.0', '--to', 'HEAD', '--format', 'json'], { cwd: root });
    expectNoComment(json.stdout, 'diff --format json');
  });
});
