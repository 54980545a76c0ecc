import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as CssTree from 'css-tree';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { VFileMessage } from 'vfile-message';
import { isContained } from '../util/contain.js';
import { problem } from '../util/problems.js';

/**
 * A workspace template is written by whoever can commit to the repository, and what it carries is
 * published: so it is sanitized like a source. HTML is parsed (hast-util-from-html, i.e. parse5)
 * and CSS with css-tree, never matched with regular expressions. What stays is the skeleton and
 * its styles; resources it names are embedded when they are files of the template folder, and
 * dropped otherwise (remote, `file:`, outside the folder). Every drop is a warning at its place.
 */

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
  '.webp': 'image/webp', '.avif': 'image/avif', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
};
/** Resources of a template are logos and fonts; past this they are not embedded. */
const MAX_RESOURCE_BYTES = 10 * 1024 * 1024;

/** Elements that run code, frame other documents, or change where relative URLs point. */
const DROPPED_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'link', 'form', 'noscript', 'template']);
/** Attributes whose value is fetched or followed. */
const URL_ATTRIBUTES = new Set(['src', 'href', 'srcSet', 'action', 'formAction', 'poster', 'data', 'background', 'ping', 'cite', 'xLinkHref', 'longDesc', 'manifest', 'codeBase', 'archive']);

export interface SanitizeContext {
  /** The template folder: the only place resources may come from. */
  dir: string;
  /** Workspace-relative name of the file, for messages. */
  file: string;
  problems: VFileMessage[];
}

function warn(context: SanitizeContext, reason: string, line?: number, column?: number): void {
  context.problems.push(problem(`template: ${reason}`, { file: context.file, line, column }, { ruleId: 'template', severity: 'warning' }));
}

/** A URL with a scheme (`http:`, `file:`, `javascript:`…) or protocol-relative: not a template file. */
function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url.trim()) || url.trim().startsWith('//') || url.trim().startsWith('\\\\');
}

