import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { po } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { parseXliff, writeXliff, type TranslationUnit } from '../src/i18n/formats.js';
import { inlineToText, type Inline } from '../src/i18n/units.js';
import { git, repoRoot, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();
const SCHEMA = path.join(repoRoot, 'test', 'data', 'xliff', 'xliff_core_2.0.xsd');

async function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd, color: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const FRONT = `---
title: Remedies in Trade Secret Cases
dialogue: Trade Secrets Best Practices Dialogue
version: 0.1.0
status: draft
date: 2026-11-21
systems: [civil-law, common-law]
lang: en
---

::toc
`;

const EVIDENCE = `::::recommendation{#preserve title="Preserve evidence early"}
Courts should be able to order that evidence be *preserved* before the action starts, as :ref[protect] explains.[^p]

:::variant{system=civil-law}
A bailiff should be able to describe the evidence.
:::

:::variant{system=common-law}
A search order should be available.
:::

:::example{jurisdiction=JP}
Japan allows evidence preservation before an action.
:::
::::
`;

const PROTECT = `::::recommendation{#protect title="Protect secrets in court"}
Courts should keep secrets confidential.

:::variant{system=civil-law}
The order should bind every participant.
:::

:::variant{system=common-law}
A protective order should be available.
:::

:::rationale
Without protection, holders do not sue.
:::
::::
`;

const SANCTIONS = `::::recommendation{#sanctions title="Sanction breaches" uniform}
Breaches of a confidentiality order should be sanctioned.
::::
`;

function report(order: 'original' | 'reordered'): string {
  const evidence = `## Evidence\n\nThe first section opens here.\n\n${EVIDENCE}`;
  const secrets = `## Secrets\n\nThe second section opens here.\n\n${PROTECT}\n${SANCTIONS}`;
  const body = order === 'original' ? `${evidence}\n${secrets}` : `## Secrets\n\nThe second section opens here.\n\n${SANCTIONS}\n${PROTECT}\n## Evidence\n\nThe first section opens here.\n\n${EVIDENCE}`;
  return `${FRONT}\n${body}\n[^p]: Code of Civil Procedure, art. 234.\n`;
}

function committedWorkspace(): string {
  const root = workspace({ 'reports/remedies/report.md': report('original') });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'first draft']);
  return root;
}

/** The "translator": every target is 訳 + the source text, inline codes kept where they stand. */
function translateInline(inline: Inline[]): Inline[] {
  return ['訳：', ...inline.map((part) => (typeof part === 'string' || part.kind === 'ph' ? part : { ...part, children: translateInline(part.children) }))];
}

function fillXliff(file: string, out: string): Map<string, string> {
  const parsed = parseXliff(readFileSync(file, 'utf8'));
  const targets = new Map<string, string>();
  const text = writeXliff({
    srcLang: parsed.srcLang,
    trgLang: parsed.trgLang,
    report: parsed.report,
    original: 'reports/remedies/report.md',
    entries: parsed.units.map((u: TranslationUnit) => {
      const target = translateInline(u.source);
      targets.set(u.id, inlineToText(target));
      const codes = new Map();
      return { unit: { id: u.id, source: u.source, codes, hash: u.hash }, target, state: 'translated' as const, commit: u.commit };
    }),
  });
  writeFileSync(out, text);
  return targets;
}

function xmllint(file: string): { code: number; stderr: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: result.stderr };
}

/** The inner HTML of the element carrying `data-unit="<id>"` (a p, heading or cell: never nested in its own kind). */
function unitText(html: string, id: string): string {
  const at = html.indexOf(`data-unit="${id}"`);
  if (at === -1) return '';
  const open = html.lastIndexOf('<', at);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(open))?.[1] ?? 'p';
  return html.slice(html.indexOf('>', at) + 1, html.indexOf(`</${tag}>`, at));
}

