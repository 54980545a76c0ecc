/**
 * Fixture folders: test/fixtures/dialect/<case>/input.md → expected-model.json and expected.html
 * (the full edition's body). Run with UPDATE=1 to rewrite the expectations after a deliberate
 * change, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../src/model/load.js';
import type { Report } from '../src/model/types.js';
import { renderBody } from '../src/render/html.js';
import { repoRoot } from './helpers.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'dialect');
const update = process.env.UPDATE === '1';

/** The parts of the model a reader of the fixture cares about, without node objects. */
export function summarize(report: Report) {
  return {
    headings: report.headings.map((h) => ({ depth: h.depth, text: h.text, slug: h.slug, number: h.number, line: h.source.line })),
    recommendations: report.recommendations.map((r) => ({
      id: r.id, number: r.number, title: r.title, topic: r.topic, uniform: r.uniform, section: r.section,
      principle: r.principle, line: r.source.line,
      variants: r.variants.map((v) => ({ system: v.system, text: v.text, examples: v.examples.length, line: v.source.line })),
      examples: r.examples.map((e) => ({ jurisdiction: e.jurisdiction, name: e.jurisdictionName, family: e.family, withinSystem: e.withinSystem, line: e.source.line })),
      rationale: r.rationale.map((x) => x.text),
      comments: r.comments.map((c) => c.id),
    })),
    comments: report.comments.map((c) => ({ id: c.id, author: c.author, date: c.date, status: c.status, re: c.re, kind: c.kind, anchor: c.anchor, text: c.text, line: c.source.line })),
    footnotes: report.footnotes.map((f) => ({ label: f.label, text: f.text, line: f.source.line })),
    footnoteCalls: report.footnoteCalls.map((f) => ({ label: f.label, line: f.source.line })),
    refs: report.refs.map((r) => ({ target: r.target, line: r.source.line })),
    directives: report.directives.map((d) => ({ name: d.name, kind: d.kind, ancestors: d.ancestors, line: d.source.line })),
    ...(report.definitions.length || report.termUses.length
      ? {
          definitions: report.definitions.map((d) => ({ term: d.term, key: d.key, anchor: d.anchor, text: d.text, line: d.source.line })),
          termUses: report.termUses.map((u) => ({ term: u.term, key: u.key, line: u.source.line })),
        }
      : {}),
  };
}

function check(file: string, actual: string): void {
  if (update) {
    writeFileSync(file, actual);
    return;
  }
  // A missing expectation fails: the test run never writes what it then compares against.
  expect(existsSync(file), `${path.relative(repoRoot, file)} is missing; run UPDATE=1 npx vitest run test/dialect.test.ts and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('authoring dialect fixtures', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const dir = path.join(fixtures, name);
      const { report, problems } = await loadReport({ slug: name, root: dir, file: path.join(dir, 'input.md') });
      expect(problems.map((p) => p.reason)).toEqual([]);
      expect(report).toBeDefined();
      check(path.join(dir, 'expected-model.json'), `${JSON.stringify(summarize(report!), null, 2)}\n`);
      const { hast } = renderBody(report!, 'full');
      check(path.join(dir, 'expected.html'), `${toHtml(hast)}\n`);
    });
  }
});
