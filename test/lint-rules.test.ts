import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleReport, renderLintDocs } from '../src/lint/docs.js';
import { lintReport } from '../src/lint/engine.js';
import { rules } from '../src/lint/registry.js';
import type { DocExample } from '../src/lint/types.js';
import { loadReport } from '../src/model/load.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers.js';

const ruleFiles = readdirSync(path.join(repoRoot, 'src', 'lint', 'rules'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const workspaces: string[] = [];
afterAll(() => workspaces.forEach(removeWorkspace));

/** Lints a documentation example with only `ruleId` enabled (plus its options). */
async function lintExample(ruleId: string, example: DocExample) {
  const { text, lineOffset } = exampleReport(example);
  const files: Record<string, string> = { 'reports/example/report.md': text };
  for (const [name, content] of Object.entries(example.files ?? {})) files[`reports/example/${name}`] = content;
  const root = makeWorkspace(files);
  workspaces.push(root);
  const loaded = await loadReport({ slug: 'example', root, file: path.join(root, 'reports/example/report.md') });
  const rulesConfig = example.options ? { [ruleId]: ['error', example.options] } : undefined;
  const messages = lintReport(loaded, { only: [ruleId], rules: rulesConfig }).filter((m) => m.ruleId === ruleId);
  return { messages, lineOffset };
}

/** A finding as the docs pin it: `line:column-endLine:endColumn message`, lines of the source shown. */
function pinned(message: Awaited<ReturnType<typeof lintExample>>['messages'][number], lineOffset: number): string {
  const own = message.file === 'reports/example/report.md';
  const shift = own ? lineOffset : 0;
  const prefix = own ? '' : `${String(message.file).replace('reports/example/', '')}:`;
  return `${prefix}${(message.line ?? 1) - shift}:${message.column}-${(message.place && 'end' in message.place ? message.place.end.line : message.line ?? 1) - shift}:${message.place && 'end' in message.place ? message.place.end.column : message.column} ${message.reason}`;
}

describe('rule registry', () => {
  it('lists every rule file, and every listed rule has a file of its id', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(ruleFiles);
  });

  it('has no duplicate ids', () => {
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });

  it('docs/lint.md is generated from the current rules (npm run docs:lint)', () => {
    expect(readFileSync(path.join(repoRoot, 'docs', 'lint.md'), 'utf8')).toBe(renderLintDocs());
  });
});

describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('rule %s', (id, rule) => {
  it('has kebab-case id, severity, description, docs url, rationale and examples', () => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(['warn', 'error']).toContain(rule.meta.severity);
    expect(rule.meta.description.length).toBeGreaterThan(20);
    expect(rule.meta.url).toMatch(new RegExp(`lint\\.md#${id}$`));
    expect(rule.docs.rationale.length).toBeGreaterThan(40);
    expect(rule.docs.incorrect.length).toBeGreaterThan(0);
    expect(rule.docs.correct.length).toBeGreaterThan(0);
    expect(rule.options.safeParse({}).success).toBe(true);
  });

  it.each(rule.docs.incorrect.map((e) => [e.title, e] as const))('incorrect: %s', async (_title, example) => {
    const { messages, lineOffset } = await lintExample(id, example);
    expect(messages.length, 'the rule found nothing in its incorrect example').toBeGreaterThan(0);
    // Like remark-lint's docs: every finding of an incorrect example is pinned exactly.
    expect(example.output, 'an incorrect example pins its output').toBeDefined();
    expect(messages.map((m) => pinned(m, lineOffset))).toEqual(example.output);
    if (example.line !== undefined) {
      const file = example.file ?? 'reports/example/report.md';
      const expected = example.line + (example.file ? 0 : lineOffset);
      expect(messages.map((m) => `${m.file}:${m.line}`)).toContain(`${file}:${expected}`);
    }
    for (const m of messages) {
      expect(m.reason).not.toMatch(/undefined|\[object Object\]|NaN/);
      expect(m.url).toBe(rule.meta.url);
    }
  });

  it.each(rule.docs.correct.map((e) => [e.title, e] as const))('correct: %s', async (_title, example) => {
    const { messages } = await lintExample(id, example);
    expect(messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
  });
});
