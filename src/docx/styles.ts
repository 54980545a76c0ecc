import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LevelFormat, AlignmentType, LineRuleType, type INumberingOptions, type IStylesOptions } from 'docx';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { UserError } from '../util/problems.js';

/**
 * The Word styles Rapporteur writes, by id. A template's `reference.docx` may define any of them
 * (the pandoc `--reference-doc` idea); those it does not define come from the defaults below,
 * which follow the PDF: Source Serif 4 for text, Source Sans 3 for headings and labels, the
 * accent blue and the civil-law/common-law label colours of templates/default/screen.css.
 */
export const STYLE = {
  dialogue: 'Dialogue',
  title: 'Title',
  subtitle: 'Subtitle',
  facts: 'ReportFacts',
  rapporteurs: 'Rapporteurs',
  confidentiality: 'Confidentiality',
  contentsHeading: 'ContentsHeading',
  recommendationTitle: 'RecommendationTitle',
  recommendationNumber: 'RecommendationNumber',
  headingNumber: 'HeadingNumber',
  principle: 'Principle',
  variant: 'Variant',
  variantLabel: 'VariantLabel',
  example: 'Example',
  exampleLabel: 'ExampleLabel',
  rationale: 'Rationale',
  rationaleLabel: 'RationaleLabel',
  note: 'Note',
  quote: 'Quote',
  code: 'SourceCode',
  codeChar: 'VerbatimChar',
  hyperlink: 'Hyperlink',
  table: 'ReportTable',
  tableText: 'TableText',
  header: 'Header',
  footer: 'Footer',
  footnoteText: 'FootnoteText',
} as const;

const SERIF = 'Source Serif 4';
const SANS = 'Source Sans 3';
const MONO = 'DejaVu Sans Mono';
const INK = '1D232B';
const MUTED = '4F5B66';
const ACCENT = '1F4E79';
/** Label colours of the variants, as the PDF (templates/default/screen.css). */
export const SYSTEM_COLOURS: Record<string, string> = { 'civil-law': '7A3B00', 'common-law': '0F5C4C' };
export const RULE_COLOUR = 'D5DAE0';
export const TINT_COLOUR = 'F4F6F8';
const RULE = { style: 'single', size: 4, color: RULE_COLOUR } as const;
/** Thin grey rules around and between cells, as the PDF's tables. */
export const TABLE_BORDERS = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };

const sans = { ascii: SANS, hAnsi: SANS, cs: SANS };

function paragraphStyles(): NonNullable<IStylesOptions['paragraphStyles']> {
  const label = (id: string, name: string, color: string) => ({
    id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true,
    run: { font: sans, bold: true, size: 16, allCaps: true, color, characterSpacing: 10 },
    paragraph: { spacing: { before: 120, after: 40 }, keepNext: true },
  });
  return [
    { id: STYLE.dialogue, name: 'Dialogue', basedOn: 'Normal', run: { font: sans, allCaps: true, size: 18, color: MUTED, characterSpacing: 12 }, paragraph: { spacing: { before: 2400, after: 120 } } },
    { id: STYLE.facts, name: 'Report Facts', basedOn: 'Normal', run: { font: sans, size: 20, color: MUTED }, paragraph: { spacing: { before: 240, after: 360 } } },
    { id: STYLE.rapporteurs, name: 'Rapporteurs', basedOn: 'Normal', run: { font: sans, size: 20, color: MUTED }, paragraph: { spacing: { after: 40 } } },
    { id: STYLE.confidentiality, name: 'Confidentiality', basedOn: 'Normal', run: { font: sans, bold: true, color: '8A1C1C' }, paragraph: { spacing: { before: 480 } } },
    { id: STYLE.contentsHeading, name: 'Contents Heading', basedOn: 'Normal', next: 'Normal', run: { font: sans, bold: true, size: 28, color: INK }, paragraph: { spacing: { before: 240, after: 120 } } },
    { id: STYLE.recommendationTitle, name: 'Recommendation Title', basedOn: 'Normal', next: STYLE.principle, quickFormat: true, run: { font: sans, bold: true, size: 24, color: INK }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, border: { top: { style: 'single', size: 12, color: ACCENT, space: 6 } } } },
    { id: STYLE.principle, name: 'Principle', basedOn: 'Normal', quickFormat: true, run: { size: 22 }, paragraph: { spacing: { after: 120 } } },
    label(STYLE.variantLabel, 'Variant Label', ACCENT),
    { id: STYLE.variant, name: 'Variant', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { left: 284 }, spacing: { after: 120 }, border: { left: { style: 'single', size: 18, color: 'D5DAE0', space: 8 } } } },
    label(STYLE.exampleLabel, 'Example Label', MUTED),
    { id: STYLE.example, name: 'Example', basedOn: 'Normal', quickFormat: true, run: { size: 20 }, paragraph: { indent: { left: 284 }, spacing: { after: 120 }, shading: { type: 'clear', fill: 'F4F6F8', color: 'auto' } } },
    label(STYLE.rationaleLabel, 'Rationale Label', MUTED),
    { id: STYLE.rationale, name: 'Rationale', basedOn: 'Normal', quickFormat: true, run: { size: 20, color: '2C3640' }, paragraph: { spacing: { after: 120 } } },
    { id: STYLE.note, name: 'Note', basedOn: 'Normal', run: { font: sans, size: 18, color: MUTED, italics: true } },
    { id: STYLE.quote, name: 'Quote', basedOn: 'Normal', run: { color: '33404D' }, paragraph: { indent: { left: 567 } } },
    { id: STYLE.code, name: 'Source Code', basedOn: 'Normal', run: { font: MONO, size: 18 }, paragraph: { spacing: { after: 120 }, shading: { type: 'clear', fill: 'F4F6F8', color: 'auto' } } },
    { id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', run: { font: sans, size: 18 }, paragraph: { spacing: { before: 20, after: 20 } } },
  ] as NonNullable<IStylesOptions['paragraphStyles']>;
}

