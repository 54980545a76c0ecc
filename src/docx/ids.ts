import { createHash } from 'node:crypto';

/**
 * The names Rapporteur gives to the anchors of a DOCX it writes, shared by the DOCX writer (which
 * places them) and the DOCX comment import (which reads a reviewer's file back through them).
 *
 * Word limits a bookmark name to 40 characters: letters, digits and underscores, starting with a
 * letter (a leading underscore makes a bookmark hidden). Report ids are slugs (`evidence-preservation`)
 * and parts add a system or a jurisdiction, so names are mapped deterministically: the same id and
 * part always give the same name, in every build, so a reviewer's file from an earlier draft still
 * anchors. Names that would be too long keep a readable head and end with a hash of the whole key.
 * The writer also stores the map (name → id and part) inside the DOCX as a custom XML part
 * (`DOCX_ID_MAP_PART`), so the reader never has to reverse the mapping.
 */

/** The part of a recommendation a bookmark spans. */
export type DocxPart =
  | { kind: 'recommendation' }
  | { kind: 'title' }
  | { kind: 'principle' }
  | { kind: 'variant'; system: string }
  | { kind: 'example'; jurisdiction: string; index?: number }
  | { kind: 'rationale' }
  | { kind: 'footnote'; label: string };

export interface DocxAnchorKey {
  /** 'recommendation' for a recommendation id, 'section' for a heading slug, 'term' for a defined term. */
  scope: 'recommendation' | 'section' | 'term';
  id: string;
  part?: DocxPart;
}

export const BOOKMARK_NAME_MAX = 40;

const SCOPE_PREFIX: Record<DocxAnchorKey['scope'], string> = { recommendation: 'R', section: 'S', term: 'T' };

function partSuffix(part: DocxPart | undefined): string {
  if (!part || part.kind === 'recommendation') return '';
  switch (part.kind) {
    case 'title':
      return '.title';
    case 'principle':
      return '.principle';
    case 'variant':
      return `.variant.${part.system}`;
    case 'example':
      return `.example.${part.jurisdiction}${part.index ? `.${part.index}` : ''}`;
    case 'rationale':
      return '.rationale';
    case 'footnote':
      return `.fn.${part.label}`;
  }
}

/** The key as one readable string (`recommendation:evidence-preservation.variant.civil-law`), the custom XML map's key. */
export function anchorKeyString(key: DocxAnchorKey): string {
  return `${key.scope}:${key.id}${partSuffix(key.part)}`;
}

/** The bookmark name for an anchor: deterministic, at most 40 characters, `[A-Za-z][A-Za-z0-9_]*`. */
export function bookmarkName(key: DocxAnchorKey): string {
  const readable = `${SCOPE_PREFIX[key.scope]}_${key.id}${partSuffix(key.part)}`.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '');
  // The readable form loses information ('a-b' and 'a_b' both give 'a_b'), so a hash of the exact
  // key is appended whenever the mapping is not the identity or the name is too long.
  const exact = `${SCOPE_PREFIX[key.scope]}_${key.id}${partSuffix(key.part)}`;
  if (readable === exact && readable.length <= BOOKMARK_NAME_MAX) return readable;
  const hash = createHash('sha1').update(anchorKeyString(key)).digest('hex').slice(0, 8);
  if (readable.length + 1 + hash.length <= BOOKMARK_NAME_MAX) return `${readable}_${hash}`;
  return `${readable.slice(0, BOOKMARK_NAME_MAX - 1 - hash.length).replace(/_+$/, '')}_${hash}`;
}

/**
 * The custom XML part that carries the id map and what was exported, so the import can anchor a
 * remark whose bookmark a reviewer deleted by aligning its paragraph with the exported text:
 *
 * ```xml
 * <rapporteur xmlns="urn:rapporteur:docx:1" report="slug" title="…" version="0.3.0" edition="full" commit="…">
 *   <anchor bookmark="R_evidence_preservation_…" key="recommendation:evidence-preservation.principle">
 *     <text>Courts should be able to order …</text>
 *   </anchor>
 * </rapporteur>
 * ```
 */
export const DOCX_ID_MAP_NAMESPACE = 'urn:rapporteur:docx:1';
export const DOCX_ID_MAP_PART = 'customXml/item1.xml';