/** A `data:` URL of the template folder's file `url`, or the reason it cannot be one. */
function embed(url: string, context: SanitizeContext): { data: string } | { reason: string } {
  const trimmed = url.trim();
  if (/^data:/i.test(trimmed)) {
    // Data URLs are inert (no fetch), except an HTML or SVG document with script in it: images and fonts only.
    return /^data:(image\/(png|jpe?g|gif|webp|avif)|font\/[a-z0-9]+|application\/(font-woff2?|x-font-[a-z]+))[;,]/i.test(trimmed)
      ? { data: trimmed }
      : { reason: `data URL of another kind than an image or a font (${trimmed.slice(0, 30)}…)` };
  }
  if (hasScheme(trimmed)) return { reason: `${trimmed} is not a file of the template folder (published pages fetch nothing)` };
  const clean = trimmed.split(/[?#]/)[0];
  let name: string;
  try {
    name = decodeURIComponent(clean);
  } catch {
    name = clean;
  }
  if (name === '' || path.isAbsolute(name)) return { reason: `${trimmed} is not a file of the template folder` };
  const abs = path.resolve(context.dir, name);
  if (!isContained(context.dir, abs)) return { reason: `${trimmed} is outside the template folder` };
  const mime = MIME[path.extname(abs).toLowerCase()];
  if (!mime) return { reason: `${trimmed} is not an image or a font` };
  let size: number;
  try {
    const stat = statSync(abs);
    if (!stat.isFile()) return { reason: `${trimmed} is not a file` };
    size = stat.size;
  } catch {
    return { reason: `${trimmed} does not exist` };
  }
  if (size > MAX_RESOURCE_BYTES) return { reason: `${trimmed} is over ${MAX_RESOURCE_BYTES / 1024 / 1024} MB` };
  return { data: `data:${mime};base64,${readFileSync(abs).toString('base64')}` };
}

let loaded: typeof CssTree | undefined;
/**
 * css-tree, loaded when a workspace template is sanitized (not on every command's start): it reads
 * its syntax data from its own folder, so it stays outside the one-file bundle.
 */
function cssTree(): typeof CssTree {
  loaded ??= createRequire(import.meta.url)('css-tree') as typeof CssTree;
  return loaded;
}

/** `@font-face`/`background` URLs, `@import`, `image-set("…")`: every resource a style sheet can name. */
export function sanitizeCss(text: string, context: SanitizeContext, options: { declarationList?: boolean; lineOffset?: number } = {}): string {
  const csstree = cssTree();
  let ast: CssTree.CssNode;
  try {
    ast = csstree.parse(text, { positions: true, context: options.declarationList ? 'declarationList' : 'stylesheet', parseValue: true, parseCustomProperty: true });
  } catch {
    warn(context, 'a style sheet that cannot be read was left out');
    return '';
  }
  const at = (node: CssTree.CssNode) => [node.loc ? node.loc.start.line + (options.lineOffset ?? 0) : undefined, node.loc?.start.column] as const;
  csstree.walk(ast, {
    visit: 'Atrule',
    enter(node, item, list) {
      const name = node.name.toLowerCase();
      // @import fetches another sheet; the template's own sheets are screen.css and print.css.
      if (name === 'import' || name === 'charset' || name === 'namespace') {
        if (name === 'import') warn(context, '@import is not followed (put the rules in screen.css or print.css)', ...at(node));
        if (list && item) list.remove(item);
      }
    },
  });
  // Every URL-bearing value: a declaration naming a resource that cannot be embedded is removed whole.
  csstree.walk(ast, {
    visit: 'Declaration',
    enter(node, item, list) {
      const property = node.property.toLowerCase();
      if (property === 'behavior' || property === '-moz-binding') {
        if (list && item) list.remove(item);
        return;
      }
      let refused: string | undefined;
      csstree.walk(node.value, (child) => {
        if (refused) return;
        if (child.type === 'Url') {
          const result = embed(child.value, context);
          if ('reason' in result) refused = result.reason;
          else child.value = result.data;
        } else if (child.type === 'Function' && /^(-webkit-)?(image-set|src)$/i.test(child.name)) {
          // In image-set() and src() a plain string is a URL too.
          csstree.walk(child, (inner) => {
            if (refused || inner.type !== 'String') return;
            const result = embed(inner.value, context);
            if ('reason' in result) refused = result.reason;
            else inner.value = result.data;
          });
        }
      });
      if (refused) {
        warn(context, `\`${node.property}\` left out: ${refused}`, ...at(node));
        if (list && item) list.remove(item);
      }
    },
  });
  return csstree.generate(ast);
}

/** The `{{{slot}}}` and `{{slot}}` placeholders survive sanitizing as they are. */
function sanitizeStyleText(text: string, context: SanitizeContext, line: number | undefined): string {
  const parts = text.split(/(\{\{\{?\s*[\w.-]+\s*\}?\}\})/);
  return parts.map((part, index) => (index % 2 ? part : part.trim() ? sanitizeCss(part, context, { lineOffset: (line ?? 1) - 1 }) : part)).join('');
}

function sanitizeElement(node: Element, context: SanitizeContext): boolean {
  const line = node.position?.start.line;
  const column = node.position?.start.column;
  if (DROPPED_ELEMENTS.has(node.tagName)) {
    warn(context, `<${node.tagName}> left out (a template brings styles through screen.css and print.css, and no script)`, line, column);
    return false;
  }
  if (node.tagName === 'meta' && node.properties.httpEquiv !== undefined) {
    const kind = String(Array.isArray(node.properties.httpEquiv) ? node.properties.httpEquiv.join(' ') : node.properties.httpEquiv).toLowerCase();
    if (kind !== 'content-type') {
      warn(context, `<meta http-equiv="${kind}"> left out`, line, column);
      return false;
    }
  }
  for (const [name, value] of Object.entries(node.properties)) {
    if (/^on/i.test(name)) {
      warn(context, `event handler ${name} left out`, line, column);
      delete node.properties[name];
      continue;
    }
    if (name === 'style' && typeof value === 'string') {
      node.properties.style = sanitizeCss(value, context, { declarationList: true, lineOffset: (line ?? 1) - 1 });
      continue;
    }
    if (URL_ATTRIBUTES.has(name) && value !== undefined && value !== null) {
      const url = Array.isArray(value) ? value.join(' ') : String(value);
      // Links within the page and slots filled by the renderer are fine.
      if (url.startsWith('#') || /^\{\{\{?[\w.\s-]+\}?\}\}$/.test(url.trim())) continue;
      if (node.tagName === 'a' && name === 'href' && /^(https?:|mailto:)/i.test(url.trim())) continue; // a reader may follow a link; nothing is fetched
      if (name === 'srcSet') {
        warn(context, `srcset on <${node.tagName}> left out (use src)`, line, column);
        delete node.properties[name];
        continue;
      }
      const result = embed(url, context);
      if ('reason' in result) {
        warn(context, `${name} on <${node.tagName}> left out: ${result.reason}`, line, column);
        delete node.properties[name];
      } else if (node.tagName === 'a') {
        delete node.properties[name]; // a link to a template file has nowhere to go in a single-file page
      } else node.properties[name] = result.data;
    }
  }
  if (node.tagName === 'style') {
    for (const child of node.children) {
      if (child.type === 'text') child.value = sanitizeStyleText(child.value, context, child.position?.start.line ?? line);
    }
  }
  sanitizeChildren(node, context);
  return true;
}

function sanitizeChildren(parent: Root | Element, context: SanitizeContext): void {
  const kept: Array<RootContent | ElementContent> = [];
  for (const child of parent.children) {
    if (child.type === 'element' && !sanitizeElement(child, context)) continue;
    if (child.type === 'comment') continue; // conditional comments and the like
    kept.push(child);
  }
  parent.children = kept as typeof parent.children;
}

/** The template skeleton, parsed and written back without what could run, fetch or redirect. */
export function sanitizeTemplateHtml(html: string, context: SanitizeContext): string {
  const tree = fromHtml(html);
  sanitizeChildren(tree, context);
  // The skeleton's `{{field}}` slots are filled after this; keep attribute quoting uniform.
  return toHtml(tree, { allowDangerousHtml: false, upperDoctype: true, quoteSmart: false, tightDoctype: false });
}
