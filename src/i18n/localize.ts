import type { Nodes, Parent, PhrasingContent } from 'mdast';
import type { Report } from '../model/types.js';
import { plainText } from '../model/text.js';
import { cloneTree } from '../util/clone.js';
import type { LanguageState, UnitStatusKind } from './check.js';
import { ui } from './ui.js';
import { collectUnits, inlinePlain, type Code, type Inline } from './units.js';

/**
 * A report in another language: a copy of its tree where every translated unit's content is
 * replaced by its translation (inline codes rebuilt from the source's own nodes, so footnote
 * calls, cross-references and links keep working), and every other unit keeps the source text
 * with `lang` set to the source language — marked in drafts. The copy is a Report like any other,
 * so every render step, writer and edition works on it unchanged.
 */

export interface Fallback {
  id: string;
  status: Exclude<UnitStatusKind, 'translated'>;
}

export interface LocalizedReport {
  report: Report;
  lang: string;
  /** Units shown in the source language, in document order. */
  fallbacks: Fallback[];
  translated: number;
  total: number;
}

function rebuild(inline: Inline[], codes: Map<string, Code>): PhrasingContent[] {
  return inline.map((part): PhrasingContent => {
    if (typeof part === 'string') return { type: 'text', value: part };
    const code = codes.get(part.id);
    if (!code) return { type: 'text', value: '' };
    if (part.kind === 'ph') return cloneTree(code.node) as PhrasingContent;
    return { ...(code.node as Parent), children: rebuild(part.children, codes) } as PhrasingContent;
  });
}

function mark(node: Nodes, properties: Record<string, unknown>): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  const existing = data.hProperties ?? {};
  const className = [...((existing.className as string[] | undefined) ?? []), ...((properties.className as string[] | undefined) ?? [])];
  data.hProperties = { ...existing, ...properties, ...(className.length ? { className } : {}) };
}

/**
 * `state` undefined with `lang` the source language gives a copy of the source itself, every unit
 * tagged with its id (the bilingual edition pairs the two sides by these tags).
 */
export function localizeReport(report: Report, state: LanguageState | undefined, lang: string): LocalizedReport {
  const isSource = !state && lang === report.meta.lang;
  const sourceLang = report.meta.lang;
  const draft = report.meta.status !== 'final';
  const copies = new Map<object, object>();
  const tree = cloneTree(report.tree, (original, copy) => copies.set(original, copy));
  const copyOf = <T extends object>(node: T): T => (copies.get(node) as T | undefined) ?? node;
  const units = collectUnits(report, tree, (original) => copies.get(original));
  const fallbacks: Fallback[] = [];
  const titles = new Map<string, { title: string; lang?: string }>();
  const meta = { ...report.meta, lang };
  let translated = 0;
  for (const unit of units) {
    const status = state?.comparison.byId.get(unit.id);
    const target = status?.status === 'translated' ? status.entry?.target : undefined;
    if (target) translated++;
    else fallbacks.push({ id: unit.id, status: (status?.status ?? 'missing') as Fallback['status'] });
    const fallbackProps = {
      lang: sourceLang,
      ...(draft
        ? { className: ['translation-fallback', `translation-${status?.status ?? 'missing'}`], title: ui(lang, status?.status === 'stale' ? 'stale' : 'untranslated'), dataUnit: unit.id }
        : {}),
    };
    // Every block carries its unit id: reviewers find a unit in the page, and the bilingual edition pairs by it.
    if (unit.node) mark(unit.node as Nodes, { dataUnit: unit.id });
    if (isSource) continue;
    if (unit.id.startsWith('_meta/')) {
      const field = unit.id.slice('_meta/'.length) as 'title' | 'subtitle' | 'shorttitle' | 'dialogue';
      if (target) meta[field] = inlinePlain(target);
      continue;
    }
    if (unit.id.endsWith('/title') && !unit.node) {
      const id = unit.id.slice(0, -'/title'.length);
      titles.set(id, target ? { title: inlinePlain(target) } : { title: inlinePlain(unit.source), lang: sourceLang });
      continue;
    }
    if (!unit.node) continue;
    if (target) unit.node.children = rebuild(target, unit.codes);
    else {
      mark(unit.node as Nodes, fallbackProps);
      // A cross-reference in source-language text reads "Recommendation 2.3", not "勧告 2.3".
      for (const code of unit.codes.values()) {
        if (code.node.type === 'xref') code.node.data = { ...(code.node.data ?? {}), uiLang: sourceLang } as typeof code.node.data;
      }
    }
  }
  const recommendations = report.recommendations.map((item) => {
    const node = copyOf(item.node);
    const title = titles.get(item.id);
    if (title) node.title = title.title;
    return { ...item, node, title: title?.title ?? item.title, titleLang: title?.lang };
  });
  const headings = report.headings.map((heading) => {
    const node = copyOf(heading.node);
    return { ...heading, node, text: plainText(node.children as Nodes[]) };
  });
  const localized: Report = {
    ...report,
    meta,
    tree,
    headings,
    recommendations,
    footnotes: report.footnotes.map((f) => ({ ...f, node: copyOf(f.node) })),
    definitions: report.definitions.map((d) => ({ ...d, node: copyOf(d.node) })),
    termUses: report.termUses.map((t) => ({ ...t, node: copyOf(t.node) })),
    refs: report.refs.map((r) => ({ ...r, node: copyOf(r.node) })),
  };
  return { report: localized, lang, fallbacks, translated, total: units.length };
}