describe('translate extract', () => {
  it('writes XLIFF 2.1 units keyed by recommendation id that the OASIS schema accepts, with hashes and the commit', async () => {
    const root = committedWorkspace();
    const result = await cli(['translate', 'extract', 'remedies', '--lang', 'ja'], root);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const file = path.join(root, 'dist', 'remedies', 'translations', 'remedies.ja.xlf');
    const xliff = readFileSync(file, 'utf8');
    const parsed = parseXliff(xliff);
    const ids = parsed.units.map((u) => u.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        '_meta/title',
        'evidence/heading',
        'evidence/1',
        'preserve/title',
        'preserve/principle',
        'preserve/variant/civil-law',
        'preserve/variant/common-law',
        'preserve/example/JP',
        'protect/rationale',
        'sanctions/principle',
        '_footnote/p',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
    // Inline markup stays as codes: emphasis paired, the reference and the footnote call standalone.
    expect(xliff).toMatch(/<pc id="1" type="fmt" subType="xlf:i"[^>]*>preserved<\/pc>/);
    expect(xliff).toMatch(/<ph id="2" type="link" disp=":ref\[protect\]"\/>/);
    expect(xliff).toMatch(/<ph id="3" type="other" disp="\[\^p\]"\/>/);
    const head = git(root, ['rev-parse', '--short=10', 'HEAD']).trim();
    expect(parsed.units.every((u) => u.hash.length === 16 && u.commit === head)).toBe(true);
    expect(xmllint(file)).toEqual({ code: 0, stderr: `${file} validates\n` });
  });

  it('writes PO that msgfmt --check accepts, msgctxt the unit id, placeholders in the text', async () => {
    const root = committedWorkspace();
    const file = path.join(root, 'ja.po');
    expect((await cli(['translate', 'extract', 'remedies', '--lang', 'ja', '--format', 'po', '-o', file], root)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('msgctxt "preserve/principle"');
    expect(text).toContain('<1>preserved</1>');
    const check = spawnSync('msgfmt', ['--check', '-o', '/dev/null', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // Filled by a translator (through gettext-parser, as a PO editor would), it imports.
    const table = po.parse(readFileSync(file));
    for (const [context, messages] of Object.entries(table.translations)) {
      if (!context) continue;
      for (const message of Object.values(messages)) message.msgstr = [`訳：${message.msgid}`];
    }
    writeFileSync(file, po.compile(table));
    expect(spawnSync('msgfmt', ['--check', '-o', '/dev/null', file]).status).toBe(0);
    const imported = await cli(['translate', 'import', file], root);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/reports\/remedies\/translations\/ja\.po {2}ja: \d+ translated, 0 stale, 0 missing/);
  });
});

describe('a translation keyed by id', () => {
  it('lands every unit in its place after the source is reordered and renumbered', async () => {
    const root = committedWorkspace();
    await cli(['translate', 'extract', 'remedies', '--lang', 'ja'], root);
    const extracted = path.join(root, 'dist', 'remedies', 'translations', 'remedies.ja.xlf');
    const translated = path.join(root, 'translated.ja.xlf');
    const targets = fillXliff(extracted, translated);
    expect(xmllint(translated).code).toBe(0);
    const imported = await cli(['translate', 'import', translated], root);
    expect(imported.err).toBe('');
    expect(existsSync(path.join(root, 'reports', 'remedies', 'translations', 'ja.xlf'))).toBe(true);

    // Sections swapped, recommendations reordered: every number changes.
    writeFileSync(path.join(root, 'reports', 'remedies', 'report.md'), report('reordered'));
    git(root, ['commit', '-qam', 'reorder']);
    const built = await cli(['build', 'remedies', '--lang', 'ja'], root);
    expect(built.err).toBe('');
    expect(built.out).toContain('remedies ja: 19 of 19 units translated; shown in en: 0 stale, 0 untranslated');
    const html = readFileSync(path.join(root, 'dist', 'remedies', 'remedies.ja.html'), 'utf8');
    expect(html).toContain('<html lang="ja">');
    for (const [id, target] of targets) {
      if (id.startsWith('_meta/') || id.endsWith('/title')) continue;
      const plain = target.replace(/<\/?\d+\/?>/g, '');
      expect(unitText(html, id).replace(/<[^>]+>/g, '').replace(/勧告 \d\.\d|\d+/g, '')).toContain(plain.slice(0, 12));
    }
    // The recommendations carry their new numbers, in Japanese, with the translated titles.
    expect(html).toMatch(/id="sanctions" data-number="1\.1"[^]*?勧告 1\.1<\/span> <span class="recommendation-title">訳：Sanction breaches/);
    expect(html).toMatch(/id="preserve" data-number="2\.1"[^]*?勧告 2\.1/);
    // The cross-reference follows the recommendation to its new number.
    expect(unitText(html, 'preserve/principle')).toContain('>勧告 1.2</a>');
    expect(html).toContain('<p class="variant-label">大陸法系</p>');
    expect(html).toContain('事例：日本');
    expect(html).toContain('<h2 class="toc-title">目次</h2>');
  });

  it('a changed source sentence is stale: lint names it with its commit, the draft shows the source marked, extract keeps the old target', async () => {
    const root = committedWorkspace();
    const first = git(root, ['rev-parse', '--short=10', 'HEAD']).trim();
    await cli(['translate', 'extract', 'remedies', '--lang', 'ja'], root);
    const translated = path.join(root, 'translated.ja.xlf');
    fillXliff(path.join(root, 'dist', 'remedies', 'translations', 'remedies.ja.xlf'), translated);
    await cli(['translate', 'import', translated], root);
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'ja']);
    const source = path.join(root, 'reports', 'remedies', 'report.md');
    writeFileSync(
      source,
      readFileSync(source, 'utf8')
        .replace('A search order should be available.', 'A search order should be available in urgent cases.')
        .replace('before the action starts', 'before any action starts'),
    );
    git(root, ['commit', '-qam', 'reword']);

    const lint = await cli(['lint', 'remedies'], root);
    const stale = lint.out.split('\n').find((line) => line.includes('preserve/variant/common-law'));
    expect(stale).toMatch(new RegExp(`^reports/remedies/translations/ja\\.xlf:\\d+:\\d+ warning ja: unit "preserve/variant/common-law" is stale: the source changed since it was translated \\(translated from the source at commit ${first}\\).* translation$`));
    expect(lint.out.split('\n').filter((line) => line.includes(' translation')).length).toBe(2);

    // In CI, progress is silent but the coverage of a translation is still said (the CI log is where
    // a stale translation is noticed); --quiet silences it.
    const savedCi = process.env.CI;
    process.env.CI = 'true';
    let built: Awaited<ReturnType<typeof cli>>;
    let quiet: Awaited<ReturnType<typeof cli>>;
    try {
      built = await cli(['build', 'remedies', '--lang', 'ja'], root);
      quiet = await cli(['build', 'remedies', '--lang', 'ja', '--quiet'], root);
    } finally {
      if (savedCi === undefined) delete process.env.CI;
      else process.env.CI = savedCi;
    }
    expect(built.out).toBe('remedies ja: 17 of 19 units translated; shown in en: 2 stale (preserve/principle, preserve/variant/common-law), 0 untranslated');
    expect(quiet.out).toBe('');
    const html = readFileSync(path.join(root, 'dist', 'remedies', 'remedies.ja.html'), 'utf8');
    expect(html).toMatch(/<p data-unit="preserve\/variant\/common-law" lang="en" class="translation-fallback translation-stale" title="[^"]+">A search order should be available in urgent cases\.<\/p>/);

    // A reference inside text shown in English reads in English.
    expect(unitText(html, 'preserve/principle')).toContain('>Recommendation 2.1</a>');
    expect(unitText(html, 'protect/principle')).toContain('訳：');

    const again = await cli(['translate', 'extract', 'remedies', '--lang', 'ja', '-o', 'again.xlf'], root);
    expect(again.out).toContain('2 changed since translated (marked for review): preserve/principle, preserve/variant/common-law');
    const unit = parseXliff(readFileSync(path.join(root, 'again.xlf'), 'utf8')).units.find((u) => u.id === 'preserve/variant/common-law')!;
    expect(unit.state).toBe('initial');
    expect(inlineToText(unit.target!)).toBe('訳：A search order should be available.');
    expect(unit.previousSource).toBe('A search order should be available.');
    expect(xmllint(path.join(root, 'again.xlf')).code).toBe(0);
  });

  it('import refuses an unknown unit id, broken placeholders and the wrong language, naming the line (exit 2)', async () => {
    const root = committedWorkspace();
    await cli(['translate', 'extract', 'remedies', '--lang', 'ja'], root);
    const good = path.join(root, 'good.xlf');
    fillXliff(path.join(root, 'dist', 'remedies', 'translations', 'remedies.ja.xlf'), good);
    const text = readFileSync(good, 'utf8');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

    const unknown = path.join(root, 'unknown.xlf');
    writeFileSync(unknown, text.replace('name="protect/rationale"', 'name="protect/rationales"'));
    const a = await runCliInProcess(['translate', 'import', unknown], { cwd: root });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(new RegExp(`^rapporteur: unknown\\.xlf:${lineOf('name="protect/rationale"')}:\\d+: unknown unit id "protect/rationales": remedies has no such part`));

    const broken = path.join(root, 'broken.xlf');
    const principle = text.indexOf('name="preserve/principle"');
    const targetAt = text.indexOf('<target>', principle);
    writeFileSync(broken, text.slice(0, targetAt) + text.slice(targetAt).replace(/<ph id="3"[^>]*\/>/, ''));
    const b = await cli(['translate', 'import', broken], root);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`broken.xlf:${lineOf('name="preserve/principle"')}:`);
    expect(b.err).toContain('unit "preserve/principle": placeholder <3/> ([^p]) is missing from the translation');

    const korean = path.join(root, 'ko.xlf');
    writeFileSync(korean, text.replace('trgLang="ja"', 'trgLang="ko"'));
    const c = await cli(['translate', 'import', korean, '--lang', 'ja'], root);
    expect(c.code).toBe(2);
    expect(c.err).toContain('ko.xlf:1:1: the file translates into "ko", not "ja" (--lang)');
    const french = path.join(root, 'fr-source.xlf');
    writeFileSync(french, text.replace('srcLang="en"', 'srcLang="fr"'));
    expect((await cli(['translate', 'import', french], root)).err).toContain('the file translates from "fr", but reports/remedies/report.md is written in "en"');
    expect(existsSync(path.join(root, 'reports', 'remedies', 'translations'))).toBe(false);
  });

  it('builds the Japanese PDF with the text as glyphs and the Japanese font embedded, and the bilingual edition side by side', async () => {
    const root = committedWorkspace();
    await cli(['translate', 'extract', 'remedies', '--lang', 'ja'], root);
    const translated = path.join(root, 'translated.ja.xlf');
    fillXliff(path.join(root, 'dist', 'remedies', 'translations', 'remedies.ja.xlf'), translated);
    await cli(['translate', 'import', translated], root);
    const built = await cli(['build', 'remedies', '--lang', 'ja,en+ja', '--format', 'html,pdf'], root);
    expect(built.err).toBe('');
    const pdf = path.join(root, 'dist', 'remedies', 'remedies.ja.pdf');
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('訳：Courts should keep secrets confidential.');
    expect(text).toContain('勧告 1.1');
    expect(text).toMatch(/1 \/ \d+ ページ|\d+ \/ \d+ ページ/);
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/\+IPA(Mincho|Gothic)\s+CID TrueType\s+Identity-H\s+yes yes yes/);

    const bilingual = readFileSync(path.join(root, 'dist', 'remedies', 'remedies.en+ja.html'), 'utf8');
    expect(bilingual).toMatch(/<div class="bilingual-pair"><p lang="en" class="bilingual-source">Courts should keep secrets confidential\.<\/p><p data-unit="protect\/principle" class="bilingual-target">訳：Courts should keep secrets confidential\.<\/p><\/div>/);
    // The note's two languages are both printed as the note, at the foot of the page of its call
    // (the build's check proves it: a note's text printed in the body fails it), after the body.
    const bilingualPdf = path.join(root, 'dist', 'remedies', 'remedies.en+ja.pdf');
    const pages = spawnSync('pdftotext', ['-layout', bilingualPdf, '-'], { encoding: 'utf8' }).stdout.split('\f');
    const callPage = pages.find((page) => page.includes('Japan allows evidence preservation')) ?? '';
    const source = callPage.indexOf('1. Code of Civil Procedure, art. 234.');
    const translation = callPage.indexOf('訳：Code of Civil Procedure, art. 234.');
    expect(source).toBeGreaterThan(callPage.lastIndexOf('Japan allows evidence preservation'));
    expect(translation).toBeGreaterThan(source);
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, readFileSync(bilingualPdf));
  });

  it('names a few of the units shown in the source language, and counts the rest, so a draft translation stays one readable line', async () => {
    const out = workspace({});
    const built = await cli(['build', 'access-to-evidence', '--lang', 'ja', '--format', 'html', '--edition', 'full', '--out', out], repoRoot);
    expect(built.code).toBe(0);
    const line = built.out.split('\n').find((l) => l.startsWith('access-to-evidence ja:'))!;
    const match = /(\d+) untranslated \(([^)]*) and (\d+) more\)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, total, named, more] = match!;
    expect(named.split(', ')).toHaveLength(8);
    expect(Number(more)).toBe(Number(total) - 8);
  });
});

