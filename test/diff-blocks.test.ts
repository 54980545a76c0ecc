import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../src/diff/index.js';
import { changesOnly, renderRedlineHtml } from '../src/diff/redline.js';
import { loadReport } from '../src/model/load.js';
import type { SourceReader } from '../src/model/reader.js';
import type { Report } from '../src/model/types.js';

// An existing folder as the workspace root (images are resolved against it); nothing is read from it.
const root = os.tmpdir();
const file = path.join(root, 'reports', 'b', 'report.md');

async function load(body: string, version = '0.1.0'): Promise<Report> {
  const text = `---\ntitle: Blocks\nversion: ${version}\nstatus: draft\n---\n\n${body}`;
  const reader: SourceReader = {
    label: 'memory',
    async read(abs) {
      return abs === file ? new TextEncoder().encode(text) : undefined;
    },
  };
  const { report } = await loadReport({ slug: 'b', root, file }, { reader });
  if (!report) throw new Error('no report');
  return report;
}

async function redline(before: string, after: string, options: { changesOnly?: boolean } = {}) {
  const a = await load(before);
  const b = await load(after, '0.2.0');
  const versions = { from: { revision: 'v1', version: '0.1.0', status: 'draft' }, to: { revision: 'v2', version: '0.2.0', status: 'draft' } };
  const { comparison, tree } = compareReports(a, b, versions);
  const html = renderRedlineHtml(comparison, tree, b, { changesOnly: options.changesOnly });
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return { comparison, tree, html, main };
}

describe('redline of blocks', () => {
  it('keeps table cells in their columns and marks added and removed rows', async () => {
    const table = (rows: string[]) => `# T\n\n| Country | Measure | Notes |\n|---|---|---|\n${rows.join('\n')}\n`;
    const { main } = await redline(
      table(['| France | saisie | bailiff |', '| Germany | Besichtigung | expert |']),
      table(['| France | saisie-contrefaçon | bailiff |', '| Korea | production order | court |']),
    );
    expect(main).toMatch(/<td>France<\/td>\s*<td><del class="rl-del">saisie<\/del> <ins class="rl-ins">saisie-contrefaçon<\/ins><\/td>\s*<td>bailiff<\/td>/);
    expect(main).toMatch(/<tr class="rl-del-block">\s*<td><del class="rl-del">Germany<\/del><\/td>/);
    expect(main).toMatch(/<tr class="rl-ins-block">\s*<td><ins class="rl-ins">Korea<\/ins><\/td>/);
  });

  it('keeps a tight list tight and marks list items', async () => {
    const { main } = await redline('# L\n\n- one item here\n- two items here\n', '# L\n\n- one item here\n- three new things\n- two items here, amended\n');
    expect(main).toMatch(/<li class="rl-ins-block"><ins class="rl-ins">three new things<\/ins><\/li>/);
    expect(main).toMatch(/<li>two items here<ins class="rl-ins">, amended<\/ins><\/li>/);
  });

  it('keeps formatting around changed words, shows footnote edits, and never shows comment text', async () => {
    const { main, comparison } = await redline(
      '# F\n\nThe *court may order* a measure.[^a] :comment[HIDDEN-ONE]{author=X}\n\n[^a]: First note text.\n',
      '# F\n\nThe *court should order* a measure at once.[^a] :comment[HIDDEN-TWO]{author=Y}\n\n[^a]: First note text, revised.\n',
    );
    expect(main).toMatch(/<em>court <del class="rl-del">may<\/del> <ins class="rl-ins">should<\/ins> order<\/em>/);
    expect(main).toMatch(/<ins class="rl-ins">at once<\/ins>/);
    expect(main).toMatch(/First note text<ins class="rl-ins">, revised<\/ins>/);
    expect(main).not.toMatch(/HIDDEN/);
    expect(comparison.footnotes.modified).toHaveLength(1);
    expect(comparison.stats).toMatchObject({ inserted: 4, deleted: 1 });
  });

  it('shows a renumbered heading with its old number and does not count it as a change', async () => {
    const { main, comparison } = await redline('# One\n\nText one.\n\n# Two\n\nText two.\n', '# Zero\n\nNew text.\n\n# One\n\nText one.\n\n# Two\n\nText two.\n');
    expect(main).toMatch(/<span class="heading-number">2<span class="rl-moved rl-was">\(was 1\)<\/span><\/span> One/);
    expect(comparison.stats.inserted).toBe(3); // "Zero", "New", "text"
  });

  it('shows a paragraph that moved and was edited once, where it now stands, with its edits', async () => {
    const moving = 'Confidentiality clubs let named advisers see the secret while the parties do not.';
    const edited = 'Confidentiality clubs let named external advisers see the secret while the parties do not.';
    const { main, comparison } = await redline(
      `# A\n\n${moving}\n\nFirst other paragraph.\n\n# B\n\nSecond other paragraph.\n`,
      `# A\n\nFirst other paragraph.\n\n# B\n\nSecond other paragraph.\n\n${edited}\n`,
    );
    expect(comparison.moves).toHaveLength(1);
    expect(comparison.moves[0]).toMatchObject({ kind: 'block', from: 'section 1 A', to: 'section 2 B' });
    expect(main).toMatch(/<div class="rl-moved-block">\s*<p class="rl-move-note"><span class="rl-moved">Moved from section 1 A<\/span><\/p>\s*<p>Confidentiality clubs let named <ins class="rl-ins">external<\/ins> advisers/);
    expect(main).toMatch(/“Confidentiality clubs let named advisers see the secret while the parties do …”<\/span><span class="rl-moved"> moved to section 2 B/);
    expect(comparison.stats).toMatchObject({ inserted: 1, deleted: 0, moved: 1 });
  });

  it('in changes-only mode keeps changed blocks, one block of context and the heading above', async () => {
    const paragraphs = (changed: string) =>
      `# Part\n\n${['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'].map((w) => `${w} paragraph stays the same throughout.`).join('\n\n')}\n\n${changed}\n\nOmega paragraph stays too.\n`;
    const { tree } = await redline(paragraphs('The changed paragraph says one thing.'), paragraphs('The changed paragraph says another thing.'));
    const compact = changesOnly(tree, 'en');
    const kinds = compact.children.map((node) => (node.type === 'paragraph' && JSON.stringify(node).includes('rl-elided') ? 'elided' : node.type));
    expect(kinds).toEqual(['heading', 'elided', 'paragraph', 'paragraph', 'paragraph']);
  });
});
