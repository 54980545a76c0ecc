import type { Root, Nodes, FootnoteDefinition, Heading as MdHeading } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { Comment, DialectNode, Example, NoteOrigin, Rationale, Recommendation, TermDefinition, TermUse, Variant, Xref } from '../dialect/index.js';
import type { FrontMatter } from './frontmatter.js';
import type { Citation, CitationEntry } from '../dialect/citation.js';
import type { ReferenceSet } from '../cite/references.js';
import type { CitationStyle } from '../cite/styles.js';
import type { FormattedCitations } from '../cite/notes.js';
import type { ResolvedResource } from './resources.js';
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
  node: Variant;
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
  node: Example;
}

export interface RationaleItem {
  text: string;
  source: SourceSpan;
  node: Rationale;
}

export interface RecommendationItem {
  /** Stable author-chosen slug; '' when missing (lint reports it). */
  id: string;
  title: string;
  /** Set on a translated report's copy when the title is shown in the source language (no translation yet). */
  titleLang?: string;
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
  node: Recommendation;
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
  node: Comment;
}

export interface FootnoteItem extends NoteOrigin {
  /** The identifier in the combined tree (unique across files; the HTML anchor). */
  identifier: string;
  text: string;
  source: SourceSpan;
  node: FootnoteDefinition;
}

export interface FootnoteCall extends NoteOrigin {
  identifier: string;
  source: SourceSpan;
}

export interface CrossRefItem {
  target: string;
  source: SourceSpan;
  node: Xref;
}

/** A defined term's definition (`:::definition{term="…"}`). */
export interface DefinitionItem {
  /** The term as written. */
  term: string;
  /** Its identity (lower case, single spaces). */
  key: string;
  /** Plain text of the definition. */
  text: string;
  /** Recommendation id, or the slug of the heading above it. */
  anchor: string;
  source: SourceSpan;
  node: TermDefinition;
}

/** A use of a defined term (`:term[…]`). */
export interface TermUseItem {
  term: string;
  key: string;
  source: SourceSpan;
  node: TermUse;
}

export interface DirectiveItem {
  name: string;
  kind: 'containerDirective' | 'leafDirective' | 'textDirective';
  attributes: Record<string, string>;
  /** Names of the directives this one stands inside, outermost first. */
  ancestors: string[];
  /** Node types of the directives this one stands inside, outermost first (`recommendation`, `variant`…). */
  ancestorTypes: string[];
  source: SourceSpan;
  /** The typed node, or the directive as parsed when the dialect does not know it in this form. */
  node: DialectNode | ContainerDirective | LeafDirective | TextDirective;
}

export interface ResourceItem {
  kind: 'image' | 'link' | 'definition';
  url: string;
  /** Where it points, resolved once by the loader (lint and build read this). */
  resolved: ResolvedResource;
  source: SourceSpan;
}

/** A citation (`[see @key, 12]`) as written. */
export interface CitationItem {
  id: string;
  mode: Citation['mode'];
  entries: CitationEntry[];
  /** Written inside an author's footnote (formatted inside it) rather than in the text. */
  inFootnote: boolean;
  /** Recommendation id, or the slug of the heading above it. */
  anchor: string;
  source: SourceSpan;
  node: Citation;
}

export interface FrontMatterDocument {
  doc: import('yaml').Document;
  counter: import('yaml').LineCounter;
  /** File line of the YAML text's first line. */
  firstLine: number;
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
  /** The front matter as the loader parsed it, with positions (lint points at fields without parsing it again). */
  frontMatterDoc?: FrontMatterDocument;
  files: SourceFile[];
  /** The report body followed by each chapter body: the same node objects as in `files`. */
  tree: Root;
  headings: HeadingItem[];
  recommendations: RecommendationItem[];
  comments: CommentItem[];
  footnotes: FootnoteItem[];
  footnoteCalls: FootnoteCall[];
  refs: CrossRefItem[];
  /** Defined terms, in report order (a term defined twice appears twice; lint reports it). */
  definitions: DefinitionItem[];
  termUses: TermUseItem[];
  directives: DirectiveItem[];
  resources: ResourceItem[];
  /**
   * Remarks imported from reviewers' files (PDF annotations, DOCX comments and tracked changes),
   * each with its `source`, from the report's comments ledger; set by the loader for the working
   * tree, so lint, watch and the register see the same comments.
   */
  imported?: LedgerRead;
  /** The report's references file, when it has one. */
  references?: ReferenceSet;
  /** The CSL style of `citation-style:` (oscola by default), when the report cites or has references. */
  citationStyle?: CitationStyle;
  citations: CitationItem[];
  /**
   * The formatted citations of each edition (`full`, `civil-law`…): note numbers depend on which
   * variants an edition keeps. Filled once per edition by src/cite/notes.ts; every writer and the
   * redline read the same text from here.
   */
  formattedCitations: Map<string, FormattedCitations>;
  /**
   * The ids the template's HTML gives its own elements (such as `masthead`), when the loader was
   * told the template: headings avoid them, and a recommendation taking one is a lint error.
   */
  templateIds?: string[];
}
