import { reservedPageIds } from '../render/page-ids.js';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import type { ReferenceSet } from '../cite/references.js';
import type { CitationStyle } from '../cite/styles.js';
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { isDialectNode, type Comment, type NoteOrigin, type Recommendation } from '../dialect/index.js';
import { createHash } from 'node:crypto';
import type { FrontMatter } from './frontmatter.js';
import { jurisdiction } from './jurisdictions.js';
import { plainText } from './text.js';
import { resolveResource } from './resources.js';
import type {
  CommentItem, DirectiveItem, ExampleItem, FootnoteCall, HeadingItem,
  RecommendationItem, Report, SourceFile, SourceSpan,
} from './types.js';

interface ExtractInput {
  slug: string;
  root: string;
  dir: string;
  file: string;
  meta: FrontMatter;
  rawMeta: Record<string, unknown>;
  metaSource?: SourceSpan;
  frontMatterDoc?: Report['frontMatterDoc'];
  files: SourceFile[];
  references?: ReferenceSet;
  citationStyle?: CitationStyle;
  /** Ids the template's HTML gives its own elements (reserved like the page's own). */
  templateIds?: readonly string[];
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
  for (const id of reservedPageIds(input.meta.systems, input.templateIds)) slugger.occurrences[id] = 0;
  // Recommendation ids are the author's permalinks; a heading with the same words gets `-1`, so
  // no two elements of a page share an id.
  for (const file of input.files) {
    visit(file.tree, 'recommendation', (node) => {
      if (node.id) slugger.occurrences[node.id] = 0;
    });
  }
  const report: Report = {
    slug: input.slug, root: input.root, dir: input.dir, file: input.file,
    meta: input.meta, rawMeta: input.rawMeta, metaSource: input.metaSource, frontMatterDoc: input.frontMatterDoc, files: input.files,
    tree: { type: 'root', children: [] },
    headings: [], recommendations: [], comments: [], footnotes: [], footnoteCalls: [],
    refs: [], definitions: [], termUses: [], directives: [], resources: [],
    references: input.references, citationStyle: input.citationStyle, citations: [], formattedCitations: new Map(),
    templateIds: input.templateIds ? [...input.templateIds] : undefined,
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
    for (const child of file.tree.children) {
      if (child.type !== 'yaml') report.tree.children.push(child);
    }

    interface Within {
      names: string[];
      types: string[];
      rec?: RecommendationItem;
      system?: string;
    }

    const walk = (node: Nodes, ancestors: Parents[], within: Within): void => {
      let next = within;
      if (isDialectNode(node) || node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') {
        const source = spanOf(file.path, node);
        const typed = isDialectNode(node);
        const item: DirectiveItem = {
          name: typed ? node.directiveName : node.name,
          kind: typed ? (node.form === 'container' ? 'containerDirective' : node.form === 'leaf' ? 'leafDirective' : 'textDirective') : node.type,
          attributes: typed ? node.attributes : directiveAttributes(node),
          ancestors: [...within.names],
          ancestorTypes: [...within.types],
          source,
          node,
        };
        report.directives.push(item);
        next = { ...within, names: [...within.names, item.name], types: [...within.types, node.type] };
      }
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
          node.data = { ...node.data, sectionId: slug };
          report.headings.push({ depth: node.depth, text, slug, number, source: spanOf(file.path, node), node });
          anchor = slug;
          return;
        }
        case 'footnoteDefinition': {
          const note: NoteOrigin = { chapter: fileIndex, label: node.identifier };
          node.data = { ...node.data, note };
          node.identifier = combinedNoteIdentifier(note);
          report.footnotes.push({ ...note, identifier: node.identifier, text: plainText(node.children as Nodes[]), source: spanOf(file.path, node), node });
          break;
        }
        case 'footnoteReference': {
          const note: NoteOrigin = { chapter: fileIndex, label: node.identifier };
          node.data = { ...node.data, note };
          node.identifier = combinedNoteIdentifier(note);
          const call: FootnoteCall = { ...note, identifier: node.identifier, source: spanOf(file.path, node) };
          report.footnoteCalls.push(call);
          return;
        }
        case 'image':
        case 'link':
        case 'definition': {
          const resolved = resolveResource(input.root, file.path, node.url);
          if (node.type === 'image') node.resource = { file: file.path, target: resolved };
          report.resources.push({ kind: node.type, url: node.url, resolved, source: spanOf(file.path, node) });
          break;
        }
        case 'comment': {
          const comment = commentItem(node, spanOf(file.path, node), within.rec?.id ?? anchor);
          report.comments.push(comment);
          within.rec?.comments.push(comment);
          return; // a comment's content is never part of the report
        }
        case 'citation':
          // The citation's identity across the render's copies of the tree (never its position in a list).
          node.id = `${file.path}:${node.position?.start.offset ?? report.citations.length}`;
          report.citations.push({
            id: node.id, mode: node.mode, entries: node.entries, inFootnote: ancestors.some((a) => a.type === 'footnoteDefinition'),
            anchor: within.rec?.id ?? anchor, source: spanOf(file.path, node), node,
          });
          return;
        case 'xref':
          report.refs.push({ target: node.target, source: spanOf(file.path, node), node });
          return;
        case 'termUse':
          report.termUses.push({ term: node.term, key: node.key, source: spanOf(file.path, node), node });
          break;
        case 'termDefinition':
          report.definitions.push({
            term: node.term, key: node.key, text: plainText(node.children as Nodes[]), anchor: within.rec?.id ?? anchor,
            source: spanOf(file.path, node), node,
          });
          break;
        case 'recommendation': {
          if (within.rec) break;
          recommendationSeq += 1;
          const number = sectionKey ? `${sectionKey}.${recommendationSeq}` : String(recommendationSeq);
          const item = recommendationItem(node, spanOf(file.path, node), number, anchor);
          report.recommendations.push(item);
          for (const child of node.children) walk(child, [...ancestors, node], { ...next, rec: item, system: undefined });
          return;
        }
        case 'variant': {
          const rec = within.rec;
          if (!rec || within.system !== undefined) break;
          const ownContent = node.children.filter((child) => !isPartNode(child));
          const variant = { system: node.system, text: plainText(ownContent as Nodes[]), examples: [], source: spanOf(file.path, node), node };
          rec.variants.push(variant);
          for (const child of node.children) walk(child, [...ancestors, node], { ...next, system: variant.system });
          return;
        }
        case 'example': {
          const rec = within.rec;
          if (!rec) break;
          const code = node.jurisdiction;
          const known = code ? jurisdiction(code) : undefined;
          const example: ExampleItem = {
            jurisdiction: code.toUpperCase(), jurisdictionName: known?.name, family: known?.family,
            withinSystem: within.system, text: plainText(node.children as Nodes[]), source: spanOf(file.path, node), node,
          };
          rec.examples.push(example);
          if (within.system) rec.variants.at(-1)?.examples.push(example);
          break;
        }
        case 'rationale':
          within.rec?.rationale.push({ text: plainText(node.children as Nodes[]), source: spanOf(file.path, node), node });
          break;
        default:
          break;
      }
      if ('children' in node) {
        for (const child of node.children as Nodes[]) walk(child, [...ancestors, node as Parents], next);
      }
    };
    walk(file.tree, [], { names: [], types: [] });
  });

  assignCommentIds(report.comments);
  return report;
}

