import type { BlockContent, DefinitionContent, Nodes, Parent, PhrasingContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { Handler } from 'mdast-util-to-hast';
import type { z } from 'zod';
import type { AttributeContext } from './values.js';

/**
 * The typed nodes of the authoring dialect. Right after the parse, every directive the dialect
 * knows (written in a form it may take) is replaced by one of these nodes, so that the model,
 * render, diff and lint read `node.type === 'variant'` and declared fields (`system`), never a
 * directive name or an attribute bag. docs/dialect.md lists them for writers.
 */

export type DirectiveForm = 'container' | 'leaf' | 'text';
export type Directive = ContainerDirective | LeafDirective | TextDirective;

/** What every typed node keeps of the directive it was written as (lint points at attributes). */
export interface DialectFields {
  /** The directive's name as written (`recommendation`), for messages only. */
  directiveName: string;
  form: DirectiveForm;
  /** Attributes exactly as written (`#x` is `id`, `.x` is `class`). */
  attributes: Record<string, string>;
  /** The `[label]` of a container or leaf directive, when it has one. */
  label?: PhrasingContent[];
}

type Flow = Array<BlockContent | DefinitionContent>;

export interface Recommendation extends Parent, DialectFields {
  type: 'recommendation';
  /** Stable author-chosen slug; '' when missing (lint reports it). */
  id: string;
  title: string;
  topic?: string;
  uniform: boolean;
  /** Derived number ("2.3"), set by render on its own copy of the tree. */
  number?: string;
  children: Flow;
}

export interface Variant extends Parent, DialectFields {
  type: 'variant';
  system: string;
  children: Flow;
}

export interface Example extends Parent, DialectFields {
  type: 'example';
  /** The code as written, trimmed (the model upper-cases it). */
  jurisdiction: string;
  children: Flow;
}

export interface Rationale extends Parent, DialectFields {
  type: 'rationale';
  children: Flow;
}

/** A working-group comment: block (`:::comment`, `::comment[…]`) or inline (`:comment[…]`). */
export interface Comment extends Parent, DialectFields {
  type: 'comment';
  children: Array<BlockContent | DefinitionContent | PhrasingContent>;
}

/** `:ref[target]`: a cross-reference to a recommendation id or a heading slug. */
export interface Xref extends Parent, DialectFields {
  type: 'xref';
  target: string;
  /** Set by render on its copy: the link text ("Recommendation 2.3"). */
  children: PhrasingContent[];
}

/** `::toc`; render fills `children` with the contents list. */
export interface Toc extends Parent, DialectFields {
  type: 'toc';
  children: BlockContent[];
}

/** `::recommendations`; render fills `children` with the summary table. */
export interface RecommendationSummary extends Parent, DialectFields {
  type: 'recommendationSummary';
  children: BlockContent[];
}

/** `:::definition{term="…"}`: the definition of a defined term, rendered where it stands. */
export interface TermDefinition extends Parent, DialectFields {
  type: 'termDefinition';
  /** The term as written. */
  term: string;
  /** The term's identity: lower case, single spaces (`Trade  Secret` = `trade secret`). */
  key: string;
  children: Flow;
}

/** `:term[trade secret]`: a use of a defined term in running text. */
export interface TermUse extends Parent, DialectFields {
  type: 'termUse';
  term: string;
  key: string;
  children: PhrasingContent[];
}

/** `::glossary`; render fills `children` with every term and its definition. */
export interface Glossary extends Parent, DialectFields {
  type: 'glossary';
  children: BlockContent[];
}

/** `::bibliography`; render fills `children` with the formatted entries of every cited reference. */
export interface Bibliography extends Parent, DialectFields {
  type: 'bibliography';
  children: BlockContent[];
}

/** `::authorities`; render fills `children` with the table of authorities (cases, legislation, treaties, other). */
export interface Authorities extends Parent, DialectFields {
  type: 'authorities';
  children: BlockContent[];
}

/**
 * Where an author's footnote was written. A report's chapters are combined into one tree, where
 * extract makes footnote identifiers unique (`c2-1`, the HTML anchors users link to); the diff
 * and every other reader know a note by these declared fields, never by taking that identifier apart.
 */
export interface NoteOrigin {
  /** The file's place in the report: 0 for report.md, N for the Nth chapter of `chapters:`. */
  chapter: number;
  /** The note's identifier as the author wrote it in that file (normalized like mdast's `identifier`). */
  label: string;
}

declare module 'mdast' {
  interface FootnoteDefinitionData {
    /** Set by extract for the author's notes (render's own notes, such as citations, have none). */
    note?: NoteOrigin;
  }
  interface FootnoteReferenceData {
    note?: NoteOrigin;
  }
  interface HeadingData {
    /**
     * The section's id (a unique slug of its text), set by extract: the model's, the redline's
     * and the comments' anchor of the section; render makes it the heading's HTML id.
     */
    sectionId?: string;
  }
  interface BlockContentMap {
    bibliography: Bibliography;
    authorities: Authorities;
    recommendation: Recommendation;
    variant: Variant;
    example: Example;
    rationale: Rationale;
    comment: Comment;
    toc: Toc;
    recommendationSummary: RecommendationSummary;
    termDefinition: TermDefinition;
    glossary: Glossary;
  }
  interface PhrasingContentMap {
    comment: Comment;
    xref: Xref;
    termUse: TermUse;
  }
  interface RootContentMap {
    bibliography: Bibliography;
    authorities: Authorities;
    recommendation: Recommendation;
    variant: Variant;
    example: Example;
    rationale: Rationale;
    comment: Comment;
    xref: Xref;
    toc: Toc;
    recommendationSummary: RecommendationSummary;
    termDefinition: TermDefinition;
    termUse: TermUse;
    glossary: Glossary;
  }
}

export type DialectNode =
  | Recommendation | Variant | Example | Rationale | Comment | Xref | Toc | RecommendationSummary
  | TermDefinition | TermUse | Glossary | Bibliography | Authorities;

/** What a spec's `build` receives: the directive and its parts, already taken apart. */
export interface BuildInput {
  directive: Directive;
  form: DirectiveForm;
  fields: DialectFields;
  /** Children without the `[label]` paragraph of a container. */
  children: Array<BlockContent | DefinitionContent | PhrasingContent>;
}

/**
 * One directive of the dialect: how it is written, what it takes, what it becomes, how it renders
 * and how the diff knows it. One file per directive under src/dialect/, one line in index.ts.
 */
export interface DirectiveSpec<N extends DialectNode = DialectNode> {
  /** The name as written after the colons. */
  name: string;
  /** The typed node it becomes. */
  type: N['type'];
  forms: DirectiveForm[];
  /**
   * Its attributes and what their values may be, as a zod schema for the report at hand (a
   * variant's `system` must be one of the report's systems). Unknown-attribute's did-you-mean
   * reads the keys; lint reports each issue with its zod message at the attribute.
   */
  attributes(context: AttributeContext): z.ZodObject<z.ZodRawShape>;
  /**
   * The lint rule that reports a bad value of an attribute, where a rule of its own says more
   * (variant-system for a variant's `system`); any other attribute's is `attribute-value`'s.
   */
  valueRules?: Record<string, string>;
  /** How it is written, for messages. */
  example: string;
  build(input: BuildInput): N;
  /** Its mdast-util-to-hast handler. */
  handler: Handler;
  /** Whether its content counts as the report's text (plain text, word counts, lint of wording). */
  text: boolean;
  /** Its identity for the diff: blocks with an identity pair only with the same identity. */
  identity?(node: N): string;
}

export function isDialectNode(node: Nodes): node is DialectNode & Nodes {
  return 'directiveName' in node && 'form' in node;
}

/** Every node that may stand inside a recommendation as one of its parts. */
export type Part = Variant | Example | Rationale;
