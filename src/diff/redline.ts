import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { Nodes, Root, RootContent } from 'mdast';
import type { Report } from '../model/types.js';
import { editionLabel, FULL } from '../render/editions.js';
import { markdownToHast, renderHtml, statusLabel } from '../render/html.js';
import { embedImages } from '../render/resources.js';
import { sanitizeTree } from '../render/sanitize.js';
import type { Template } from '../render/template.js';
import { hNameOf, isRecommendation } from './align.js';
import type { Comparison, VersionInfo } from './index.js';
import { inSentence, ui, uiCount } from '../i18n/ui.js';
import { describeParts } from './summary.js';
import { classesOf } from './words.js';

/**
 * The redline page: the new report rendered by the build's own pipeline and template, with the
 * merged marks, behind a header that names the two versions and a table of what changed in
 * which recommendation.
 */

const REDLINE_CSS = `
ins, .rl-ins { color: #0b4fa8; text-decoration: underline; text-decoration-color: #0b4fa8; text-decoration-thickness: 1px; text-underline-offset: 2px; background: #eef4fd; }
del, .rl-del { color: #b00020; text-decoration: line-through; text-decoration-color: #b00020; background: #fdeeee; }
ins.rl-ins-block, del.rl-del-block { display: block; background: none; }
ins.rl-ins-block { border-left: 3px solid #0b4fa8; padding-left: .6rem; margin-left: -.9rem; }
del.rl-del-block { border-left: 3px solid #b00020; padding-left: .6rem; margin-left: -.9rem; }
tr.rl-ins-block td { background: #eef4fd; }
tr.rl-del-block td { background: #fdeeee; }
li.rl-ins-block::marker { color: #0b4fa8; }
li.rl-del-block::marker { color: #b00020; }
.rl-moved-block { border-left: 3px solid #17823b; padding-left: .6rem; margin-left: -.9rem; }
.rl-move-note, .rl-moved-away { font-family: var(--sans, sans-serif); font-size: .85rem; margin: .5rem 0; }
.rl-moved-away { border-left: 3px solid #17823b; padding-left: .6rem; margin-left: -.9rem; }
span.rl-moved { color: #17823b; font-weight: 600; text-decoration: none; }
.rl-moved-away span.rl-moved-from { text-decoration: line-through double; text-decoration-color: #17823b; font-weight: 400; }
.rl-context-note { font-family: var(--sans, sans-serif); font-size: .85rem; color: #4f5b66; }
.rl-was { font-family: var(--sans, sans-serif); font-size: .75em; font-weight: 400; color: #17823b; margin-left: .4em; text-transform: none; letter-spacing: 0; }
.redline-header { font-family: var(--sans, sans-serif); margin: 1.5rem 0 2rem; padding: 1rem 1.25rem; border: 1px solid #d5dae0; border-radius: 4px; background: #fafbfc; }
.redline-header h2 { margin: 0 0 .4rem; font-size: 1.4rem; }
.redline-versions { margin: 0 0 .6rem; color: #4f5b66; }
.redline-legend { margin: .2rem 0 .8rem; font-size: .9rem; }
.redline-legend > * { margin-right: 1.2em; }
.redline-summary { font-size: .85rem; }
.redline-summary td.num, .redline-summary th.num { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.redline-summary .plus { color: #0b4fa8; }
.redline-summary .minus { color: #b00020; }
.redline-notes { font-size: .9rem; margin: .6rem 0 0; padding-left: 1.2rem; }
.redline-none { font-weight: 600; }
.rl-elided { font-family: var(--sans, sans-serif); font-size: .85rem; color: #4f5b66; text-align: center; border-top: 1px dashed #d5dae0; border-bottom: 1px dashed #d5dae0; padding: .3rem; margin: 1.5rem 0; }
@media print {
  .redline-header { break-after: page; }
  ins, del, .rl-ins, .rl-del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { @top-center { content: REDLINE_LABEL; font-family: var(--sans, sans-serif); font-size: 8pt; font-weight: 700; color: #b00020; vertical-align: bottom; padding-bottom: 4mm; } }
}
`;

