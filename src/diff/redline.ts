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
import { describeParts } from './summary.js';
import { classesOf } from './words.js';

/**
 * The redline page: the new report rendered by the build's own pipeline and template, with the
 * merged marks, behind a header that names the two versions and a table of what changed in
 * which recommendation.
 */

export const REDLINE_CSS = `
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
  @page { @top-center { content: "Redline"; font-family: var(--sans, sans-serif); font-size: 8pt; font-weight: 700; color: #b00020; vertical-align: bottom; padding-bottom: 4mm; } }
}
`;

export interface RedlineOptions {
  edition?: string;
  changesOnly?: boolean;
  template?: Template;
  /** @font-face rules, as in RenderOptions (default: embedded). */
  fontCss?: string;
}

function describeVersion(v: VersionInfo): string {
  const name = v.revision === 'worktree' ? 'working tree' : v.revision;
  const details = [`version ${v.version}`, statusLabel(v.status).toLowerCase(), v.date ? `dated ${v.date}` : undefined, v.commitDate ? `committed ${v.commitDate}` : undefined].filter(Boolean);
  return `${name} (${details.join(', ')})`;
}

function revisionTitle(v: VersionInfo): string {
  return v.revision === 'worktree' ? 'working tree' : v.revision;
}

export function redlineTitle(comparison: Comparison): string {
  return `Redline: ${revisionTitle(comparison.versions.from)} → ${revisionTitle(comparison.versions.to)}`;
}

/** What happened to a recommendation, in words ("moved from 2.3; civil-law variant edited"), for every redline writer. */
export function whatChanged(rec: Comparison['recommendations'][number]): string {
  if (rec.status === 'added') return 'added';
  if (rec.status === 'removed') return 'removed';
  const parts: string[] = [];
  if (rec.moved) parts.push(`moved from ${rec.from}`);
  else if (rec.renumbered) parts.push(`renumbered ${rec.from} → ${rec.to}`);
  if (rec.parts.length) parts.push(`${describeParts(rec.parts)} edited`);
  else if (rec.inserted || rec.deleted) parts.push('wording around it edited');
  return parts.join('; ');
}

function header(comparison: Comparison, edition: string): Element {
  const { versions } = comparison;
  const children: ElementContent[] = [
    h('h2', redlineTitle(comparison)),
    h('p.redline-versions', [`From ${describeVersion(versions.from)}`, h('br'), `to ${describeVersion(versions.to)}`, edition === FULL ? '' : ` — ${editionLabel(edition)}`]),
    h('p.redline-legend', [h('ins', 'inserted'), h('del', 'deleted'), h('span.rl-moved', 'moved'), h('span', `${comparison.stats.inserted} words inserted, ${comparison.stats.deleted} deleted, ${comparison.stats.moved} moved`)]),
  ];
  if (!comparison.hasChanges) children.push(h('p.redline-none', 'No changes between these versions.'));
  const rows = comparison.recommendations.filter((r) => r.status !== 'unchanged' || r.moved || r.inserted || r.deleted);
  if (rows.length) {
    children.push(
      h('table.redline-summary', [
        h('thead', h('tr', [h('th', 'No.'), h('th', 'Recommendation'), h('th', 'What changed'), h('th.num', 'Words +'), h('th.num', 'Words −')])),
        h(
          'tbody',
          rows.map((r) =>
            h('tr', [
              h('td', r.status === 'removed' ? h('del', r.from ?? '') : r.to ?? ''),
              h('td', h('a', { href: `#${r.id}` }, r.title || r.id)),
              h('td', whatChanged(r)),
              h('td.num.plus', r.inserted ? `+${r.inserted}` : ''),
              h('td.num.minus', r.deleted ? `−${r.deleted}` : ''),
            ]),
          ),
        ),
      ]),
    );
  }
  const notes: ElementContent[] = [];
  for (const change of comparison.frontMatter) {
    notes.push(h('li', `Front matter ${change.field}: ${formatValue(change.from)} → ${formatValue(change.to)}`));
  }
  const fn = comparison.footnotes;
  if (fn.added.length + fn.removed.length + fn.modified.length) {
    const parts = [
      fn.modified.length ? `${fn.modified.length} edited` : '',
      fn.added.length ? `${fn.added.length} added` : '',
      fn.removed.length ? `${fn.removed.length} removed` : '',
    ].filter(Boolean);
    notes.push(h('li', `Footnotes: ${parts.join(', ')}`));
  }
  const terms = comparison.definitions;
  if (terms.added.length + terms.removed.length + terms.modified.length) {
    const parts = [
      terms.modified.length ? `changed: ${terms.modified.join(', ')}` : '',
      terms.added.length ? `added: ${terms.added.join(', ')}` : '',
      terms.removed.length ? `removed: ${terms.removed.join(', ')}` : '',
    ].filter(Boolean);
    notes.push(h('li', `Definitions ${parts.join('; ')}`));
  }
  const renumberedOnly = comparison.recommendations.filter((r) => r.renumbered && !rows.includes(r));
  if (renumberedOnly.length) {
    notes.push(h('li', `Renumbered only: ${renumberedOnly.map((r) => `${r.to} (was ${r.from})`).join(', ')}`));
  }
  const movedBlocks = comparison.moves.filter((m) => m.kind === 'block');
  if (movedBlocks.length) notes.push(h('li', `${movedBlocks.length} paragraph${movedBlocks.length > 1 ? 's' : ''} moved (marked in green)`));
  if (notes.length) children.push(h('ul.redline-notes', notes));
  return h('section.redline-header', { ariaLabel: 'Redline summary' }, children);
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name) : String(v))).join(', ');
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
export function changesOnly(tree: Root): Root {
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
        children: [{ type: 'text', value: `⋯ ${skipped} unchanged block${skipped > 1 ? 's' : ''} not shown ⋯` }],
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
      out.push(isRecommendation(child) && !hasMarks(child) ? collapsed(child) : child);
    }
  });
  flush();
  return { type: 'root', children: [...out, ...notes] };
}

/** An unchanged recommendation shown as context: its heading only. */
function collapsed(node: RootContent): RootContent {
  const heading = (node as Extract<RootContent, { children: unknown[] }>).children.find((c) => (c as Nodes).type === 'recommendationHeading');
  const note = {
    type: 'paragraph',
    children: [{ type: 'text', value: 'Unchanged; its text is not shown.' }],
    data: { hProperties: { className: ['rl-context-note'] } },
  };
  return { ...node, children: heading ? [heading, note] : [note] } as RootContent;
}

export function renderRedlineHtml(comparison: Comparison, tree: Root, after: Report, options: RedlineOptions = {}): string {
  const edition = options.edition ?? FULL;
  const body = options.changesOnly ? changesOnly(tree) : tree;
  // Deleted images of the old text may no longer be on disk; they are left out quietly.
  embedImages(body, after);
  const hast = markdownToHast(body);
  // The body is already sanitized by markdownToHast; only the header is new here.
  const preface: HastRoot = { type: 'root', children: [...sanitizeTree({ type: 'root', children: [header(comparison, edition)] }).children, ...hast.children] };
  // The report's own body is empty: the redline is given as the preface, so template, title
  // block, styles and stamp are exactly those of a build.
  const shell: Report = { ...after, tree: { type: 'root', children: [] } };
  const { html } = renderHtml(shell, { edition, template: options.template, extraCss: REDLINE_CSS, kind: redlineTitle(comparison), preface, fontCss: options.fontCss });
  return html;
}
