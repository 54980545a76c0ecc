import {
  BookmarkEnd, BookmarkStart, BorderStyle, BuilderElement, CommentRangeEnd, CommentRangeStart, CommentReference,
  DeletedTextRun, ExternalHyperlink, FootnoteReferenceRun, ImageRun, InsertedTextRun, InternalHyperlink, Paragraph, Table,
  ShadingType, TableCell, TableOfContents, TableRow, TextRun, WidthType,
  type IParagraphOptions, type IRunOptions, type ParagraphChild,
} from 'docx';
import type { Heading, Nodes, Parents, PhrasingContent, Root, RootContent, TableRow as MdTableRow } from 'mdast';
import type { Example, Recommendation, TermDefinition, Variant } from '../dialect/index.js';
import { termAnchor } from '../dialect/definition.js';
import { hNameOf } from '../diff/align.js';
import { classesOf } from '../diff/words.js';
import { regionName, systemName, ui } from '../i18n/ui.js';
import { jurisdiction as jurisdictionOf } from '../model/jurisdictions.js';
import type { Report } from '../model/types.js';
import type { DerivedNumber } from '../render/nodes.js';
import { UserError } from '../util/problems.js';
import { anchorKeyString, bookmarkName, type DocxAnchorKey, type DocxPart } from './ids.js';
import { imageFromDataUrl } from './images.js';
import { STYLE, TABLE_BORDERS, SYSTEM_COLOURS, TINT_COLOUR } from './styles.js';

/**
 * The one place that walks a rendered Markdown tree (the render pipeline's output, or the diff's
 * merged redline tree, which has the same shape plus ins/del/moved marks) and turns it into Word
 * paragraphs, tables, footnotes, bookmarks and tracked changes. Recommendation parts are the
 * dialect's typed nodes (`recommendation`, `principle`, `variant`, `example`, `rationale`…), known
 * by their type and declared fields; the labels a reader sees ("Civil-law systems", "Example:
 * Japan") are made here from the same UI strings table the HTML handlers use, in the report's
 * language. The redline's own marks (ins/del blocks and runs, moves with `data.move`) are the
 * diff's (src/diff/merge.ts).
 */

export interface Revision {
  author: string;
  /** ISO 8601 date-time. */
  date: string;
}

/** A bookmark as written, with the text it spans (for the id-map part). */
export interface AnchorRecord {
  bookmark: string;
  key: string;
  text: string;
}

export interface ConvertOptions {
  report: Report;
  /** Present for a redline: marks become tracked changes by this author at this date. */
  revision?: Revision;
  /** Comment ids per anchor ('' = the top of the report). */
  comments?: Map<string, number[]>;
}

type Mark = 'ins' | 'del';

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  characterStyle?: string;
  color?: string;
  mark?: Mark;
  /** Inside a moved block: links and footnote calls are written as plain runs (w:moveFrom cannot hold a hyperlink). */
  moving?: 'from' | 'to';
}

/** A paragraph before it becomes a docx Paragraph: bookmarks and comment ranges are added at its ends. */
interface ParaBlock {
  kind: 'p';
  options: Omit<IParagraphOptions, 'children'>;
  children: ParagraphChild[];
  text: string;
  /** The w:moveFrom/w:moveTo wrapping its content, written when it becomes a Paragraph. */
  move?: { side: 'from' | 'to'; id: number };
}

interface OtherBlock {
  kind: 'other';
  node: Paragraph | Table | TableOfContents;
  text: string;
}

type Block = ParaBlock | OtherBlock;

interface Walk {
  /** Recommendation id while inside one. */
  rec?: string;
  /** Paragraph style for body paragraphs of the current part. */
  partStyle?: string;
  listLevel: number;
  /** Block-level mark of an inserted or deleted block (redline). */
  mark?: Mark;
  moving?: 'from' | 'to';
  /** The legal system of the variant being written (its label takes the system's colour). */
  system?: string;
  /** Occurrences of each jurisdiction in the current recommendation (index of a repeated example). */
  examples?: Map<string, number>;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]/;

export class DocxConverter {
  readonly anchors: AnchorRecord[] = [];
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  private readonly footnoteNumbers = new Map<string, number>();
  /** How often each note is called: a note called again is a NOTEREF to its first call, not a second note. */
  private readonly footnoteCalls = new Map<string, number>();
  private readonly footnoteDefinitions = new Map<string, Extract<RootContent, { type: 'footnoteDefinition' }>>();
  private bookmarkId = 1;
  private revisionId = 1;
  private listInstance = 0;
  private readonly moveNames = new Map<string, { name: string; rangeFrom: number; rangeTo: number }>();
  private readonly movedBlocks = new Map<string, Parents>();
  private readonly bookmarksUsed = new Set<string>();
  /** True while writing the old copy of a moved block: its bookmarks belong to the new place. */
  private inMovedAway = false;
  private readonly commentsPlaced = new Set<number>();
  /** The recommendation or section being written: a footnote's bookmark is a part of where it is first called. */
  private where: { scope: 'recommendation' | 'section'; id: string } = { scope: 'section', id: '' };
  private linkTargets?: Map<string, DocxAnchorKey>;
  private readonly names = new Map<string, string>();

