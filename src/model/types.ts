import type { Root, Nodes, FootnoteDefinition, Heading as MdHeading } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { FrontMatter } from './frontmatter.js';
import type { LedgerRead } from '../comments/ledger.js';

/** A place in a source file. `file` is relative to the workspace root, with `/` separators. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into the file's text, for tools that rewrite exactly one span. */
  startOffset?: number;
  endOffset?: number;
}

export type LegalSystem = string; // 'civil-law' | 'common-law' | any system named in `systems`
export type LegalFamily = 'civil' | 'common' | 'mixed';

export interface SourceFile {
  /** Workspace-relative path. */
  path: string;
  /** Absolute path on disk (or the path it would have, for files read from git). */
  absPath: string;
  value: string;
  tree: Root;
  kind: 'report' | 'chapter';
}

export interface HeadingItem {
  depth: number;
  text: string;
  slug: string;
  /** Hierarchical number relative to the report's section level ("2", "2.1"), or '' before the first section. */
  number: string;
  source: SourceSpan;
  node: MdHeading;
}

export interface VariantItem {
  system: string;
  text: string;
  examples: ExampleItem[];
  source: SourceSpan;
  node: ContainerDirective;
}

export interface ExampleItem {
  jurisdiction: string;
  /** Name from the jurisdiction table, or undefined when the code is unknown. */
  jurisdictionName?: string;
  family?: LegalFamily;
  /** The system of the variant that contains this example, when it stands inside one. */
  withinSystem?: string;
  text: string;
  source: SourceSpan;
  node: ContainerDirective;
}

export interface RationaleItem {
  text: string;
  source: SourceSpan;
  node: ContainerDirective;
}

export interface RecommendationItem {
  /** Stable author-chosen slug; '' when missing (lint reports it). */
  id: string;
  title: string;
  /** Derived from position: "2.3" is the third recommendation of section 2. */
  number: string;
  topic?: string;
  uniform: boolean;
  /** Slug of the section heading it stands under, if any. */
  section?: string;
  /** Plain text of the shared principle (direct content other than nested directives). */
  principle: string;
  principleNodes: Nodes[];
  variants: VariantItem[];
  /** Examples anywhere in the recommendation, including inside variants. */
  examples: ExampleItem[];
  rationale: RationaleItem[];
  comments: CommentItem[];
  attributes: Record<string, string>;
  source: SourceSpan;
  node: ContainerDirective;
}

export interface CommentItem {
  id: string;
  /** True when `id` came from the source rather than being derived. */
  explicitId: boolean;
  author?: string;
  date?: string;
  status: 'open' | 'resolved';
  re?: string;
  text: string;
  kind: 'block' | 'inline';
  /** Recommendation id, or the slug of the heading above it ('' at the very top). */
  anchor: string;
  attributes: Record<string, string>;
  source: SourceSpan;
  node: ContainerDirective | LeafDirective | TextDirective;
}

export interface FootnoteItem {
  /** The identifier as written in its file. */
  label: string;
  /** The identifier in the combined tree (chapter files are prefixed so labels never collide). */
  identifier: string;
  text: string;
  source: SourceSpan;
  node: FootnoteDefinition;
}

export interface FootnoteCall {
  label: string;
  identifier: string;
  source: SourceSpan;
}

export interface CrossRefItem {
  target: string;
  source: SourceSpan;
  node: TextDirective;
}

export interface DirectiveItem {
  name: string;
  kind: 'containerDirective' | 'leafDirective' | 'textDirective';
  attributes: Record<string, string>;
  /** Names of the directives this one stands inside, outermost first. */
  ancestors: string[];
  source: SourceSpan;
  node: ContainerDirective | LeafDirective | TextDirective;
}

export interface ResourceItem {
  kind: 'image' | 'link' | 'definition';
  url: string;
  source: SourceSpan;
}

export interface Report {
  slug: string;
  /** Workspace root (absolute). */
  root: string;
  /** Report folder (absolute). */
  dir: string;
  /** Workspace-relative path of report.md. */
  file: string;
  meta: FrontMatter;
  /** Front matter exactly as written (after YAML parse), for lint rules that read raw fields. */
  rawMeta: Record<string, unknown>;
  metaSource?: SourceSpan;
  files: SourceFile[];
  /** The report body followed by each chapter body: the same node objects as in `files`. */
  tree: Root;
  headings: HeadingItem[];
  recommendations: RecommendationItem[];
  comments: CommentItem[];
  footnotes: FootnoteItem[];
  footnoteCalls: FootnoteCall[];
  refs: CrossRefItem[];
  directives: DirectiveItem[];
  resources: ResourceItem[];
  /**
   * Remarks imported from reviewers' files (PDF annotations, DOCX comments and tracked changes),
   * each with its `source`, from the report's comments ledger; set by the loader for the working
   * tree, so lint, watch and the register see the same comments.
   */
  imported?: LedgerRead;
}
