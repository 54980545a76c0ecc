import { reservedPageIds } from '../render/page-ids.js';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { createHash } from 'node:crypto';
import type { FrontMatter } from './frontmatter.js';
import { jurisdiction } from './jurisdictions.js';
import { plainText } from './text.js';
import type {
  CommentItem, DirectiveItem, ExampleItem, FootnoteCall, FootnoteItem, HeadingItem,
  RecommendationItem, Report, SourceFile, SourceSpan,
} from './types.js';

/** Names of the directives whose meaning is part of a recommendation's structure. */
export const PART_DIRECTIVES = new Set(['variant', 'example', 'rationale', 'comment']);

interface ExtractInput {
  slug: string;
  root: string;
  dir: string;
  file: string;
  meta: FrontMatter;
  rawMeta: Record<string, unknown>;
  metaSource?: SourceSpan;
  files: SourceFile[];
}

export function spanOf(file: string, node: { position?: Nodes['position'] }): SourceSpan {
  const start = node.position?.start ?? { line: 1, column: 1, offset: undefined };
  const end = node.position?.end ?? start;
  return {
    file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
    startOffset: start.offset, endOffset: end.offset,
  };
}

export function directiveAttributes(node: { attributes?: Record<string, string | null | undefined> | null }): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.attributes ?? {})) result[key] = value ?? '';
  return result;
}

/** Children of a directive without the `[label]` paragraph remark-directive puts first. */
export function directiveBody(node: ContainerDirective): RootContent[] {
  return node.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel)) as RootContent[];
}

export function directiveLabel(node: ContainerDirective): string | undefined {
  const label = node.children.find((child) => child.type === 'paragraph' && child.data?.directiveLabel);
  return label ? plainText(label) : undefined;
}

/**
 * Builds the Report model from parsed files: one walk over every file's tree, in report order,
 * recording headings, recommendations and their parts, comments, footnotes, references and
 * resources with their source positions.
 */
export function extractModel(input: ExtractInput): Report {
  const slugger = new GithubSlugger();
  for (const id of reservedPageIds(input.meta.systems)) slugger.occurrences[id] = 0;
  // Recommendation ids are the author's permalinks; a heading with the same words gets `-1`, so
  // no two elements of a page share an id.
  for (const file of input.files) {
    visit(file.tree, 'containerDirective', (node) => {
      if (node.name === 'recommendation' && node.attributes?.id) slugger.occurrences[node.attributes.id.trim()] = 0;
    });
  }
  const report: Report = {
    slug: input.slug, root: input.root, dir: input.dir, file: input.file,
    meta: input.meta, rawMeta: input.rawMeta, metaSource: input.metaSource, files: input.files,
    tree: { type: 'root', children: [] },
    headings: [], recommendations: [], comments: [], footnotes: [], footnoteCalls: [],
    refs: [], directives: [], resources: [],
  };

  const sectionDepth = Math.min(
    7,
    ...input.files.flatMap((f) => f.tree.children.filter((n) => n.type === 'heading').map((n) => (n as { depth: number }).depth)),
  );
  const counters: number[] = [];
  let sectionKey = '';
  let recommendationSeq = 0;
  let anchor = '';

  input.files.forEach((file, fileIndex) => {
    const prefix = fileIndex === 0 ? '' : `c${fileIndex}-`;
    for (const child of file.tree.children) {
      if (child.type !== 'yaml') report.tree.children.push(child);
    }

    const walk = (node: Nodes, ancestors: Parents[], directiveStack: string[], rec?: RecommendationItem, system?: string): void => {
      switch (node.type) {
        case 'heading': {
          const text = plainText(node);
          const slug = slugger.slug(text || 'section');
          let number = '';
          // Headings inside directives or blockquotes are not part of the outline.
          const inOutline = ancestors.length === 1;
          if (inOutline && node.depth >= sectionDepth) {
            const level = node.depth - sectionDepth;
            counters.length = level + 1;
            for (let i = 0; i < level; i++) counters[i] ??= 0;
            counters[level] = (counters[level] ?? 0) + 1;
            number = counters.map((n) => String(n ?? 0)).join('.');
            const key = String(counters[0]);
            if (key !== sectionKey) {
              sectionKey = key;
              recommendationSeq = 0;
            }
          }
          node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id: slug } };
          report.headings.push({ depth: node.depth, text, slug, number, source: spanOf(file.path, node), node });
          anchor = slug;
          return;
        }
        case 'footnoteDefinition': {
          const label = node.identifier;
          node.identifier = prefix + node.identifier;
          report.footnotes.push({ label, identifier: node.identifier, text: plainText(node.children as Nodes[]), source: spanOf(file.path, node), node });
          break;
        }
        case 'footnoteReference': {
          const label = node.identifier;
          node.identifier = prefix + node.identifier;
          const call: FootnoteCall = { label, identifier: node.identifier, source: spanOf(file.path, node) };
          report.footnoteCalls.push(call);
          return;
        }
        case 'image':
        case 'link':
        case 'definition':
          // Rendering resolves an image against the file that names it.
          if (node.type === 'image') node.data = { ...node.data, sourceFile: file.path } as typeof node.data;
          report.resources.push({ kind: node.type, url: node.url, source: spanOf(file.path, node) });
          break;
        case 'containerDirective':
        case 'leafDirective':
        case 'textDirective': {
          const attributes = directiveAttributes(node);
          const source = spanOf(file.path, node);
          const item: DirectiveItem = { name: node.name, kind: node.type, attributes, ancestors: [...directiveStack], source, node };
          report.directives.push(item);
          if (node.name === 'comment') {
            const comment = commentItem(node, attributes, source, rec?.id ?? anchor);
            report.comments.push(comment);
            rec?.comments.push(comment);
            return; // a comment's content is never part of the report
          }
          if (node.name === 'ref' && node.type === 'textDirective') {
            report.refs.push({ target: plainText(node.children as Nodes[]).trim(), source, node: node as TextDirective });
            return;
          }
          if (node.type === 'containerDirective') {
            if (node.name === 'recommendation' && !rec) {
              recommendationSeq += 1;
              const item = recommendationItem(node, attributes, source, sectionKey ? `${sectionKey}.${recommendationSeq}` : String(recommendationSeq), anchor);
              report.recommendations.push(item);
              for (const child of node.children) walk(child, [...ancestors, node], [...directiveStack, node.name], item, undefined);
              return;
            }
            if (rec && node.name === 'variant' && !system) {
              const ownContent = directiveBody(node).filter((child) => !(child.type === 'containerDirective' && PART_DIRECTIVES.has(child.name)));
              const variant = { system: attributes.system ?? '', text: plainText(ownContent as Nodes[]), examples: [], source, node };
              rec.variants.push(variant);
              for (const child of node.children) walk(child, [...ancestors, node], [...directiveStack, node.name], rec, variant.system);
              return;
            }
            if (rec && node.name === 'example') {
              const code = (attributes.jurisdiction ?? '').trim();
              const known = code ? jurisdiction(code) : undefined;
              const example: ExampleItem = {
                jurisdiction: code.toUpperCase(), jurisdictionName: known?.name, family: known?.family,
                withinSystem: system, text: plainText(directiveBody(node) as Nodes[]), source, node,
              };
              rec.examples.push(example);
              if (system) rec.variants.at(-1)?.examples.push(example);
            }
            if (rec && node.name === 'rationale') {
              rec.rationale.push({ text: plainText(directiveBody(node) as Nodes[]), source, node });
            }
          }
          break;
        }
        default:
          break;
      }
      if ('children' in node) {
        const nextStack = node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective' ? [...directiveStack, node.name] : directiveStack;
        for (const child of node.children as Nodes[]) walk(child, [...ancestors, node as Parents], nextStack, rec, system);
      }
    };
    walk(file.tree, [], [], undefined, undefined);
  });

  assignCommentIds(report.comments);
  return report;
}

