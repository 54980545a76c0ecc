import type { HeadingItem, Report } from '../model/types.js';

/**
 * Heading numbers: Rapporteur numbers headings ("2", "2.1") unless the report turns numbering off
 * (`numbering: false` in its front matter, or in the workspace configuration for every report
 * without one: src/model/load.ts) or the heading already carries a number its author
 * wrote ("I.", "A.", "1.", "(a)", "iv)"): that number is kept and none is added, so a law-review
 * outline is never printed as "2.1 A. …".
 */

/** Roman numerals, one letter, or dotted digits, then "." or ")"; or any of them in parentheses. */
const AUTHORED = /^(?:(?:[IVXLCDM]+|[ivxlcdm]+|[A-Za-z]|\d+(?:\.\d+)*)[.)]|\((?:[IVXLCDM]+|[ivxlcdm]+|[A-Za-z]|\d+)\))(?=\s)/;

/** The number the author wrote at the start of a heading's text, if any ("IV.", "(a)"). */
export function authoredNumber(text: string): string | undefined {
  return AUTHORED.exec(text.trimStart())?.[0];
}

export function numberingOn(report: Report): boolean {
  return report.meta.numbering !== false;
}

/** The number Rapporteur prints before a heading ('' when it prints none). */
export function shownNumber(report: Report, heading: Pick<HeadingItem, 'number' | 'text'>): string {
  if (!heading.number || !numberingOn(report) || authoredNumber(heading.text) !== undefined) return '';
  return heading.number;
}
