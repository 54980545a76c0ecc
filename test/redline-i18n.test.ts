import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { docxParts, findAll, parseXml, sectionsText } from './docx-helpers.js';
import { commitAll, git, initRepo, makeWorkspace, removeWorkspace, recommendationSource, reportSource } from './helpers.js';

/**
 * A redline of a report written in Japanese speaks Japanese: the summary table's headings, the
 * change kinds, the versions line, the move and renumbering notes, in the HTML and the DOCX
 * redline alike (both take them from the UI strings table with the report's language).
 */

const rec = recommendationSource;

const intro = '営業秘密訴訟では、証拠の多くが被告の手元にあり、原告がそれを入手することは難しい。';
// The move detection counts words between spaces (it needs five): a paragraph naming foreign terms has them.
const moved = '米国の protective order、英国の confidentiality club、ドイツの Geheimhaltungsanordnung は、いずれも秘密の閲覧を限られた者にだけ認める。';
const alpha = (civil: string) => rec('alpha', '証拠を保全する', '裁判所は、短期間で証拠の保全を命じることができるべきである。', civil, '独立した弁護士の監督の下で捜索命令を発することができる。');
const beta = rec('beta', '秘密を特定する', '裁判所は、開示を命じる前に、問題となる秘密を特定させるべきである。', '訴状で秘密を特定する。', '開示手続の前に特定する。');
const gamma = rec('gamma', '閲覧を制限する', '証拠の閲覧は、訴訟に必要な者に限られるべきである。', '裁判所が閲覧できる者を指定する。', '秘密保持クラブを命じることができる。');
const delta = rec('delta', '濫用を制裁する', '裁判所は、証拠収集手続の濫用を制裁すべきである。', '濫用的な差押えには損害賠償を命じる。', '損害賠償の交差約束で相手方を守る。');

const front = { lang: 'ja', title: '証拠へのアクセス', dialogue: '営業秘密ベストプラクティス対話', systems: '[civil-law, common-law]' };
const v1 = reportSource(`# 範囲\n\n${intro}\n\n${moved}\n\n${alpha('執行官が証拠を記録し、又は差し押さえることができる。')}\n${beta}\n${gamma}`, { ...front, version: '0.1.0', date: '2026-01-10' });
const v2 = reportSource(`# 範囲\n\n${intro}\n\n${gamma}\n${alpha('執行官が証拠を記録し、写しを取り、又は差し押さえることができ、裁判所がこれを封印して保管する。')}\n${delta}\n\n${moved}\n`, {
  ...front,
  version: '0.2.0',
  date: '2026-03-02',
});

let root: string;
let html: string;
let documentXml: string;
let headerXml: string;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (text) => void (out += text), err: (text) => void (err += text), cwd: root, color: false });
  return { code, out, err };
}

beforeAll(async () => {
  root = makeWorkspace({ 'README.md': 'workspace\n' });
  initRepo(root);
  mkdirSync(path.join(root, 'reports/shoko'), { recursive: true });
  writeFileSync(path.join(root, 'reports/shoko/report.md'), v1);
  commitAll(root, 'v0.1.0', { GIT_AUTHOR_DATE: '2026-01-10T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-10T10:00:00Z' });
  git(root, ['tag', 'v1']);
  writeFileSync(path.join(root, 'reports/shoko/report.md'), v2);
  commitAll(root, 'v0.2.0', { GIT_AUTHOR_DATE: '2026-03-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T10:00:00Z' });
  git(root, ['tag', 'v2']);
  const result = await cli(['diff', 'shoko', '--from', 'v1', '--to', 'v2', '--format', 'html,docx', '--quiet', '--no-cache']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const base = path.join(root, 'dist/shoko/shoko-redline-v1-v2');
  html = readFileSync(`${base}.html`, 'utf8');
  const parts = docxParts(`${base}.docx`);
  documentXml = parts['word/document.xml'];
  headerXml = Object.entries(parts).filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml).join('\n');
}, 120_000);

afterAll(() => removeWorkspace(root));

/** The fixed words of a redline in English: none of them may show in a Japanese redline. */
const ENGLISH = ['Redline', 'No.', 'Recommendation', 'What changed', 'Words +', 'Words −', 'working tree', 'version 0', 'draft', 'dated', 'committed', 'From ', 'inserted', 'deleted', 'moved', 'Moved from', '(was', 'variant', 'edited', 'added', 'removed', 'Renumbered', 'paragraph'];

/** Elements under `tree` by tag name or class ("h2", ".rl-was"): enough of a selector for these checks. */
function selectAll(selector: string, tree: Root | Element): Element[] {
  const found: Element[] = [];
  const wanted = selector.split(',').map((s) => s.trim());
  visit(tree, 'element', (node: Element) => {
    const classes = (node.properties.className as string[] | undefined) ?? [];
    if (wanted.some((w) => (w.startsWith('.') ? classes.includes(w.slice(1)) : node.tagName === w))) found.push(node);
  });
  return found;
}

function select(selector: string, tree: Root | Element): Element | undefined {
  return selectAll(selector, tree)[0];
}