  constructor(private readonly options: ConvertOptions) {}

  /** Converts a whole tree; footnote definitions become Word footnotes, the rest body content. */
  convert(tree: Root): Array<Paragraph | Table | TableOfContents> {
    for (const child of tree.children) if (child.type === 'footnoteDefinition') this.footnoteDefinitions.set(child.identifier, child);
    this.survey(tree);
    const blocks = this.blocks(tree.children.filter((c) => c.type !== 'footnoteDefinition'), { listLevel: 0 });
    // Comments whose anchor is not in this edition (or at the very top) sit at the start of the body.
    const rest = [...(this.options.comments?.values() ?? [])].flat().filter((id) => !this.commentsPlaced.has(id));
    if (rest.length) this.placeComments(blocks.filter((b) => b.kind === 'p').slice(0, 1), rest);
    return blocks.map((b) => this.finish(b));
  }

  /** Whether a tree shows a contents list (`::toc`) of its own. */
  static hasContents(tree: Root): boolean {
    return tree.children.some((c) => c.type === 'toc');
  }

  /** One walk before writing: how often each note is called, and the moved blocks of a redline. */
  private survey(tree: Parents): void {
    for (const child of tree.children as Nodes[]) {
      if (child.type === 'footnoteReference') this.footnoteCalls.set(child.identifier, (this.footnoteCalls.get(child.identifier) ?? 0) + 1);
      const move = moveOf(child);
      if (move !== undefined && classesOf(child).includes('rl-moved-block')) this.movedBlocks.set(move, child as Parents);
      if ('children' in child) this.survey(child as Parents);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  private blocks(nodes: readonly RootContent[], walk: Walk): Block[] {
    const out: Block[] = [];
    for (const node of nodes) out.push(...this.block(node, walk));
    return out;
  }

  private block(node: RootContent, walk: Walk): Block[] {
    const classes = classesOf(node);
    const hName = hNameOf(node);
    if (classes.includes('rl-move-note')) return []; // Word shows where a move came from itself.
    if (classes.includes('rl-moved-away')) return this.movedAway(node, walk);
    if (classes.includes('rl-moved-block')) return this.movedHere(node as Parents, walk);
    if ((hName === 'ins' || hName === 'del') && node.type === 'blockquote') {
      return this.blocks(node.children, { ...walk, mark: hName });
    }
    switch (node.type) {
      case 'recommendation':
        return this.recommendation(node, walk);
      case 'toc':
        return this.contents();
      case 'principle':
        return this.part(node, { ...walk, partStyle: STYLE.principle }, { kind: 'principle' });
      case 'variant':
        return this.part(node, { ...walk, partStyle: STYLE.variant, system: node.system }, { kind: 'variant', system: node.system }, this.label(this.variantLabel(node), STYLE.variantLabel, walk, SYSTEM_COLOURS[node.system]));
      case 'example': {
        const jurisdiction = node.jurisdiction.toUpperCase();
        const seen = (walk.examples?.get(jurisdiction) ?? 0) + 1;
        walk.examples?.set(jurisdiction, seen);
        return this.part(node, { ...walk, partStyle: STYLE.example }, { kind: 'example', jurisdiction, index: seen > 1 ? seen : undefined }, this.label(this.exampleLabel(node), STYLE.exampleLabel, walk));
      }
      case 'rationale':
        return this.part(node, { ...walk, partStyle: STYLE.rationale }, { kind: 'rationale' }, this.label(ui(this.lang, 'rationale'), STYLE.rationaleLabel, walk));
      case 'termDefinition':
        return this.definition(node, walk);
      case 'glossary':
        return [this.label(ui(this.lang, 'glossary'), STYLE.contentsHeading, walk), ...this.blocks(node.children, walk)];
      case 'bibliography':
        // The same title the HTML handler gives it (src/dialect/bibliography.ts), in the report's language.
        return [this.label(ui(this.lang, 'bibliography'), STYLE.contentsHeading, walk), ...this.blocks(node.children, walk)];
      case 'authorities':
        return [this.label(ui(this.lang, 'authorities'), STYLE.contentsHeading, walk), ...this.blocks(node.children, walk)];
      case 'recommendationSummary':
        return this.blocks(node.children, walk);
      default:
        break;
    }
    switch (node.type) {
      case 'heading':
        return [this.heading(node, walk)];
      case 'paragraph': {
        // Images stay inline in their paragraph (most reports give a figure a paragraph of its own).
        const style = classes.includes('rl-elided') ? STYLE.note : walk.partStyle;
        return [this.paragraph(node, walk, style ? { style } : {})];
      }
      case 'list':
        return this.list(node, walk);
      case 'table':
        return [this.table(node, walk)];
      case 'code':
        return [this.codeBlock(node.value, walk)];
      case 'thematicBreak':
        return [{ kind: 'p', options: { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'D5DAE0', space: 4 } } }, children: [], text: '' }];
      case 'blockquote':
        return this.blocks(node.children, { ...walk, partStyle: walk.partStyle ?? STYLE.quote });
      case 'recommendationHeading':
        return [this.paragraph(node, walk, { style: STYLE.recommendationTitle, keepNext: true })];
      case 'html':
      case 'yaml':
      case 'definition':
      case 'footnoteDefinition':
        // Raw HTML never reaches a published output; definitions only resolve links.
        return [];
      default:
        if ('children' in node) return this.blocks((node as Parents).children as RootContent[], walk);
        return [];
    }
  }

