import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packagePath } from '../util/package-root.js';
import { UserError } from '../util/problems.js';

export interface Template {
  name: string;
  dir: string;
  html: string;
  screenCss: string;
  printCss: string;
}

/**
 * A template is a folder: `template.html` (the skeleton, with `{{field}}` escaped and `{{{field}}}`
 * raw slots), `screen.css` and `print.css`. The workspace's `templates/<name>/` wins over the one
 * shipped with Rapporteur.
 */
export function loadTemplate(name: string, workspaceRoot: string): Template {
  const candidates = [path.join(workspaceRoot, 'templates', name), packagePath('templates', name)];
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, 'template.html')));
  if (!dir) throw new UserError(`template "${name}" not found (looked in ${candidates.map((c) => path.join(c, 'template.html')).join(' and ')})`);
  const read = (file: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8') : '');
  return { name, dir, html: read('template.html'), screenCss: read('screen.css'), printCss: read('print.css') };
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fills `{{name}}` (escaped) and `{{{name}}}` (trusted HTML made by the renderer) slots. */
export function fillTemplate(html: string, values: Record<string, string>): string {
  let out = '';
  let rest = html;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open === -1) return out + rest;
    out += rest.slice(0, open);
    const raw = rest.startsWith('{{{', open);
    const close = rest.indexOf(raw ? '}}}' : '}}', open);
    if (close === -1) return out + rest.slice(open);
    const key = rest.slice(open + (raw ? 3 : 2), close).trim();
    const value = values[key] ?? '';
    out += raw ? value : escapeHtml(value);
    rest = rest.slice(close + (raw ? 3 : 2));
  }
}
