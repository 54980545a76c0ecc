import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { AnchorGroup, Register, RegisterEntry } from './register.js';
import { JSON_FIELDS, toJson } from './register.js';

export type RegisterFormat = 'table' | 'json' | 'csv' | 'html';
export const REGISTER_FORMATS: RegisterFormat[] = ['table', 'json', 'csv', 'html'];

interface Grouped {
  group: AnchorGroup;
  entries: RegisterEntry[];
}

/** Entries grouped by anchor, groups in report order (entries arrive sorted). */
export function grouped(register: Register, entries: RegisterEntry[]): Grouped[] {
  const byAnchor = new Map<string, RegisterEntry[]>();
  for (const entry of entries) byAnchor.set(entry.anchor, [...(byAnchor.get(entry.anchor) ?? []), entry]);
  return register.groups.filter((g) => byAnchor.has(g.anchor)).map((group) => ({ group, entries: byAnchor.get(group.anchor) as RegisterEntry[] }));
}

function who(entry: RegisterEntry): string {
  return entry.author ?? 'unknown';
}

function origin(entry: RegisterEntry): string {
  if (entry.source === 'pdf') return `pdf p.${entry.page ?? '?'}`;
  if (entry.source === 'docx') return `docx${entry.part ? ` ${entry.part}` : ''}`;
  return 'inline';
}

/** A suggestion as a one-line redline for the terminal: [-old-]{+new+}. */
function redlineText(entry: RegisterEntry): string {
  const words = `${entry.old ? `[-${entry.old}-]` : ''}${entry.new ? `{+${entry.new}+}` : ''}`;
  const decided = entry.decision ? ` (${entry.decision}${entry.decidedBy ? ` by ${entry.decidedBy}` : ''})` : '';
  return `${entry.change ?? 'suggestion'}: ${words || entry.text}${decided}`;
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines.length ? lines : [`${indent}(no text)`];
}

export function statusWord(status: string): string {
  return status === 'all' ? '' : `${status} `;
}

/** The terminal register: one block per recommendation or section, in report order. */
export function formatTable(register: Register, entries: RegisterEntry[], status: string): string {
  const out: string[] = [];
  const slug = register.report.slug;
  const title = `${register.report.meta.title} (${slug}) — ${entries.length} ${statusWord(status)}comment${entries.length === 1 ? '' : 's'}`;
  out.push(title, '');
  for (const { group, entries: list } of grouped(register, entries)) {
    out.push(group.label);
    for (const entry of list) {
      const reply = entry.re ? `  ↳ reply to ${entry.re}` : '';
      out.push(`  ${entry.id}  ${entry.status.padEnd(8)}  ${(entry.date ?? '----------').padEnd(10)}  ${who(entry)}  (${origin(entry)}, ${entry.file}:${entry.line})${reply}`);
      if (entry.kind === 'suggestion') {
        out.push(...wrap(redlineText(entry), 88, '      '));
      } else {
        if (entry.quote) out.push(...wrap(`“${entry.quote}”`, 88, '      '));
        out.push(...wrap(entry.text, 88, '      '));
      }
      if (entry.note) out.push(...wrap(`note: ${entry.note}`, 88, '      '));
    }
    out.push('');
  }
  if (entries.length === 0) out.push(`  no ${statusWord(status)}comments`, '');
  return out.join('\n');
}

