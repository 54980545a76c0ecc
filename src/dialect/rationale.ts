import { stateLang, ui } from '../i18n/ui.js';
import { z } from 'zod';
import { blockElement, labelParagraph } from './hast.js';
import { base } from './fields.js';
import type { DirectiveSpec, Rationale } from './types.js';

/** `:::rationale` … `:::`: why the recommendation is made. */
export const rationale: DirectiveSpec<Rationale> = {
  name: 'rationale',
  type: 'rationale',
  forms: ['container'],
  attributes: () => z.object({}),
  example: ':::rationale … :::',
  build: (input) => ({ type: 'rationale', ...base(input), children: input.children as Rationale['children'] }),
  handler: (state, node: Rationale) => blockElement(state, node, 'div', { className: ['rationale'] }, [labelParagraph('rationale-label', ui(stateLang(state), 'rationale'))]),
  text: true,
  identity: () => 'rationale',
};