/** The redline's styles, its printed page head ("Redline") in the report's language. */
export function redlineCss(lang: string | undefined): string {
  // A CSS string: JSON's escaping of quotes and backslashes is CSS's too (labels hold no newline).
  return REDLINE_CSS.replace('REDLINE_LABEL', JSON.stringify(ui(lang, 'redline')));
}

export interface RedlineOptions {
  edition?: string;
  changesOnly?: boolean;
  template?: Template;
  /** @font-face rules, as in RenderOptions (default: embedded). */
  fontCss?: string;
}

/** "v0.2.0 (version 0.2.0, draft, dated 2026-01-05)", in the report's language. */
export function describeVersion(v: VersionInfo, lang: string | undefined): string {
  const details = [
    ui(lang, 'redlineVersion', { version: v.version }),
    inSentence(lang, statusLabel(v.status, lang)),
    v.date ? ui(lang, 'redlineDated', { date: v.date }) : undefined,
    v.commitDate ? ui(lang, 'redlineCommitted', { date: v.commitDate }) : undefined,
  ].filter((d): d is string => d !== undefined);
  return ui(lang, 'redlineVersionOf', { name: revisionTitle(v, lang), details: details.join(ui(lang, 'listSeparator')) });
}

function revisionTitle(v: VersionInfo, lang: string | undefined): string {
  return v.revision === 'worktree' ? ui(lang, 'workingTree') : v.revision;
}

export function redlineTitle(comparison: Comparison, lang: string | undefined): string {
  return ui(lang, 'redlineTitle', { from: revisionTitle(comparison.versions.from, lang), to: revisionTitle(comparison.versions.to, lang) });
}

/** What happened to a recommendation, in words ("moved from 2.3; civil-law variant edited"), for every redline writer. */
export function whatChanged(rec: Comparison['recommendations'][number], lang: string | undefined): string {
  if (rec.status === 'added') return ui(lang, 'changeAdded');
  if (rec.status === 'removed') return ui(lang, 'changeRemoved');
  const parts: string[] = [];
  if (rec.moved) parts.push(ui(lang, 'changeMovedFrom', { number: rec.from ?? '' }));
  else if (rec.renumbered) parts.push(ui(lang, 'changeRenumbered', { from: rec.from ?? '', to: rec.to ?? '' }));
  if (rec.parts.length) parts.push(ui(lang, 'changeEdited', { parts: describeParts(rec.parts, lang) }));
  else if (rec.inserted || rec.deleted) parts.push(ui(lang, 'changeAround'));
  return parts.join(ui(lang, 'clauseSeparator'));
}

/** The recommendations the summary table lists: every one that changed in any way but a new number alone. */
export function summaryRows(comparison: Comparison): Comparison['recommendations'] {
  return comparison.recommendations.filter((r) => r.status !== 'unchanged' || r.moved || r.inserted || r.deleted);
}

/** The summary table's column headings, shared by the HTML and DOCX redlines. */
export function summaryHeadings(lang: string | undefined): string[] {
  return [ui(lang, 'summaryNumber'), ui(lang, 'summaryRecommendation'), ui(lang, 'whatChanged'), ui(lang, 'wordsInserted'), ui(lang, 'wordsDeleted')];
}

/** "12 words inserted, 3 deleted, 1 moved". */
export function statsLine(comparison: Comparison, lang: string | undefined): string {
  const { inserted, deleted, moved } = comparison.stats;
  return ui(lang, 'redlineStats', { inserted: String(inserted), deleted: String(deleted), moved: String(moved) });
}

/**
 * The lines under the summary table (front matter, notes, definitions, numbers, moved
 * paragraphs), shared by the HTML and DOCX redlines so that both say the same.
 */