  private recommendation(node: Recommendation, walk: Walk): Block[] {
    const id = node.id;
    const inner: Walk = { ...walk, rec: id, examples: new Map() };
    const blocks: Block[] = [];
    const outer = this.where;
    if (id) this.where = { scope: 'recommendation', id };
    for (const child of node.children as RootContent[]) {
      if (child.type === 'recommendationHeading') {
        const title = this.paragraph(child, inner, { style: STYLE.recommendationTitle, keepNext: true });
        if (id) this.bookmark([title], { scope: 'recommendation', id, part: { kind: 'title' } });
        const comments = this.options.comments?.get(id);
        if (comments?.length) this.placeComments([title], comments);
        blocks.push(title);
      } else {
        blocks.push(...this.block(child, inner));
        // As in the HTML (src/dialect/recommendation.ts): the note follows the principle.
        if (child.type === 'principle' && node.uniform) blocks.push(this.label(ui(this.lang, 'uniform'), STYLE.note, inner));
      }
    }
    this.where = outer;
    if (id) this.bookmark(blocks, { scope: 'recommendation', id });
    return blocks;
  }

  /** A principle, variant, example or rationale: its label, then its body; the bookmark spans the body. */
  private part(node: Parents, walk: Walk, part: DocxPart, label?: ParaBlock): Block[] {
    const body = this.blocks(node.children as RootContent[], walk);
    const blocks = label ? [label, ...body] : body;
    if (walk.rec) this.bookmark(body.length ? body : blocks, { scope: 'recommendation', id: walk.rec, part });
    return blocks;
  }

  /** The report's language: labels are in it, as the HTML's are. */
  private get lang(): string | undefined {
    return this.options.report.meta.lang;
  }

  /** "Civil-law systems", as the variant's hast handler labels it (src/dialect/variant.ts). */
  private variantLabel(node: Variant): string {
    return systemName(this.lang, node.system);
  }

  /** "Example: Japan", as the example's hast handler labels it (src/dialect/example.ts). */
  private exampleLabel(node: Example): string {
    const code = node.jurisdiction.toUpperCase();
    const lang = this.lang;
    const english = jurisdictionOf(code)?.name;
    const name = (lang && !lang.startsWith('en') ? regionName(lang, code) : undefined) ?? english ?? code;
    return ui(lang, 'example', { name });
  }

  /** A label paragraph the writer makes (derived text, never part of the report's text). */
  private label(value: string, style: string, walk: Walk, color?: string): ParaBlock {
    return this.paragraph({ type: 'paragraph', children: [{ type: 'text', value }] }, walk, { style, keepNext: true }, color ? { color } : {});
  }

