import type { BlockContent, List, ListItem, PhrasingContent, Root, RootContent, Parents } from 'mdast';
import { ui, type UiKey } from '../i18n/ui.js';
import type { Report } from '../model/types.js';
import { htmlToPhrasing, type FormattedCitations } from './notes.js';

/**
 * `::bibliography` and `::authorities`, filled from the edition's citeproc state: the entries are
 * the style's own bibliography entries of the references this edition cites.
 */

/** The table of authorities' groups, by CSL type: what a legal reader looks for first. */
export const AUTHORITY_GROUPS: Array<{ title: UiKey; types: string[] }> = [
  { title: 'authorityCases', types: ['legal_case'] },
  { title: 'authorityLegislation', types: ['legislation', 'bill', 'regulation'] },
  { title: 'authorityTreaties', types: ['treaty'] },
];
const GROUPED = AUTHORITY_GROUPS.flatMap((group) => group.types);

interface Entry {
  id: string;
  html: string;
}

/** citeproc's bibliography for a selection, as (reference id, entry HTML). */
function bibliographyEntries(formatted: FormattedCitations, selection?: { include?: Array<{ value: string }>; exclude?: Array<{ value: string }> }): Entry[] {
  const result = formatted.engine.makeBibliography(selection);
  if (result) {
    const [params, entries] = result;
    return entries.map((html, index) => ({ id: params.entry_ids[index]?.[0] ?? '', html }));
  }
  // A style without a bibliography (Bluebook): each reference in its first, full note form.
  const types = (id: string) => String(formatted.items.get(id)?.type ?? '');
  const wanted = formatted.cited.filter((id) => {
    if (selection?.include) return selection.include.some((condition) => condition.value === types(id));
    if (selection?.exclude) return !selection.exclude.some((condition) => condition.value === types(id));
    return true;
  });
  return wanted.map((id) => ({ id, html: formatted.fullForm(id) }));
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function entryList(className: string, items: ListItem[]): List {
  return { type: 'list', ordered: false, spread: false, children: items, data: { hProperties: { className: [className] } } };
}

export function expandPlacements(tree: Root, report: Report, formatted: FormattedCitations): void {
  const rewrite = (parent: Parents): void => {
    const children = parent.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      if (node.type === 'bibliography') children[index] = { ...node, children: bibliography(formatted) };
      else if (node.type === 'authorities') children[index] = { ...node, children: authorities(report, formatted) };
      else if ('children' in node && node.type !== 'paragraph') rewrite(node as Parents);
    }
  };
  rewrite(tree);
}

function bibliography(formatted: FormattedCitations): BlockContent[] {
  const items: ListItem[] = bibliographyEntries(formatted).map((entry) => ({
    type: 'listItem',
    spread: false,
    children: [{ type: 'paragraph', children: htmlToPhrasing(entry.html) }],
    data: { hProperties: { className: ['bibliography-entry'], id: `ref-${entry.id}` } },
  }));
  return [entryList('bibliography-list', items)];
}

/** A UI string with a `{numbers}` slot, as the text before the numbers and the text after them. */
export function aroundNumbers(template: string): [string, string] {
  const at = template.indexOf('{numbers}');
  return at === -1 ? [`${template} `, ''] : [template.slice(0, at), template.slice(at + '{numbers}'.length)];
}

/**
 * Where a reference is cited: the recommendations (or sections) and the notes, each linked; and
 * the element ids of its citations in the running text (whose pages the PDF adds).
 */
function citedAt(report: Report, formatted: FormattedCitations, id: string): { parts: PhrasingContent[]; inText: string[] } {
  const inText: string[] = [];
  const anchors: string[] = [];
  const notes: Array<{ note: number; identifier: string }> = [];
  for (const citation of formatted.byId.values()) {
    if (!citation.keys.includes(id)) continue;
    if (!anchors.includes(citation.anchor)) anchors.push(citation.anchor);
    if (citation.note > 0 && citation.noteIdentifier && !notes.some((n) => n.note === citation.note)) notes.push({ note: citation.note, identifier: citation.noteIdentifier });
    if (citation.textId) inText.push(citation.textId);
  }
  const recommendations = new Map(report.recommendations.map((r) => [r.id, r]));
  const headings = new Map(report.headings.map((h) => [h.slug, h]));
  const parts: PhrasingContent[] = [];
  for (const anchor of anchors) {
    const recommendation = recommendations.get(anchor);
    const heading = headings.get(anchor);
    const lang = report.meta.lang;
    const label = recommendation ? ui(lang, 'recommendation', { number: recommendation.number }) : heading ? (heading.number ? ui(lang, 'section', { number: heading.number }) : heading.text) : undefined;
    if (!label) continue;
    if (parts.length) parts.push(text(', '));
    parts.push({ type: 'link', url: `#${anchor}`, children: [text(label)] });
  }
  if (notes.length) {
    if (parts.length) parts.push(text('; '));
    // "nn {numbers}" / "注 {numbers}": the label in the report's language, around the numbers.
    const [before, after] = aroundNumbers(ui(report.meta.lang, notes.length > 1 ? 'authorityNotes' : 'authorityNote'));
    if (before) parts.push(text(before));
    notes.sort((a, b) => a.note - b.note).forEach((note, index) => {
      if (index) parts.push(text(', '));
      // A link to the note itself (in the PDF the note stands at the foot of the page of its call).
      parts.push({ type: 'link', url: `#user-content-fn-${note.identifier.toLowerCase()}`, children: [text(String(note.note))], data: { hProperties: { className: ['authority-note'] } } });
    });
    if (after) parts.push(text(after));
  }
  return { parts, inText };
}

function authorities(report: Report, formatted: FormattedCitations): BlockContent[] {
  const groups = [
    // `include` matches any of the conditions (`select` would need all of them).
    ...AUTHORITY_GROUPS.map((group) => ({ title: ui(report.meta.lang, group.title), selection: { include: group.types.map((type) => ({ field: 'type', value: type })) } })),
    { title: ui(report.meta.lang, 'authorityOther'), selection: { exclude: GROUPED.map((type) => ({ field: 'type', value: type })) } },
  ];
  const blocks: BlockContent[] = [];
  for (const group of groups) {
    const entries = bibliographyEntries(formatted, group.selection);
    if (entries.length === 0) continue;
    blocks.push({ type: 'heading', depth: 3, children: [text(group.title)], data: { hProperties: { className: ['authorities-group'] } } });
    const items: ListItem[] = entries.map((entry) => {
      const { parts: where, inText } = citedAt(report, formatted, entry.id);
      return {
        type: 'listItem',
        spread: false,
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'emphasis', children: htmlToPhrasing(entry.html), data: { hName: 'span', hProperties: { className: ['authority'] } } },
              // The PDF adds the pages after the notes (src/pdf/in-page.ts), labelled in the report's language.
              ...(where.length ? [text(' — '), { type: 'emphasis' as const, children: where, data: { hName: 'span', hProperties: { className: ['authority-cited'], dataPageOne: ui(report.meta.lang, 'authorityPage'), dataPageMany: ui(report.meta.lang, 'authorityPages'), ...(inText.length ? { dataCitedInText: inText.join(' ') } : {}) } } }] : []),
            ],
          },
        ],
      };
    });
    blocks.push(entryList('authorities-list', items));
  }
  return blocks;
}
