import type { BlockContent, DefinitionContent, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { Handlers } from 'mdast-util-to-hast';
import type { VFileMessage } from 'vfile-message';
import { parseMarkdown } from '../parse/processor.js';
import { authorities } from './authorities.js';
import { bibliography } from './bibliography.js';
import { comment } from './comment.js';
import { definition } from './definition.js';
import { example } from './example.js';
import { glossary } from './glossary.js';
import { rationale } from './rationale.js';
import { recommendation } from './recommendation.js';
import { recommendations } from './recommendations.js';
import { ref } from './ref.js';
import { term } from './term.js';
import { toc } from './toc.js';
import { variant } from './variant.js';
import { checkSlips, resolveImageReferences } from './slips.js';
import type { DialectNode, Directive, DirectiveForm, DirectiveSpec } from './types.js';
import type { AttributeContext } from './values.js';

export type * from './types.js';
export type { AttributeContext } from './values.js';
export { isDialectNode } from './types.js';

/** The dialect: one line per directive. */
export const DIALECT: DirectiveSpec[] = [
  recommendation,
  variant,
  example,
  rationale,
  comment,
  ref,
  toc,
  recommendations,
  definition,
  term,
  glossary,
  bibliography,
  authorities,
];

const byName = new Map(DIALECT.map((spec) => [spec.name, spec]));
const byType = new Map(DIALECT.map((spec) => [spec.type, spec]));

export const DIRECTIVE_NAMES = DIALECT.map((spec) => spec.name);

export function specOf(name: string): DirectiveSpec | undefined {
  return byName.get(name);
}

export function specOfNode(node: Nodes): DirectiveSpec | undefined {
  return byType.get(node.type as DialectNode['type']);
}

/** The attribute names a directive takes (from its zod schema; they do not depend on the report). */
export function attributeNames(spec: DirectiveSpec): string[] {
  let names = namesOf.get(spec);
  if (!names) namesOf.set(spec, (names = Object.keys(spec.attributes({ systems: [] }).shape)));
  return names;
}
const namesOf = new WeakMap<DirectiveSpec, string[]>();

/** A value of a typed node's attribute that its spec's schema refuses. */
export interface AttributeIssue {
  /** The attribute, as written (`system`). */
  attribute: string;
  /** The zod message of the spec, with the closest allowed value where the values are few. */
  message: string;
  /** The lint rule that reports it (the spec's `valueRules`, else `attribute-value`). */
  rule: string;
}

const schemas = new Map<string, ReturnType<DirectiveSpec['attributes']>>();

/**
 * What the spec's zod schema says of a typed node's attribute values, in the report's context.
 * Unknown attributes are not its business (unknown-attribute reports them from the keys).
 */
export function attributeIssues(node: DialectNode, context: AttributeContext): AttributeIssue[] {
  const spec = byName.get(node.directiveName);
  if (!spec) return [];
  // One schema per directive and context: a report has one set of systems.
  const key = `${spec.name}\u0000${context.systems.join('\u0000')}\u0001${(context.templateIds ?? []).join('\u0000')}`;
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size > 256) schemas.clear();
    schema = spec.attributes(context);
    schemas.set(key, schema);
  }
  const checked = schema.safeParse(node.attributes);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => {
    const attribute = String(issue.path[0] ?? '');
    return { attribute, message: issue.message, rule: spec.valueRules?.[attribute] ?? 'attribute-value' };
  });
}

export function formOf(kind: Directive['type']): DirectiveForm {
  return kind === 'containerDirective' ? 'container' : kind === 'leafDirective' ? 'leaf' : 'text';
}

export function colonsFor(kind: Directive['type']): string {
  return kind === 'containerDirective' ? ':::' : kind === 'leafDirective' ? '::' : ':';
}

/** The hast handlers of every typed node, for mdast-util-to-hast. */
export const dialectHandlers: Handlers = Object.fromEntries(DIALECT.map((spec) => [spec.type, spec.handler]));

/** Whether a typed node's content is part of the report's text (comments are not). */
export function countsAsText(node: Nodes): boolean {
  return specOfNode(node)?.text ?? true;
}

/** A typed node's identity for the diff, if its directive gives it one. */
export function identityOf(node: Nodes): string | undefined {
  const spec = specOfNode(node);
  return spec?.identity ? spec.identity(node as never) : undefined;
}

function isDirective(node: Nodes): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

function attributesOf(node: Directive): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.attributes ?? {})) result[key] = value ?? '';
  return result;
}

/** The typed node a directive becomes, or undefined when the dialect does not know it in this form. */
export function typedNode(node: Directive): DialectNode | undefined {
  const spec = byName.get(node.name);
  const form = formOf(node.type);
  if (!spec || !spec.forms.includes(form)) return undefined;
  const children = node.children as Array<BlockContent | DefinitionContent | PhrasingContent>;
  let label: PhrasingContent[] | undefined;
  let body = children;
  if (node.type === 'containerDirective') {
    const first = children[0];
    if (first?.type === 'paragraph' && first.data?.directiveLabel) {
      label = first.children;
      body = children.slice(1);
    }
  } else if (node.type === 'leafDirective') {
    label = node.children;
    body = [];
  }
  return spec.build({ directive: node, form, fields: { directiveName: node.name, form, attributes: attributesOf(node), label }, children: body });
}

export interface DialectInput {
  /** Workspace-relative path, for messages. */
  file: string;
  /** The file's text (the slip checks read what a failed directive left behind). */
  source: string;
}

/**
 * The dialect stage, applied once to every parsed file before anything reads it: directives the
 * dialect knows become typed nodes, reference-style images become images (so one image pipeline
 * sees every image), and anything that looks like a comment but did not parse as one is an error.
 */
export function applyDialect(tree: Root, input: DialectInput): VFileMessage[] {
  const problems = checkSlips(tree, input);
  resolveImageReferences(tree);
  const walk = (parent: Parent): void => {
    const children = parent.children as Nodes[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index];
      if (isDirective(child)) {
        const typed = typedNode(child);
        if (typed) children[index] = typed as Nodes;
      }
      const current = children[index];
      if ('children' in current) walk(current as Parent);
    }
  };
  walk(tree);
  return problems;
}

/** Parses one file and applies the dialect: the tree every command reads. */
export function parseDialect(source: string, file: string): { tree: Root; problems: VFileMessage[] } {
  const tree = parseMarkdown(source);
  return { tree, problems: applyDialect(tree, { file, source }) };
}
