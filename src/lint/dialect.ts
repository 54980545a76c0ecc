import { closest } from './suggest.js';
/**
 * The directives of the authoring dialect (DESIGN.md), how each is written and which
 * attributes it takes. `#x` is the attribute `id`, `.x` is `class`.
 */
export type DirectiveKind = 'containerDirective' | 'leafDirective' | 'textDirective';

export interface DirectiveSpec {
  kinds: DirectiveKind[];
  attributes: string[];
  /** How it is written, for messages. */
  example: string;
}

export const DIRECTIVES: Record<string, DirectiveSpec> = {
  recommendation: { kinds: ['containerDirective'], attributes: ['id', 'title', 'topic', 'uniform', 'class'], example: '::::recommendation{#some-id title="…"} … ::::' },
  variant: { kinds: ['containerDirective'], attributes: ['system'], example: ':::variant{system=civil-law} … :::' },
  example: { kinds: ['containerDirective'], attributes: ['jurisdiction'], example: ':::example{jurisdiction=FR} … :::' },
  rationale: { kinds: ['containerDirective'], attributes: [], example: ':::rationale … :::' },
  comment: {
    kinds: ['containerDirective', 'leafDirective', 'textDirective'],
    attributes: ['id', 'author', 'date', 'status', 're'],
    example: ':comment[text]{author="…"} or :::comment{author="…"} … :::',
  },
  ref: { kinds: ['textDirective'], attributes: [], example: ':ref[recommendation-id]' },
  toc: { kinds: ['leafDirective'], attributes: [], example: '::toc on a line of its own' },
  recommendations: { kinds: ['leafDirective'], attributes: [], example: '::recommendations on a line of its own' },
};

export const DIRECTIVE_NAMES = Object.keys(DIRECTIVES);

export function colonsFor(kind: DirectiveKind): string {
  return kind === 'containerDirective' ? ':::' : kind === 'leafDirective' ? '::' : ':';
}

/**
 * The value of a misspelt form of attribute `name` (`sytem=civil-law` for `system`), so that
 * rules reading `name` do not pile follow-on findings onto the one unknown-attribute reports.
 */
export function misspeltAttribute(directive: string, attributes: Record<string, string>, name: string): string | undefined {
  const known = DIRECTIVES[directive]?.attributes ?? [];
  for (const [key, value] of Object.entries(attributes)) {
    if (known.includes(key)) continue;
    if (closest(key, known) === name) return value;
  }
  return undefined;
}