function htmlHeader(): { title: string; versions: string; legend: string; headings: string[]; rows: string[][]; notes: string[] } {
  const tree = fromHtml(html);
  const header = select('.redline-header', tree);
  if (!header) throw new Error('no redline header');
  return {
    title: toText(select('h2', header)!),
    versions: toText(select('.redline-versions', header)!),
    legend: toText(select('.redline-legend', header)!),
    headings: selectAll('th', header).map((th) => toText(th)),
    rows: selectAll('tr', header)
      .map((tr) => selectAll('td', tr).map((td) => toText(td)))
      .filter((cells) => cells.length > 0),
    notes: selectAll('li', select('.redline-notes', header) ?? { type: 'root', children: [] }).map((li) => toText(li)),
  };
}

describe('a redline of a Japanese report', () => {
  it('says its summary, change kinds and versions in Japanese in the HTML', () => {
    const header = htmlHeader();
    expect(header.title).toBe('修正履歴：v1 → v2');
    expect(header.headings).toEqual(['番号', '勧告', '変更内容', '挿入語数', '削除語数']);
    expect(header.versions).toContain('変更前：v1（第 0.1.0 版、草案、2026-01-10 付、2026-01-10 コミット）');
    expect(header.versions).toContain('変更後：v2（第 0.2.0 版、草案、2026-03-02 付、2026-03-02 コミット）');
    expect(header.legend).toMatch(/^挿入削除移動挿入 \d+ 語、削除 \d+ 語、移動 \d+ 件$/);
    const kinds = new Map(header.rows.map((row) => [row[1], row[2]]));
    expect(kinds.get('証拠を保全する')).toBe('1.1 から移動；大陸法系の内容を修正');
    expect(kinds.get('濫用を制裁する')).toBe('追加');
    expect(kinds.get('秘密を特定する')).toBe('削除');
    // Front matter fields and values are named as the source names them.
    expect(header.notes).toEqual(['メタデータ version：0.1.0 → 0.2.0', 'メタデータ date：2026-01-10 → 2026-03-02', '番号変更のみ：1.1（旧 1.3）', '1 段落を移動（緑色で表示）']);
    for (const text of [header.title, header.versions, header.legend, ...header.headings, ...header.rows.flat(), ...header.notes]) {
      for (const english of ENGLISH) expect(text, `"${english}" in "${text}"`).not.toContain(english);
    }
  });

  it('marks moves and new numbers in the text in Japanese', () => {
    const tree = fromHtml(html);
    const notes = selectAll('.rl-move-note, .rl-moved-away, .rl-was', tree).map((node) => toText(node));
    expect(notes).toContain('勧告 1.1から移動');
    expect(notes).toContain('勧告 1.1 「証拠を保全する」 → 勧告 1.2に移動');
    expect(notes).toContain('（旧 1.3）');
    expect(notes).toContain('（旧 1.1）');
    expect(notes).toContain(`「${moved}」 → 節「1 範囲」に移動`);
    for (const text of notes) for (const english of ENGLISH) expect(text, `"${english}" in "${text}"`).not.toContain(english);
    // The printed page head of the redline (PDF) too.
    expect(html).toContain('content: "修正履歴"');
    // And the report's own labels, as its build gives them, in kept, inserted and deleted text alike.
    const labels = selectAll('.variant-label', tree).map((node) => toText(node));
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(new Set(labels)).toEqual(new Set(['大陸法系', '英米法系']));
  });

  it('says the same in the DOCX redline as in the HTML one', () => {
    const header = htmlHeader();
    const table = findAll(parseXml(documentXml), 'w:tbl')[0];
    const rows = findAll(table, 'w:tr').map((tr) => findAll(tr, 'w:tc').map((tc) => findAll(tc, 'w:t').map((t) => t.children.join('')).join('')));
    expect(rows[0]).toEqual(header.headings);
    // The DOCX shows a removed recommendation's number in brackets (no strike-through outside a revision).
    expect(rows.slice(1).map((row) => row.slice(1))).toEqual(header.rows.map((row) => row.slice(1)));
    const text = sectionsText(documentXml, 'accept').flat();
    expect(text).toContain('修正履歴：v1 → v2');
    expect(text).toContain('変更前：v1（第 0.1.0 版、草案、2026-01-10 付、2026-01-10 コミット） 変更後：v2（第 0.2.0 版、草案、2026-03-02 付、2026-03-02 コミット）');
    expect(text.some((p) => /^挿入 \d+ 語、削除 \d+ 語、移動 \d+ 件。すべての変更は変更履歴として記録されています。/.test(p))).toBe(true);
    expect(text).toEqual(expect.arrayContaining(header.notes));
    expect(headerXml).toContain('修正履歴 · 草案 · 第 0.2.0 版');
    expect(text.filter((p) => /civil-law|common-law/i.test(p))).toEqual([]);
    expect(text).toContain('大陸法系');
    for (const paragraph of text.slice(0, text.findIndex((p) => p === '範囲'))) {
      for (const english of ENGLISH) expect(paragraph, `"${english}" in "${paragraph}"`).not.toContain(english);
    }
  });
});