function recommendationItem(
  node: ContainerDirective, attributes: Record<string, string>, source: SourceSpan, number: string, section: string,
): RecommendationItem {
  const principleNodes = directiveBody(node).filter(
    (child) => !(child.type === 'containerDirective' && PART_DIRECTIVES.has(child.name)),
  ) as Nodes[];
  return {
    id: (attributes.id ?? '').trim(),
    title: (attributes.title ?? directiveLabel(node) ?? '').trim(),
    number,
    topic: attributes.topic || undefined,
    uniform: 'uniform' in attributes && attributes.uniform !== 'false',
    section: section || undefined,
    principle: plainText(principleNodes),
    principleNodes,
    variants: [], examples: [], rationale: [], comments: [],
    attributes, source, node,
  };
}

function commentItem(
  node: ContainerDirective | LeafDirective | TextDirective, attributes: Record<string, string>, source: SourceSpan, anchor: string,
): CommentItem {
  const children = node.type === 'containerDirective' ? directiveBody(node) : node.children;
  const status = attributes.status === 'resolved' ? 'resolved' : 'open';
  return {
    id: attributes.id ?? '',
    explicitId: Boolean(attributes.id),
    author: attributes.author || undefined,
    date: attributes.date || undefined,
    status,
    re: attributes.re || undefined,
    text: plainTextOfComment(children as Nodes[]),
    kind: node.type === 'textDirective' ? 'inline' : 'block',
    anchor,
    attributes, source, node,
  };
}

function plainTextOfComment(children: Nodes[]): string {
  // plainText() skips comments by design; here the comment's own content is what we want.
  return plainText({ type: 'paragraph', children: children as never } as Nodes);
}

/**
 * A comment without an `id` gets one derived from where it belongs and what it says, so the id
 * survives edits elsewhere in the report; the rare identical twin gets a counter.
 */
function assignCommentIds(comments: CommentItem[]): void {
  const used = new Set(comments.filter((c) => c.explicitId).map((c) => c.id));
  for (const comment of comments) {
    if (comment.explicitId) continue;
    const hash = createHash('sha256').update(`${comment.anchor}\u0000${comment.text}`).digest('hex');
    let id = `c-${hash.slice(0, 8)}`;
    for (let n = 2; used.has(id); n++) id = `c-${hash.slice(0, 8)}-${n}`;
    used.add(id);
    comment.id = id;
  }
}

export type { Root };