  /** A defined term: the term in bold, then its definition; a bookmark spans both, for `:term` links and the glossary. */
  private definition(node: TermDefinition, walk: Walk): Block[] {
    const term = this.paragraph({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: node.term }] }] }, walk, { keepNext: true });
    const blocks = [term, ...this.blocks(node.children, walk)];
    this.bookmark(blocks, { scope: 'term', id: node.key });
    return blocks;
  }

  private heading(node: Heading, walk: Walk): ParaBlock {
    // The title is the document's; content headings start at h2 (see render/transform headingShift).
    const level = Math.min(6, Math.max(1, node.depth - 1));
    const block = this.paragraph(node, walk, { style: `Heading${level}`, keepNext: true });
    const slug = slugOf(node);
    if (slug) {
      this.where = { scope: 'section', id: slug };
      this.bookmark([block], { scope: 'section', id: slug });
      const comments = this.options.comments?.get(slug);
      if (comments?.length) this.placeComments([block], comments);
    }
    return block;
  }

  private contents(): Block[] {
    return [
      { kind: 'p', options: { style: STYLE.contentsHeading }, children: [new TextRun(ui(this.lang, 'contents'))], text: ui(this.lang, 'contents') },
      { kind: 'other', node: contentsField(this.options.report), text: '' },
    ];
  }

  private list(node: Extract<RootContent, { type: 'list' }>, walk: Walk): Block[] {
    const instance = ++this.listInstance;
    const blocks: Block[] = [];
    for (const item of node.children) {
      let first = true;
      for (const child of item.children) {
        if (child.type === 'list') {
          blocks.push(...this.list(child, { ...walk, listLevel: walk.listLevel + 1 }));
          continue;
        }
        const converted = this.block(child, walk);
        for (const block of converted) {
          if (block.kind !== 'p') continue;
          if (first) {
            block.options = {
              ...block.options,
              ...(node.ordered ? { numbering: { reference: 'ordered', level: Math.min(walk.listLevel, 8), instance } } : { bullet: { level: Math.min(walk.listLevel, 8) } }),
            };
            first = false;
          } else {
            block.options = { ...block.options, indent: { left: 720 * (walk.listLevel + 1) } };
          }
        }
        blocks.push(...converted);
      }
    }
    return blocks;
  }

  private table(node: Extract<RootContent, { type: 'table' }>, walk: Walk): OtherBlock {
    const texts: string[] = [];
    const rows = node.children.map((row: MdTableRow, index) => {
      const rowMark = classesOf(row).includes('rl-ins-block') ? 'ins' : classesOf(row).includes('rl-del-block') ? 'del' : walk.mark;
      // A whole row inserted or deleted is a row revision, so accepting or rejecting removes the row itself.
      const rowRevision = rowMark && rowMark !== walk.mark && this.options.revision ? { [rowMark === 'ins' ? 'insertion' : 'deletion']: this.change() } : {};
      return new TableRow({
        tableHeader: index === 0,
        cantSplit: true,
        ...rowRevision,
        children: row.children.map((cell) => {
          const block = this.paragraph(cell as unknown as Parents, { ...walk, mark: rowMark }, { style: STYLE.tableText }, index === 0 ? { bold: true } : {});
          texts.push(block.text);
          return new TableCell({
            children: [this.finish(block) as Paragraph],
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
            ...(index === 0 ? { shading: { type: ShadingType.CLEAR, fill: TINT_COLOUR, color: 'auto' } } : {}),
          });
        }),
      });
    });
    const table = new Table({
      rows,
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: TABLE_BORDERS,
    });
    return { kind: 'other', node: table, text: texts.join('\t') };
  }

  private codeBlock(value: string, walk: Walk): ParaBlock {
    const lines = value.split('\n');
    const children = lines.map((line, index) => this.run(line, { code: true, mark: walk.mark, moving: walk.moving }, index > 0));
    return { kind: 'p', options: { style: STYLE.code }, children, text: value };
  }

  private paragraph(node: Parents, walk: Walk, options: Omit<IParagraphOptions, 'children'>, base: RunStyle = {}): ParaBlock {
    const parts: string[] = [];
    const children = this.inlines(node.children as PhrasingContent[], { ...base, mark: walk.mark ?? base.mark, moving: walk.moving }, parts);
    const text = parts.join('');
    const block: ParaBlock = { kind: 'p', options: { ...options }, children, text };
    if (CJK.test(text)) block.options = { ...block.options, run: { language: { eastAsia: eastAsianLanguage(text, this.options.report.meta.lang) } } };
    // A paragraph inserted or deleted as a whole takes its paragraph mark with it.
    if (walk.mark && this.options.revision) {
      block.options = { ...block.options, run: { ...(block.options.run ?? {}), [walk.mark === 'ins' ? 'insertion' : 'deletion']: this.change() } };
    }
    return block;
  }

  // -------------------------------------------------------------------------------------------
  // Moves (redline): the old place gets the old text as w:moveFrom, the new place the new text as w:moveTo.

  private moveInfo(move: string): { name: string; rangeFrom: number; rangeTo: number } {
    let info = this.moveNames.get(move);
    if (!info) {
      info = { name: `move${move}`, rangeFrom: this.revisionId++, rangeTo: this.revisionId++ };
      this.moveNames.set(move, info);
    }
    return info;
  }

  private movedAway(node: RootContent, walk: Walk): Block[] {
    const move = moveOf(node);
    const block = move !== undefined ? this.movedBlocks.get(move) : undefined;
    if (!block || !this.options.revision) return []; // No tracked changes (a plain build never has these).
    // The old text is the moved block as it was: its deletions kept, its insertions dropped.
    const old = versionOf(block, 'from');
    this.inMovedAway = true;
    const blocks = this.blocks(old.children as RootContent[], { ...walk, moving: 'from', mark: undefined }).filter((b) => !isEmptyPara(b));
    this.inMovedAway = false;
    this.wrapMove(blocks, 'from', this.moveInfo(move as string));
    return blocks;
  }

  private movedHere(node: Parents, walk: Walk): Block[] {
    const move = moveOf(node);
    if (move === undefined || !this.options.revision) return this.blocks(node.children as RootContent[], walk);
    const now = versionOf(node, 'to');
    const blocks = this.blocks(now.children as RootContent[], { ...walk, moving: 'to', mark: undefined }).filter((b) => !isEmptyPara(b));
    this.wrapMove(blocks, 'to', this.moveInfo(move));
    return blocks;
  }

  private wrapMove(blocks: Block[], side: 'from' | 'to', info: { name: string; rangeFrom: number; rangeTo: number }): void {
    const paras = blocks.filter((b): b is ParaBlock => b.kind === 'p');
    if (!paras.length) return;
    const revision = this.change();
    const range = side === 'from' ? info.rangeFrom : info.rangeTo;
    const tag = side === 'from' ? 'moveFrom' : 'moveTo';
    for (const para of paras) {
      para.move = { side, id: this.revisionId++ };
      // The paragraph mark moves too: written as a deleted/inserted mark, which Word accepts and rejects with the text.
      para.options = { ...para.options, run: { ...(para.options.run ?? {}), [side === 'from' ? 'deletion' : 'insertion']: this.change() } };
    }
    const start = new BuilderElement({
        name: `w:${tag}RangeStart`,
        attributes: {
          id: { key: 'w:id', value: range },
          author: { key: 'w:author', value: revision.author },
          date: { key: 'w:date', value: revision.date },
          name: { key: 'w:name', value: info.name },
        },
      });
    const end = new BuilderElement({ name: `w:${tag}RangeEnd`, attributes: { id: { key: 'w:id', value: range } } });
    rangeMarkers.add(start);
    rangeMarkers.add(end);
    paras[0].children.unshift(start as unknown as ParagraphChild);
    paras[paras.length - 1].children.push(end as unknown as ParagraphChild);
  }

  // -------------------------------------------------------------------------------------------
  // Inline content

  private inlines(nodes: readonly PhrasingContent[], style: RunStyle, text: string[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes) out.push(...this.inline(node, style, text));
    return out;
  }

  private inline(node: PhrasingContent, style: RunStyle, text: string[]): ParagraphChild[] {
    const classes = classesOf(node);
    const hName = hNameOf(node);
    switch (node.type) {
      case 'text':
        text.push(node.value);
        return [this.run(node.value, style)];
      case 'inlineCode':
        text.push(node.value);
        return [this.run(node.value, { ...style, code: true })];
      case 'break':
        text.push('\n');
        return [this.run('', style, true)];
      case 'strong':
        return this.inlines(node.children, { ...style, bold: true }, text);
      case 'delete':
        return this.inlines(node.children, { ...style, strike: true }, text);
      case 'footnoteReference':
        return this.footnoteCall(node.identifier, style);
      case 'derivedNumber':
        return this.derivedNumber(node, style, text);
      case 'xref':
        return this.link({ type: 'link', url: `#${node.target}`, children: node.children }, style, text);
      case 'termUse':
        return this.link({ type: 'link', url: `#${termAnchor(node.key)}`, children: node.children }, style, text);
      case 'image':
        return this.image(node, style, text);
      case 'link':
        return this.link(node, style, text);
      case 'html':
        return [];
      case 'emphasis': {
        if (hName === 'ins' || hName === 'del') {
          if (!this.options.revision) return this.inlines(node.children, style, text);
          return this.inlines(node.children, { ...style, mark: hName }, text);
        }
        if (classes.includes('rl-was')) {
          // "Recommendation 2.4 (was 2.3)": Word shows the renumbering as a change of the number.
          return [];
        }
        if (classes.includes('rl-moved')) return this.inlines(node.children, style, text);
        if (classes.includes('xref-missing')) return this.inlines(node.children, { ...style, bold: true }, text);
        if (hName === 'span' || hName === 'code') return this.inlines(node.children, hName === 'code' ? { ...style, code: true } : style, text);
        return this.inlines(node.children, { ...style, italics: true }, text);
      }
      default:
        if ('children' in node) return this.inlines((node as Parents).children as PhrasingContent[], style, text);
        if ('value' in node && typeof node.value === 'string') {
          text.push(node.value);
          return [this.run(node.value, style)];
        }
        return [];
    }
  }

  /**
   * "Recommendation 2.4" or "2.1": a derived number. In a redline a renumbered recommendation's
   * number carries the old one (`rl-was`); Word shows it as a change of the number only.
   */
  private derivedNumber(node: DerivedNumber, style: RunStyle, text: string[]): ParagraphChild[] {
    const characterStyle = node.role === 'recommendation' ? STYLE.recommendationNumber : STYLE.headingNumber;
    const numberStyle = { ...style, characterStyle };
    const was = node.children.find((c) => classesOf(c).includes('rl-was'));
    const wasText = was ? wasOf(was) : undefined;
    if (wasText && this.options.revision && !style.mark) {
      const nowText = node.children.filter((c) => c !== was).map((c) => ('value' in c ? c.value : '')).join('');
      // Only the number changes: "Recommendation " stays, "2.3" is deleted and "2.4" inserted.
      const shared = commonWordPrefix(wasText, nowText);
      text.push(nowText);
      return [
        ...(shared ? [this.run(shared, numberStyle)] : []),
        this.run(wasText.slice(shared.length), { ...numberStyle, mark: 'del' }),
        this.run(nowText.slice(shared.length), { ...numberStyle, mark: 'ins' }),
      ];
    }
    return this.inlines(node.children, numberStyle, text);
  }

  private run(value: string, style: RunStyle, breakBefore = false): ParagraphChild {
    const options: IRunOptions = {
      text: value,
      break: breakBefore ? 1 : undefined,
      bold: style.bold,
      italics: style.italics,
      strike: style.strike,
      color: style.color,
      style: style.code ? STYLE.codeChar : style.characterStyle,
      ...(CJK.test(value) ? { language: { eastAsia: eastAsianLanguage(value, this.options.report.meta.lang) } } : {}),
    };
    if (style.mark === 'ins' && this.options.revision) return new InsertedTextRun({ ...options, ...this.change() });
    if (style.mark === 'del' && this.options.revision) return new DeletedTextRun({ ...options, ...this.change() });
    return new TextRun(options);
  }

  /** A run that is not text (a footnote call) inside a tracked change: wrapped in w:ins/w:del by hand. */
  private tracked(child: ParagraphChild, mark: Mark | undefined): ParagraphChild {
    if (!mark || !this.options.revision) return child;
    const change = this.change();
    return new BuilderElement({
      name: mark === 'ins' ? 'w:ins' : 'w:del',
      attributes: { id: { key: 'w:id', value: change.id }, author: { key: 'w:author', value: change.author }, date: { key: 'w:date', value: change.date } },
      children: [child as unknown as BuilderElement],
    }) as unknown as ParagraphChild;
  }

  private change(): { id: number; author: string; date: string } {
    const revision = this.options.revision as Revision;
    return { id: this.revisionId++, author: revision.author, date: revision.date };
  }

  private footnoteCall(identifier: string, style: RunStyle): ParagraphChild[] {
    // Deleted text must not call a note (its number belongs to the new text); a moved-away copy neither.
    if (style.mark === 'del' || style.moving === 'from') return [];
    const known = this.footnoteNumbers.get(identifier);
    if (known !== undefined) {
      // Word and LibreOffice make every w:footnoteReference a note of its own (an empty one, and the
      // numbers after it shift); a note called again is a cross-reference to the first call, as Word
      // itself writes it: NOTEREF to a hidden bookmark, shown as the note's number.
      const field = new BuilderElement({
        name: 'w:fldSimple',
        attributes: { instr: { key: 'w:instr', value: ` NOTEREF ${noteMarkBookmark(known)} \\f \\h ` } },
        children: [new TextRun({ text: String(known), style: 'FootnoteReference' }) as unknown as BuilderElement],
      });
      return [this.tracked(field as unknown as ParagraphChild, style.mark)];
    }
    const number = this.footnoteNumbers.size + 1;
    this.footnoteNumbers.set(identifier, number);
    const definition = this.footnoteDefinitions.get(identifier);
    const blocks = definition ? this.blocks(definition.children, { listLevel: 0, partStyle: STYLE.footnoteText }) : [];
    // The note's text is a part of the recommendation (or section) that first calls it, so that a
    // remark made inside the footnote is anchored there on import (src/comments/).
    if (definition) this.bookmark(blocks, { ...this.where, part: { kind: 'footnote', label: definition.label ?? identifier } });
    const paragraphs = blocks.map((b) => this.finish(b)).filter((b): b is Paragraph => b instanceof Paragraph);
    this.footnotes[number] = { children: paragraphs.length ? paragraphs : [new Paragraph('')] };
    const call = this.tracked(new FootnoteReferenceRun(number), style.mark);
    if ((this.footnoteCalls.get(identifier) ?? 0) < 2) return [call];
    // Word's hidden bookmark (a leading underscore) around the first call, for the NOTEREFs of the others.
    const id = this.bookmarkId++;
    return [new BookmarkStart(noteMarkBookmark(number), id) as unknown as ParagraphChild, call, new BookmarkEnd(id) as unknown as ParagraphChild];
  }

  private link(node: Extract<PhrasingContent, { type: 'link' }>, style: RunStyle, text: string[]): ParagraphChild[] {
    const linkStyle: RunStyle = { ...style, characterStyle: STYLE.hyperlink };
    const children = this.inlines(node.children, linkStyle, text);
    if (style.moving) return this.inlines(node.children, style, text);
    if (node.url.startsWith('#')) {
      const target = decodeURIComponent(node.url.slice(1));
      const anchor = this.anchorFor(target);
      return anchor ? [new InternalHyperlink({ anchor, children })] : this.inlines(node.children, style, text);
    }
    if (/^(https?|mailto):/i.test(node.url)) return [new ExternalHyperlink({ link: node.url, children })];
    return this.inlines(node.children, style, text);
  }

  private anchorFor(target: string): string | undefined {
    // Looked up in a map made once: a report links thousands of times (a search of the lists per link was quadratic).
    if (!this.linkTargets) {
      const report = this.options.report;
      const targets = new Map<string, DocxAnchorKey>();
      // Every edition keeps every definition (render/transform.ts selectEdition), so its bookmark exists.
      for (const d of report.definitions) targets.set(termAnchor(d.key), { scope: 'term', id: d.key });
      // Set in reverse order of precedence: a recommendation id wins over a heading slug, which wins over a term.
      for (const h of report.headings) targets.set(h.slug, { scope: 'section', id: h.slug });
      for (const r of report.recommendations) targets.set(r.id, { scope: 'recommendation', id: r.id });
      this.linkTargets = targets;
    }
    const key = this.linkTargets.get(target);
    return key ? this.nameOf(key) : undefined;
  }

  /** bookmarkName, remembered per key: the same anchor is named by its bookmark and by every link to it. */
  private nameOf(key: DocxAnchorKey): string {
    const exact = anchorKeyString(key);
    let name = this.names.get(exact);
    if (name === undefined) {
      name = bookmarkName(key);
      this.names.set(exact, name);
    }
    return name;
  }

  private image(node: Extract<PhrasingContent, { type: 'image' }>, style: RunStyle, text: string[]): ParagraphChild[] {
    if (style.mark === 'del' || style.moving === 'from') {
      text.push(node.alt ? `[${node.alt}]` : '');
      return node.alt ? [this.run(`[${node.alt}]`, style)] : [];
    }
    const place = (node.data as { sourceFile?: string } | undefined)?.sourceFile ?? this.options.report.file;
    const image = imageFromDataUrl(node.url, `${place}:${node.position?.start.line ?? 1}:${node.position?.start.column ?? 1}`);
    const run = new ImageRun({
      type: image.type,
      data: image.data,
      transformation: image.size,
      altText: { name: node.alt ?? '', description: node.alt ?? '', title: node.title ?? '' },
      ...(style.mark === 'ins' && this.options.revision ? { insertion: this.change() } : {}),
    });
    return [run];
  }

  // -------------------------------------------------------------------------------------------
  // Bookmarks, comments, and the final Paragraph objects

  /** One bookmark from the start of the first paragraph to the end of the last: it opens and closes inside paragraphs. */
  private bookmark(blocks: Block[], key: DocxAnchorKey): void {
    const paras = blocks.filter((b): b is ParaBlock => b.kind === 'p');
    if (!paras.length || this.inMovedAway) return;
    const name = this.nameOf(key);
    if (this.bookmarksUsed.has(name)) return; // A repeated id is a lint error (and a build error before this).
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name)) {
      const source = key.scope === 'section' ? this.options.report.headings.find((h) => h.slug === key.id)?.source : this.options.report.recommendations.find((r) => r.id === key.id)?.source;
      const where = source ? `${source.file}:${source.line}:${source.column}` : this.options.report.file;
      throw new UserError(`${where}: "${key.id}" cannot become a Word bookmark name (${name}); use letters, digits and hyphens`);
    }
    this.bookmarksUsed.add(name);
    const id = this.bookmarkId++;
    paras[0].children.unshift(new BookmarkStart(name, id) as unknown as ParagraphChild);
    paras[paras.length - 1].children.push(new BookmarkEnd(id) as unknown as ParagraphChild);
    this.anchors.push({ bookmark: name, key: anchorKeyString(key), text: blocks.map((b) => b.text).filter(Boolean).join('\n') });
  }

  private placeComments(blocks: Block[], ids: number[]): void {
    const paras = blocks.filter((b): b is ParaBlock => b.kind === 'p');
    if (!paras.length) return;
    for (const id of ids) {
      if (this.commentsPlaced.has(id)) continue;
      this.commentsPlaced.add(id);
      paras[0].children.unshift(new CommentRangeStart(id) as unknown as ParagraphChild);
      const last = paras[paras.length - 1].children;
      last.push(new CommentRangeEnd(id) as unknown as ParagraphChild, new TextRun({ children: [new CommentReference(id)] }));
    }
  }

  private finish(block: Block): Paragraph | Table | TableOfContents {
    if (block.kind === 'other') return block.node;
    let children = block.children;
    if (block.move) {
      // Range markers, bookmarks and comment ranges stay outside the w:moveFrom/w:moveTo element.
      const change = this.change();
      const isMarker = (c: ParagraphChild) => c instanceof BookmarkStart || c instanceof BookmarkEnd || c instanceof CommentRangeStart || c instanceof CommentRangeEnd || (c instanceof BuilderElement && isRangeMarker(c));
      const lead: ParagraphChild[] = [];
      const tail: ParagraphChild[] = [];
      const body = [...children];
      while (body.length && isMarker(body[0])) lead.push(body.shift() as ParagraphChild);
      while (body.length && isMarker(body[body.length - 1])) tail.unshift(body.pop() as ParagraphChild);
      const wrapper = new BuilderElement({
        name: block.move.side === 'from' ? 'w:moveFrom' : 'w:moveTo',
        attributes: { id: { key: 'w:id', value: block.move.id }, author: { key: 'w:author', value: change.author }, date: { key: 'w:date', value: change.date } },
        children: body as unknown as BuilderElement[],
      });
      children = [...lead, wrapper as unknown as ParagraphChild, ...tail];
    }
    return new Paragraph({ ...block.options, children });
  }
}

