import os from 'node:os';
import path from 'node:path';
import type { Heading } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../src/diff/index.js';
import { renderRedlineHtml } from '../src/diff/redline.js';
import { loadReport } from '../src/model/load.js';
import type { SourceReader } from '../src/model/reader.js';
import type { Report } from '../src/model/types.js';
import { renderBody } from '../src/render/html.js';

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
