import type { BuildInput, DialectFields } from './types.js';

/** A defined term's identity: case and spacing do not make another term. */
export function termKey(term: string): string {
  return term.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The fields every typed node keeps, plus its children, for `build` functions to spread. */
export function base(input: BuildInput): DialectFields & { position: BuildInput['directive']['position']; data: BuildInput['directive']['data'] } {
  return { ...input.fields, position: input.directive.position, data: input.directive.data };
}