export function summaryNotes(comparison: Comparison, lang: string | undefined): string[] {
  const notes: string[] = [];
  const list = ui(lang, 'listSeparator');
  for (const change of comparison.frontMatter) {
    notes.push(ui(lang, 'frontMatterChange', { field: change.field, from: formatValue(change.from, lang), to: formatValue(change.to, lang) }));
  }
  const fn = comparison.footnotes;
  if (fn.added.length + fn.removed.length + fn.modified.length) {
    const parts = [
      fn.modified.length ? ui(lang, 'countEdited', { count: String(fn.modified.length) }) : '',
      fn.added.length ? ui(lang, 'countAdded', { count: String(fn.added.length) }) : '',
      fn.removed.length ? ui(lang, 'countRemoved', { count: String(fn.removed.length) }) : '',
    ].filter(Boolean);
    notes.push(ui(lang, 'footnotesChanged', { changes: parts.join(list) }));
  }
  const terms = comparison.definitions;
  if (terms.added.length + terms.removed.length + terms.modified.length) {
    const parts = [
      terms.modified.length ? ui(lang, 'termsChanged', { terms: terms.modified.join(list) }) : '',
      terms.added.length ? ui(lang, 'termsAdded', { terms: terms.added.join(list) }) : '',
      terms.removed.length ? ui(lang, 'termsRemoved', { terms: terms.removed.join(list) }) : '',
    ].filter(Boolean);
    notes.push(ui(lang, 'definitionsChanged', { changes: parts.join(ui(lang, 'clauseSeparator')) }));
  }
  const rows = summaryRows(comparison);
  const renumberedOnly = comparison.recommendations.filter((r) => r.renumbered && !rows.includes(r));
  if (renumberedOnly.length) {
    const listed = renumberedOnly.map((r) => ui(lang, 'renumberedWas', { number: r.to ?? '', was: r.from ?? '' }));
    notes.push(ui(lang, 'renumberedOnly', { list: listed.join(list) }));
  }
  const movedBlocks = comparison.moves.filter((m) => m.kind === 'block');
  if (movedBlocks.length) notes.push(uiCount(lang, { one: 'movedParagraph', other: 'movedParagraphs' }, movedBlocks.length));
  return notes;
}

function header(comparison: Comparison, edition: string, lang: string | undefined): Element {
  const { versions } = comparison;
  const children: ElementContent[] = [
    h('h2', redlineTitle(comparison, lang)),
    h('p.redline-versions', [
      ui(lang, 'redlineFrom', { version: describeVersion(versions.from, lang) }),
      h('br'),
      ui(lang, 'redlineTo', { version: describeVersion(versions.to, lang) }),
      edition === FULL ? '' : ` — ${editionLabel(edition, lang)}`,
    ]),
    h('p.redline-legend', [h('ins', ui(lang, 'markInserted')), h('del', ui(lang, 'markDeleted')), h('span.rl-moved', ui(lang, 'markMoved')), h('span', statsLine(comparison, lang))]),
  ];
  if (!comparison.hasChanges) children.push(h('p.redline-none', ui(lang, 'redlineNoChanges')));
  const rows = summaryRows(comparison);
  if (rows.length) {
    const [number, recommendation, what, plus, minus] = summaryHeadings(lang);
    children.push(
      h('table.redline-summary', [
        h('thead', h('tr', [h('th', number), h('th', recommendation), h('th', what), h('th.num', plus), h('th.num', minus)])),
        h(
          'tbody',
          rows.map((r) =>
            h('tr', [
              h('td', r.status === 'removed' ? h('del', r.from ?? '') : r.to ?? ''),
              h('td', h('a', { href: `#${r.id}` }, r.title || r.id)),
              h('td', whatChanged(r, lang)),
              h('td.num.plus', r.inserted ? `+${r.inserted}` : ''),
              h('td.num.minus', r.deleted ? `−${r.deleted}` : ''),
            ]),
          ),
        ),
      ]),
    );
  }
  const notes = summaryNotes(comparison, lang);
  if (notes.length) children.push(h('ul.redline-notes', notes.map((note) => h('li', note))));
  return h('section.redline-header', { ariaLabel: ui(lang, 'redlineSummary') }, children);
}