const rangeMarkers = new WeakSet<object>();
function isRangeMarker(element: object): boolean {
  return rangeMarkers.has(element);
}

/** The hidden bookmark (Word's `_Ref…` kind) around a note's first call. */
function noteMarkBookmark(number: number): string {
  return `_Ref_note_${number}`;
}

/** A heading's section id, which the model gives it (src/model/extract.ts) and HTML uses as its id. */
function slugOf(node: Heading): string | undefined {
  return node.data?.sectionId;
}

/** The move number the diff gives both ends of a move (src/diff/merge.ts). */
function moveOf(node: { data?: unknown }): string | undefined {
  return (node.data as { move?: string } | undefined)?.move;
}

/** The old text of a renumbered recommendation's number (src/diff/words.ts). */
function wasOf(node: { data?: unknown }): string | undefined {
  return (node.data as { was?: string } | undefined)?.was;
}

function isEmptyPara(block: Block): boolean {
  return block.kind === 'p' && block.text.trim() === '' && block.children.length === 0;
}

/** The moved block as one side saw it: the other side's marks removed, its own unwrapped. */
function versionOf(node: Parents, side: 'from' | 'to'): Parents {
  const drop = side === 'from' ? 'ins' : 'del';
  const strip = (current: Nodes): Nodes | undefined => {
    const hName = hNameOf(current);
    const classes = classesOf(current);
    if (hName === drop || classes.includes(`rl-${drop}-block`)) return undefined;
    if (classes.includes('rl-move-note')) return undefined;
    if (classes.includes('rl-was')) return undefined;
    if (side === 'from' && current.type === 'derivedNumber' && current.role === 'recommendation') {
      // The old place shows the old number.
      const was = (current.children as Nodes[]).find((c) => classesOf(c).includes('rl-was'));
      const old = was ? wasOf(was) : undefined;
      if (old) return { ...current, children: [{ type: 'text', value: old }] } as Nodes;
    }
    if (!('children' in current)) return current;
    const children: Nodes[] = [];
    for (const child of current.children as Nodes[]) {
      const kept = strip(child);
      if (!kept) continue;
      const keptName = hNameOf(kept);
      if ((keptName === 'ins' || keptName === 'del') && 'children' in kept) children.push(...(kept.children as Nodes[]));
      else children.push(kept);
    }
    return { ...current, children } as Nodes;
  };
  return (strip(node) ?? { ...node, children: [] }) as Parents;
}