function characterStyles(): NonNullable<IStylesOptions['characterStyles']> {
  return [
    { id: STYLE.recommendationNumber, name: 'Recommendation Number', basedOn: 'DefaultParagraphFont', run: { font: sans, color: ACCENT, allCaps: true, size: 18 } },
    { id: STYLE.headingNumber, name: 'Heading Number', basedOn: 'DefaultParagraphFont', run: { color: ACCENT } },
    { id: STYLE.codeChar, name: 'Verbatim Char', basedOn: 'DefaultParagraphFont', run: { font: MONO, size: 18 } },
    { id: STYLE.hyperlink, name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: ACCENT } },
  ] as NonNullable<IStylesOptions['characterStyles']>;
}

/** The shipped look, used when the template has no reference.docx. */
export function defaultStyles(eastAsiaFont: string): IStylesOptions {
  const heading = (size: number, color = INK) => ({ run: { font: sans, bold: true, size, color }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } });
  return {
    default: {
      document: { run: { font: { ascii: SERIF, hAnsi: SERIF, cs: SERIF, eastAsia: eastAsiaFont }, size: 22, color: INK }, paragraph: { spacing: { after: 160, line: 288, lineRule: LineRuleType.AUTO } } },
      title: { run: { font: sans, bold: true, size: 52, color: INK }, paragraph: { spacing: { after: 160 } } },
      heading1: heading(36),
      heading2: heading(28),
      heading3: heading(24),
      heading4: heading(22),
      heading5: heading(22, MUTED),
      heading6: heading(22, MUTED),
      hyperlink: { run: { color: ACCENT } },
      footnoteText: { run: { size: 18 }, paragraph: { spacing: { after: 60 } } },
    },
    paragraphStyles: [
      { id: STYLE.subtitle, name: 'Subtitle', basedOn: 'Normal', run: { size: 30, color: MUTED }, paragraph: { spacing: { after: 240 } } },
      ...paragraphStyles(),
    ],
    characterStyles: characterStyles().filter((s) => s.id !== STYLE.hyperlink),
  } as IStylesOptions;
}

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: 'ordered',
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    },
  ],
};

export interface StyleChoice {
  /** Document options for docx's `Document`: either `styles`, or `externalStyles` + the styles it lacks. */
  styles?: IStylesOptions;
  externalStyles?: string;
  /** The reference document, for messages. */
  reference?: string;
}

/**
 * `templates/<name>/reference.docx` when there is one: its styles.xml is used as is, and the
 * Rapporteur styles it does not define are added (so a reference made in Word from any document
 * still styles the recommendation blocks).
 */
export function chooseStyles(root: string, template: string, eastAsiaFont: string): StyleChoice {
  const file = path.join(root, 'templates', template, 'reference.docx');
  if (!existsSync(file)) return { styles: defaultStyles(eastAsiaFont) };
  const shown = path.relative(root, file).split(path.sep).join('/');
  let styles: string;
  try {
    const entries = unzipSync(new Uint8Array(readFileSync(file)), { filter: (entry) => entry.name === 'word/styles.xml' });
    const xml = entries['word/styles.xml'];
    if (!xml) throw new UserError(`${shown}:1:1: not a Word document (no word/styles.xml inside); save a .docx from Word or LibreOffice as the reference`);
    styles = Buffer.from(xml).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${shown}:1:1: not a DOCX file (${(error as Error).message}); save a .docx from Word or LibreOffice as the reference`);
  }
  const defined = styleIds(styles, shown);
  return {
    externalStyles: styles,
    reference: shown,
    styles: {
      paragraphStyles: [
        ...(defined.has(STYLE.subtitle) ? [] : [{ id: STYLE.subtitle, name: 'Subtitle', basedOn: 'Normal', run: { size: 30, color: MUTED } }]),
        ...paragraphStyles().filter((s) => !defined.has(s.id)),
      ],
      characterStyles: characterStyles().filter((s) => !defined.has(s.id)),
    } as IStylesOptions,
  };
}

/** The style ids a styles.xml defines, read with a real XML parser. */
function styleIds(xml: string, shown: string): Set<string> {
  const ids = new Set<string>();
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:style' && typeof tag.attributes['w:styleId'] === 'string') ids.add(tag.attributes['w:styleId'] as string);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new UserError(`${shown}:1:1: its word/styles.xml is not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  return ids;
}