function formatValue(value: unknown, lang: string | undefined): string {
  if (value === undefined || value === null || value === '') return ui(lang, 'noValue');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name) : String(v))).join(ui(lang, 'listSeparator'));
  return JSON.stringify(value);
}

function hasMarks(node: Nodes): boolean {
  const hName = hNameOf(node);
  if (hName === 'ins' || hName === 'del') return true;
  const classes = classesOf(node);
  // A new number alone ("was 2.3") is not a change worth showing in a changes-only redline.
  if (classes.includes('rl-was')) return false;
  if (classes.some((c) => c.startsWith('rl-'))) return true;
  return 'children' in node && (node.children as Nodes[]).some(hasMarks);
}

/** Changed top-level blocks with one block of context either side, and the heading above each run. */
export function changesOnly(tree: Root, lang: string | undefined): Root {
  const children = tree.children;
  const keep = new Array<boolean>(children.length).fill(false);
  children.forEach((child, index) => {
    if (hasMarks(child) && child.type !== 'footnoteDefinition') {
      for (let k = Math.max(0, index - 1); k <= Math.min(children.length - 1, index + 1); k++) keep[k] = true;
    }
  });
  // The nearest heading above each kept run says where the reader is.
  let lastHeading = -1;
  children.forEach((child, index) => {
    if (child.type === 'heading') lastHeading = index;
    if (keep[index] && (index === 0 || !keep[index - 1]) && lastHeading >= 0) keep[lastHeading] = true;
  });
  const out: RootContent[] = [];
  const notes: RootContent[] = [];
  let skipped = 0;
  const flush = () => {
    if (skipped > 0) {
      out.push({
        type: 'paragraph',
        children: [{ type: 'text', value: uiCount(lang, { one: 'elidedBlock', other: 'elidedBlocks' }, skipped) }],
        data: { hProperties: { className: ['rl-elided'] } },
      } as RootContent);
    }
    skipped = 0;
  };
  children.forEach((child, index) => {
    // Footnote definitions render at the end whatever their place; they never split a run.
    if (child.type === 'footnoteDefinition') notes.push(child);
    else if (!keep[index]) skipped++;
    else {
      flush();
      out.push(isRecommendation(child) && !hasMarks(child) ? collapsed(child, lang) : child);
    }
  });
  flush();
  return { type: 'root', children: [...out, ...notes] };
}

/** An unchanged recommendation shown as context: its heading only. */
function collapsed(node: RootContent, lang: string | undefined): RootContent {
  const heading = (node as Extract<RootContent, { children: unknown[] }>).children.find((c) => (c as Nodes).type === 'recommendationHeading');
  const note = {
    type: 'paragraph',
    children: [{ type: 'text', value: ui(lang, 'unchangedCollapsed') }],
    data: { hProperties: { className: ['rl-context-note'] } },
  };
  return { ...node, children: heading ? [heading, note] : [note] } as RootContent;
}

export function renderRedlineHtml(comparison: Comparison, tree: Root, after: Report, options: RedlineOptions = {}): string {
  const edition = options.edition ?? FULL;
  // The redline speaks the language of the report it shows (a translated edition's too).
  const lang = after.meta.lang;
  const body = options.changesOnly ? changesOnly(tree, lang) : tree;
  // Deleted images of the old text may no longer be on disk; they are left out quietly.
  embedImages(body, after);
  // The body's own labels (variant labels, "Notes") in the report's language, as in its build.
  const hast = markdownToHast(body, lang);
  // The body is already sanitized by markdownToHast; only the header is new here.
  const preface: HastRoot = { type: 'root', children: [...sanitizeTree({ type: 'root', children: [header(comparison, edition, lang)] }).children, ...hast.children] };
  // The report's own body is empty: the redline is given as the preface, so template, title
  // block, styles and stamp are exactly those of a build.
  const shell: Report = { ...after, tree: { type: 'root', children: [] } };
  const { html } = renderHtml(shell, { edition, template: options.template, extraCss: redlineCss(lang), kind: redlineTitle(comparison, lang), preface, fontCss: options.fontCss });
  return html;
}