/** The longest common start of two labels that ends after a space ("Recommendation "). */
function commonWordPrefix(a: string, b: string): string {
  let end = 0;
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) if (a[i] === ' ') end = i + 1;
  return a.slice(0, end);
}

/** Kana means Japanese, Hangul Korean; Han alone follows the report's language, else Chinese. */
export function eastAsianLanguage(text: string, reportLang: string): string {
  if (/[\u3040-\u30ff\uff66-\uff9f]/.test(text)) return 'ja-JP';
  if (/[\uac00-\ud7af]/.test(text)) return 'ko-KR';
  if (/^ja/i.test(reportLang)) return 'ja-JP';
  if (/^ko/i.test(reportLang)) return 'ko-KR';
  if (/^zh-(tw|hk|hant)/i.test(reportLang)) return 'zh-TW';
  return 'zh-CN';
}

/** A contents field (headings 1–2) that Word updates on open, with the entries written in advance for readers that do not. */
export function contentsField(report: Report): TableOfContents {
  const outline = report.headings.filter((h) => h.number !== '' && h.number.split('.').length <= 2);
  // The alias is the name Word shows on the content control around the field.
  return new TableOfContents(ui(report.meta.lang, 'contents'), {
    hyperlink: true,
    headingStyleRange: '1-2',
    cachedEntries: outline.map((h) => ({ title: `${h.number} ${h.text}`, level: h.number.split('.').length, href: bookmarkName({ scope: 'section', id: h.slug }) })),
  });
}