export function formatJson(entries: RegisterEntry[]): string {
  return `${JSON.stringify(entries.map(toJson), null, 2)}\n`;
}

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is quoted with a leading apostrophe. */
export function formatCsv(entries: RegisterEntry[]): string {
  const header: string[] = [...JSON_FIELDS];
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = entries.map((e) => {
    const json = toJson(e);
    return header.map((key) => cell(json[key])).join(',');
  });
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}.facts{color:#555;margin-top:0}.warning{background:#fff4e5;border-left:4px solid #e08a00;padding:.5rem .8rem}
h2{font-size:1.1rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}h2 a{color:inherit}
.comment{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0;break-inside:avoid}
.comment.reply{margin-left:2rem}.comment.resolved{opacity:.65}
.meta{font-size:.85rem;color:#555;margin:0 0 .3rem}.meta code{font-size:.8rem;white-space:nowrap}
.status{display:inline-block;font-size:.75rem;border-radius:3px;padding:0 .4rem;margin-right:.4rem;background:#e6f0ff;color:#124}
.resolved .status{background:#e8f5e9;color:#1b5e20}
blockquote{margin:.3rem 0;padding-left:.7rem;border-left:3px solid #f2c94c;color:#444}
.text{white-space:pre-wrap;margin:0}
.redline del{color:#b00020;text-decoration:line-through}.redline ins{color:#0b6b2b;text-decoration:underline}
.suggestion .status{background:#fff4e5;color:#6b3d00}
@media print{body{margin:0}.comment{border-color:#bbb}}
`;

/**
 * A self-contained page (no script, no remote resource) a rapporteur can send to the steering
 * group. Links point at the recommendation in the HTML build, which sits in the same folder.
 */
export function formatHtml(register: Register, entries: RegisterEntry[], status: string, generated: string): string {
  const report = register.report;
  const build = `${report.slug}.html`;
  const sections: ElementContent[] = [];
  for (const { group, entries: list } of grouped(register, entries)) {
    const heading = group.fragment ? h('a', { href: `${build}#${group.fragment}` }, group.label) : group.label;
    sections.push(h('section', { dataAnchor: group.anchor || undefined }, [h('h2', heading), ...list.map(commentCard)]));
  }
  const count = `${entries.length} ${statusWord(status)}comment${entries.length === 1 ? '' : 's'}`;
  const page: Element = h('html', { lang: report.meta.lang || 'en' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'robots', content: 'noindex' }),
      h('title', `Comments — ${report.meta.title}`),
      h('style', CSS),
    ]),
    h('body', [
      h('h1', `Comments on “${report.meta.title}”`),
      h('p.facts', `Version ${report.meta.version} · ${count} · register generated ${generated}`),
      h('p.warning', 'Working group only. This register quotes comments that are never published with the report.'),
      ...(entries.length ? sections : [h('p', `No ${statusWord(status)}comments.`)]),
    ]),
  ]);
  return `<!doctype html>\n${toHtml(page)}\n`;
}

function commentCard(entry: RegisterEntry): Element {
  const meta: Array<Element | string> = [
    h('span.status', entry.status),
    h('strong', who(entry)),
    entry.date ? ` · ${entry.date}` : '',
    ` · ${entry.source === 'pdf' ? `PDF, page ${entry.page ?? '?'}` : entry.source === 'docx' ? `DOCX${entry.part ? `, ${entry.part}` : ''}` : 'in the source'} · `,
    h('code', `${entry.file}:${entry.line}`),
    ' · ',
    h('code', entry.id),
  ];
  if (entry.re) meta.push(' · reply to ', h('code', entry.re));
  if (entry.commit) meta.push(' · commit ', h('code', entry.commit.slice(0, 10)));
  if (entry.kind === 'suggestion') {
    // A small redline: the words around the change are not stored for display, only what changed.
    const words: ElementContent[] = [];
    if (entry.old) words.push(h('del', entry.old));
    if (entry.old && entry.new) words.push({ type: 'text', value: ' ' });
    if (entry.new) words.push(h('ins', entry.new));
    return h(`article.comment.suggestion.${entry.status}`, { id: entry.id }, [
      h('p.meta', meta),
      h('p.redline', [h('strong', `${entry.change ?? 'suggestion'}: `), ...(words.length ? words : [entry.text])]),
      entry.decision ? h('p.text', `${entry.decision}${entry.decidedBy ? ` by ${entry.decidedBy}` : ''}`) : '',
      entry.note ? h('p.text', entry.note) : '',
    ]);
  }
  return h(`article.comment.${entry.status}${entry.re ? '.reply' : ''}`, { id: entry.id }, [
    h('p.meta', meta),
    entry.quote ? h('blockquote', entry.quote) : '',
    h('p.text', entry.text || '(no text)'),
    entry.note ? h('p.text', entry.note) : '',
  ]);
}