/**
 * A note's identifier in the combined tree of all files: chapter files' notes get a `cN-` prefix so
 * two files' `[^1]` stay two notes. It becomes the HTML anchor (`#user-content-fn-c2-1`), which
 * users link to, so it keeps this form; nothing reads it back (the note's origin is declared).
 */
export function combinedNoteIdentifier(note: NoteOrigin): string {
  return note.chapter === 0 ? note.label : `c${note.chapter}-${note.label}`;
}

/** The parts of a recommendation other than its principle (comments are not part of it either). */
function isPartNode(node: Nodes): boolean {
  return node.type === 'variant' || node.type === 'example' || node.type === 'rationale' || node.type === 'comment';
}

function recommendationItem(node: Recommendation, source: SourceSpan, number: string, section: string): RecommendationItem {
  const principleNodes = node.children.filter((child) => !isPartNode(child)) as Nodes[];
  return {
    id: node.id,
    title: node.title,
    number,
    topic: node.topic,
    uniform: node.uniform,
    section: section || undefined,
    principle: plainText(principleNodes),
    principleNodes,
    variants: [], examples: [], rationale: [], comments: [],
    attributes: node.attributes, source, node,
  };
}

function commentItem(node: Comment, source: SourceSpan, anchor: string): CommentItem {
  const attributes = node.attributes;
  return {
    id: attributes.id ?? '',
    explicitId: Boolean(attributes.id),
    author: attributes.author || undefined,
    date: attributes.date || undefined,
    status: attributes.status === 'resolved' ? 'resolved' : 'open',
    re: attributes.re || undefined,
    text: plainTextOfComment(node.children as Nodes[]),
    kind: node.form === 'text' ? 'inline' : 'block',
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
