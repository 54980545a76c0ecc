import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { runCwd } from '../util/run-context.js';
import path from 'node:path';
import { packagePath } from '../util/package-root.js';
import type { VFileMessage } from 'vfile-message';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { toPosix } from '../model/reader.js';
import { isContained } from '../util/contain.js';
import { problem, UserError } from '../util/problems.js';
import { sanitizeCss, sanitizeTemplateHtml } from './template-sanitize.js';

export interface Template {
  name: string;
  dir: string;
  html: string;
  screenCss: string;
  printCss: string;
  /** Paged.js page rules (the PDF), sanitized like the rest. */
  pagedCss: string;
  /** What sanitizing left out of a workspace template, as warnings at their place. */
  problems: VFileMessage[];
  /**
   * The ids the template's own HTML gives elements (`<header id="masthead">`): the report's
   * headings and recommendations must not take them, or the page would carry one id twice.
   */
  ids: string[];
}

const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A template is a folder: `template.html` (the skeleton, with `{{field}}` escaped and `{{{field}}}`
 * raw slots), `screen.css`, `print.css` and `paged.css`. The workspace's `templates/<name>/` wins
 * over the one shipped with Rapporteur. A template name is a folder name, nothing more
 * (`--template ../..` or a config `template:` cannot reach outside), and a workspace template, a
 * collaborator's work, must lie inside the workspace with links followed and is sanitized: its
 * HTML and CSS keep no script, no remote or outside resource, no redirect (template-sanitize.ts).
 */
export function loadTemplate(name: string, workspaceRoot: string): Template {
  if (!TEMPLATE_NAME.test(name) || name.includes('..')) {
    throw new UserError(`template "${name}" is not a template name: name a folder under templates/ (such as default)`);
  }
  const shipped = packagePath('templates', name);
  const own = path.join(workspaceRoot, 'templates', name);
  const candidates = [own, shipped];
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, 'template.html')));
  if (!dir) throw new UserError(`template "${name}" not found (looked in ${candidates.map((c) => path.join(c, 'template.html')).join(' and ')})`);
  const isShipped = dir === shipped || sameFolder(dir, shipped);
  if (!isShipped && !isContained(workspaceRoot, dir)) {
    throw new UserError(`template "${name}": ${path.relative(runCwd(), dir) || dir} is a symbolic link that leads outside the workspace; a template must be inside it`);
  }
  const problems: VFileMessage[] = [];
  const read = (file: string): { text: string; shown: string } => {
    const abs = path.join(dir, file);
    const shown = toPosix(path.relative(workspaceRoot, abs));
    if (!existsSync(abs)) return { text: '', shown };
    if (!isShipped && !isContained(dir, abs)) {
      problems.push(problem(`template: ${file} is a link to a file outside the template folder and is not read`, { file: shown }, { ruleId: 'template', severity: 'warning' }));
      return { text: '', shown };
    }
    return { text: readFileSync(abs, 'utf8'), shown };
  };
  const html = read('template.html');
  const css = (file: string) => {
    const { text, shown } = read(file);
    return isShipped || !text ? text : sanitizeCss(text, { dir, file: shown, problems });
  };
  const page = isShipped ? html.text : sanitizeTemplateHtml(html.text, { dir, file: html.shown, problems });
  return {
    name,
    dir,
    html: page,
    ids: elementIds(page),
    screenCss: css('screen.css'),
    printCss: css('print.css'),
    pagedCss: css('paged.css'),
    problems,
  };
}

/** Every element id of a template's HTML, read from its parsed tree (an id made of a `{{slot}}` is the report's, not the template's). */
function elementIds(html: string): string[] {
  const ids = new Set<string>();
  visit(fromHtml(html), 'element', (element) => {
    const id = element.properties.id;
    if (typeof id === 'string' && id && !id.includes('{{')) ids.add(id);
  });
  return [...ids];
}

/**
 * The ids of the template a report will be rendered with, for the loader to keep away from
 * headings (loadReport's `template`). A template that cannot be loaded has none here: the
 * writer that needs it says why when it loads it (a DOCX-only build needs no template.html).
 */
export function templateIds(name: string, workspaceRoot: string): string[] {
  try {
    return loadTemplate(name, workspaceRoot).ids;
  } catch (error) {
    if (error instanceof UserError) return [];
    throw error;
  }
}

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
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
