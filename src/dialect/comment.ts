import { z } from 'zod';
import { base } from './fields.js';
import { oneOfValue } from './values.js';
import type { Comment, DirectiveSpec } from './types.js';

/**
 * `:::comment{author="…" date=… status=open}` … `:::`, `::comment[…]{…}` or inline `:comment[…]{…}`:
 * a working-group comment. Render drops it first; its handler renders nothing, so a comment that
 * reached hast by any other road would still not be published.
 */
export const comment: DirectiveSpec<Comment> = {
  name: 'comment',
  type: 'comment',
  forms: ['container', 'leaf', 'text'],
  attributes: () =>
    z.object({
      id: z.string(), author: z.string(), date: z.string(),
      status: oneOfValue('a comment', 'status', ['open', 'resolved'], 'the comment counts as open'),
      re: z.string(),
    }).partial(),
  example: ':comment[text]{author="…"} or :::comment{author="…"} … :::',
  build: (input) => ({
    type: 'comment',
    ...base(input),
    // A leaf comment's words are its label.
    children: input.form === 'leaf' ? (input.fields.label ?? []) : input.children,
  }),
  handler: () => undefined,
  text: false,
};
