import type { Parent, PhrasingContent } from 'mdast';
import type { Point } from 'unist';

/**
 * A citation in pandoc's syntax (`[see @key, 12]`, `@key [47]`, `[-@key]`): a typed node of the
 * dialect, made by the parse itself (src/cite/syntax.ts), not by a directive. Render replaces it by
 * its formatted text (src/cite/notes.ts): a footnote of its own with a note style, the formatted text
 * inside an author's footnote, or inline text with an author-date style.
 */
export interface CitationEntry {
  /** The reference's id as written after `@`. */
  key: string;
  /** Where the key is written, for lint. */
  keyPosition?: { start: Point; end: Point };
  prefix?: string;
  /** The pinpoint (`47`, `12–14`), CSL's `locator`. */
  locator?: string;
  /** CSL locator label (`page`, `paragraph`, `section`…); `page` when a bare number. */
  label?: string;
  /** What follows the locator, as written. */
  suffix?: string;
  /** `-@key`: the author is already named in the text. */
  suppressAuthor: boolean;
}

export interface Citation extends Parent {
  type: 'citation';
  /** `normal` is bracketed (`[@key]`); `narrative` is `@key` in running text. */
  mode: 'normal' | 'narrative';
  entries: CitationEntry[];
  /** Set by the model (file and offset): how render's copies find the citation's formatted text. */
  id?: string;
  /** Empty in the source tree; render fills it with the formatted text. */
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
  }
  interface RootContentMap {
    citation: Citation;
  }
}
