/**
 * Functions that run inside the browser page (passed to `page.evaluate`), so each is
 * self-contained. They are Rapporteur's own code: the source's HTML never brings a script.
 */

export interface PreparedDocument {
  /** The text of every style sheet of the page, in order. */
  styles: string[];
  lang: string;
  bodyClass: string;
  chunks: Chunk[];
}

export interface Chunk {
  html: string;
  /**
   * Footnotes called in the chunks before this one. A chunk is laid out with its footnote numbers
   * counting on from here, so each call and each note is set at the width it is printed at: laid
   * out from 1, a chunk's "1" calls fit lines that the printed "117" overflows, and the line that
   * no longer fits falls off the page (issue #12).
   */
  footnotesBefore: number;
}

/**
 * Readies the rendered report for paged media and cuts it into chunks that Paged.js can lay out
 * separately: the cover, the front matter before the first section, then runs of top-level
 * sections of about `chunkChars` characters. Every chunk starts on a new page anyway (sections
 * break before), so laying them out apart gives the same pages as laying out the whole.
 */
export function prepareDocument(chunkChars: number): PreparedDocument {
  // Characters of a section heading shown as the running head (with the title at 60, one line).
  const RUNNING_SECTION_MAX = 45;
  // Web-only parts: permalinks and the view switcher.
  document.querySelectorAll('.permalink, .view-switcher, .skip-link').forEach((element) => element.remove());

  // GFM footnotes become Paged.js `float: footnote` spans at their first call.
  const seen = new Set<string>();
  for (const ref of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-footnote-ref]'))) {
    const id = decodeURIComponent((ref.getAttribute('href') ?? '').replace(/^#/, ''));
    const definition = document.getElementById(id);
    const call = ref.closest('sup') ?? ref;
    if (!definition) continue;
    if (seen.has(id)) {
      const repeat = document.createElement('sup');
      repeat.className = 'footnote-repeat';
      repeat.textContent = ref.textContent;
      call.replaceWith(repeat);
      continue;
    }
    seen.add(id);
    definition.querySelectorAll('a[data-footnote-backref]').forEach((a) => a.remove());
    const note = document.createElement('span');
    note.className = 'footnote';
    note.id = id;
    // Paged.js gives the note an id of its own ("note-<ref>"); this one stays for mergePages.
    note.dataset.noteId = id;
    Array.from(definition.childNodes).forEach((child, index) => {
      if (child.nodeType === Node.ELEMENT_NODE && (child as Element).tagName === 'P') {
        if (index > 0 && note.childNodes.length) note.append(' ');
        note.append(...Array.from(child.childNodes));
      } else if (child.nodeType === Node.ELEMENT_NODE && (child as Element).classList.contains('bilingual-pair')) {
        // A bilingual edition's note pairs the source's text with the translation's as two
        // blocks side by side. A block inside a float: footnote is left in the body by Paged.js,
        // so each language's text becomes a span of its own (keeping its lang and class), one
        // above the other: both stay in the footnote area.
        for (const side of Array.from((child as Element).children)) {
          if (!(side.textContent ?? '').trim()) continue;
          const span = document.createElement('span');
          span.className = side.className;
          const lang = side.getAttribute('lang');
          if (lang) span.lang = lang;
          span.append(...Array.from(side.tagName === 'P' ? side.childNodes : [side]));
          if (note.childNodes.length) note.append(' ', document.createElement('br'));
          note.append(span);
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        note.append(child);
      } else if ((child.textContent ?? '').trim()) {
        note.append(child);
      }
    });
    // Trailing spaces left by the removed back-link.
    if (note.lastChild?.nodeType === Node.TEXT_NODE) note.lastChild.textContent = (note.lastChild.textContent ?? '').trimEnd();
    call.replaceWith(note);
  }
  document.querySelectorAll('section[data-footnotes]').forEach((section) => section.remove());

  // URLs printed as text may break after "/" and "." (a <wbr> after each), so a long one wraps
  // inside a note or a table cell instead of running past the margin.
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
    for (const text of texts) {
      const value = text.data;
      if (!value.includes('/') || value.length < 30) continue;
      const parts: Array<string | HTMLElement> = [];
      let from = 0;
      for (let index = 0; index < value.length; index++) {
        const character = value[index];
        if ((character === '/' || character === '.' || character === '-' || character === '_' || character === '?' || character === '&') && index + 1 < value.length) {
          parts.push(value.slice(from, index + 1), document.createElement('wbr'));
          from = index + 1;
        }
      }
      parts.push(value.slice(from));
      text.replaceWith(...parts);
    }
  }

  // Each section's running head: its heading's text, cut at a word with an ellipsis when long,
  // in an element Paged.js moves to the page head (position: running(section) in paged.css).
  const shorten = (text: string, max: number) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean.length <= max) return clean;
    const cut = clean.slice(0, max);
    const space = cut.lastIndexOf(' ');
    return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
  };
  for (const heading of Array.from(document.querySelectorAll<HTMLElement>('.report-body > h2'))) {
    const running = document.createElement('span');
    running.className = 'running-section';
    running.setAttribute('aria-hidden', 'true');
    running.textContent = shorten(heading.textContent ?? '', RUNNING_SECTION_MAX);
    heading.prepend(running);
  }

  // Room for the page number in every contents entry, filled in once the pages are known; the
  // entry's words on a white ground (the leader is drawn behind them, see paged.css).
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]'))) {
    const label = document.createElement('span');
    label.className = 'toc-label';
    for (const child of Array.from(link.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim()) {
        const wrapper = document.createElement('span');
        wrapper.className = 'toc-text';
        wrapper.append(child);
        label.append(wrapper);
      } else {
        label.append(child);
      }
    }
    link.append(label);
    const leader = document.createElement('span');
    leader.className = 'toc-leader';
    leader.setAttribute('aria-hidden', 'true');
    const number = document.createElement('span');
    number.className = 'toc-page';
    number.textContent = '000';
    link.append(leader, number);
  }

  // The table of authorities gives, in the PDF, the pages of the notes that cite each authority
  // ("— Recommendation 2.1; nn 4, 7 — pp. 12, 15"), filled in once the pages are known like the
  // contents' numbers; a room of "000" per note, so the numbers never make the line longer.
  for (const cited of Array.from(document.querySelectorAll<HTMLElement>('.authority-cited'))) {
    // The notes that cite the authority, and its citations in the running text (in-text styles).
    const targets = [
      ...Array.from(cited.querySelectorAll<HTMLAnchorElement>('a.authority-note[href^="#"]')).map((link) => ({ note: decodeURIComponent(link.hash.slice(1)) })),
      ...(cited.dataset.citedInText ?? '').split(' ').filter(Boolean).map((id) => ({ cite: id })),
    ];
    if (targets.length === 0) continue;
    const pages = document.createElement('span');
    pages.className = 'authority-pages';
    // The label in the report's language ("pp. {numbers}", "{numbers} 頁"), set by the render
    // step; mergePages sets it again once it knows how many pages there are.
    pages.dataset.one = cited.dataset.pageOne ?? 'p. {numbers}';
    pages.dataset.many = cited.dataset.pageMany ?? 'pp. {numbers}';
    const [before, after] = (targets.length > 1 ? pages.dataset.many : pages.dataset.one).split('{numbers}');
    const label = document.createElement('span');
    label.className = 'authority-pages-label';
    label.textContent = before;
    const labelAfter = document.createElement('span');
    labelAfter.className = 'authority-pages-after';
    labelAfter.textContent = after ?? '';
    pages.append(' — ', label);
    targets.forEach((target, index) => {
      const slot = document.createElement('span');
      slot.className = 'authority-page';
      if ('note' in target) slot.dataset.note = target.note;
      else slot.dataset.cite = target.cite;
      slot.textContent = '000';
      if (index) pages.append(', ');
      pages.append(slot);
    });
    pages.append(labelAfter);
    cited.after(pages);
  }

  const chunks: Chunk[] = [];
  let footnotes = 0;
  const addChunk = (parts: Element[], html: string) => {
    chunks.push({ html, footnotesBefore: footnotes });
    for (const part of parts) footnotes += part.querySelectorAll('.footnote').length + (part.matches('.footnote') ? 1 : 0);
  };
  const cover = document.querySelector('header.title-block');
  if (cover) addChunk([cover], cover.outerHTML);
  const main = document.querySelector('main');
  const footer = document.querySelector('footer.report-footer');
  if (main) {
    const groups: Element[][] = [];
    let current: Element[] = [];
    let size = 0;
    let inSections = false;
    for (const child of Array.from(main.children)) {
      const startsSection = child.tagName === 'H2';
      if (startsSection && current.length && (!inSections || size >= chunkChars)) {
        groups.push(current);
        current = [];
        size = 0;
      }
      if (startsSection) inSections = true;
      current.push(child);
      size += (child.textContent ?? '').length;
    }
    if (current.length) groups.push(current);
    groups.forEach((group, index) => {
      const attributes = index === 0 ? ' id="main"' : '';
      addChunk(group, `<main class="${main.className}"${attributes}>${group.map((element) => element.outerHTML).join('')}</main>`);
    });
  }
  if (footer) {
    if (chunks.length) chunks[chunks.length - 1].html += footer.outerHTML;
    else addChunk([footer], footer.outerHTML);
  }
  // The template's sheet, through the CSSOM (safe: it has no paged-media properties), minus what
  // only a screen needs: the embedded fonts (the PDF serves the same files) and the rules of the
  // interactive parts (hover, focus, the view switcher) and of screen widths.
  const screenOnly = /:checked|:hover|:focus|:target|\.view-switcher|\.permalink|\.skip-link/;
  const styles = Array.from(document.querySelectorAll('style'))
    .filter((style) => style.id !== 'rapporteur-hold')
    .map((style) => {
      if (style.id === 'rapporteur-paged' || !style.sheet) return style.textContent ?? '';
      return Array.from(style.sheet.cssRules)
        .filter((rule) => !(rule instanceof CSSFontFaceRule && rule.style.getPropertyValue('src').includes('data:font/')))
        .filter((rule) => !(rule instanceof CSSStyleRule && screenOnly.test(rule.selectorText)))
        // Layouts for a screen's width (the side column of contents) have no place on a page.
        .filter((rule) => !(rule instanceof CSSMediaRule && /width|hover|pointer/.test(rule.conditionText)))
        .map((rule) => rule.cssText)
        .join('\n');
    });
  return { styles, lang: document.documentElement.lang, bodyClass: document.body.className, chunks };
}

export interface LaidOut {
  pages: string;
  count: number;
  css: string[];
}

/**
 * Lays out one chunk with a fresh Paged.js previewer in this tab, which keeps the polyfill and
 * the loaded fonts from one chunk to the next; hands back the pages and the CSS Paged.js made.
 */
export async function layOut(input: { chunk: Chunk; styles: string[]; lang: string; bodyClass: string; variables: Record<string, string> }): Promise<LaidOut> {
  /**
   * A footnote too long for the room below its call is laid out as Word does: it begins under the
   * call's line and continues in the next page's notes (Paged.js splits a note that overflows the
   * notes area, marking the rest `data-split-from`). Paged.js's `footnote-policy: line` instead
   * moves the call's line to the next page whenever its note does not fit — right for a note that
   * then fits whole, but a note that cannot fit on any page, or whose call already moved once,
   * sent its call on (the heading kept with it) while Paged.js had already placed the note's first
   * part: the note was printed twice, once with no call on its page, and numbered twice (#12). So
   * its `moveFootnote` is wrapped: where Paged.js gave the note the room down to the top of the
   * call's line, the notes area is set to begin just below that line instead (as policy `auto`
   * does) when the note cannot fit whole on a page under its moved call, or its call has already
   * been moved; unless not even two of its lines fit there, when the call's line moves on as
   * before. Done from our side by replacing Paged.js's footnote handler with a subclass in its
   * registry (`Paged.registeredHandlers`), once per tab, before the previewer is made.
   */
  const installWordFootnotes = () => {
    type Handler = new (...args: never[]) => { moveFootnote(node: Node, pageArea: HTMLElement, needsNoteCall: boolean): void };
    const registry = (window as unknown as { Paged: { registeredHandlers: Handler[] } }).Paged.registeredHandlers;
    if (registry.some((handler) => (handler as unknown as { wordFootnotes?: boolean }).wordFootnotes)) return;
    const index = registry.findIndex((handler) => typeof handler.prototype.moveFootnote === 'function');
    if (index === -1) throw new Error('Paged.js has no footnote handler to extend (its version changed?)');
    const Base = registry[index];
    const px = (value: string) => Number.parseFloat(value) || 0;
    // The part of a page of continued notes kept for body text: room for a heading and a
    // paragraph's orphans (with less, Paged.js skips the text it cannot place: "Unable to layout").
    const BODY_KEPT = 0.4;
    /** The notes area's own margins, padding and borders (none in our templates; Paged.js counts them). */
    const frameOf = (pageArea: HTMLElement): number => {
      const frame = pageArea.querySelector('.pagedjs_footnote_content');
      if (!frame) return 0;
      const style = getComputedStyle(frame);
      return ['top', 'bottom'].reduce((sum, side) => sum + px(style.getPropertyValue(`margin-${side}`)) + px(style.getPropertyValue(`padding-${side}`)) + px(style.getPropertyValue(`border-${side}-width`)), 0);
    };
    /**
     * The bottom of the last body line that stays on the page when the page breaks after the line
     * of `call`: that line, or the paragraph's `orphans`-th line; the whole paragraph when fewer
     * than `widows` lines would be left for the next page.
     */
    const linesKept = (call: Element): number => {
      const block = call.closest('p, li, dd, dt, td, th, blockquote, figcaption, div') ?? call.parentElement ?? call;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      // Line boxes from the text's rectangles: a rectangle whose middle falls inside a line is on it.
      const lines: Array<{ top: number; bottom: number }> = [];
      const range = new Range();
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (!(text.textContent ?? '').trim()) continue;
        range.selectNodeContents(text);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.height === 0) continue;
          const middle = (rect.top + rect.bottom) / 2;
          const line = lines.find((candidate) => middle >= candidate.top && middle <= candidate.bottom);
          if (line) {
            line.top = Math.min(line.top, rect.top);
            line.bottom = Math.max(line.bottom, rect.bottom);
          } else {
            lines.push({ top: rect.top, bottom: rect.bottom });
          }
        }
      }
      lines.sort((a, b) => a.top - b.top);
      range.selectNode(call);
      const callBox = range.getBoundingClientRect();
      const callMiddle = (callBox.top + callBox.bottom) / 2;
      let callLine = lines.findIndex((line) => callMiddle <= line.bottom);
      if (callLine === -1) callLine = lines.length - 1;
      if (callLine === -1) return callBox.bottom;
      const style = getComputedStyle(block);
      const orphans = Number(style.orphans) || 2;
      const widows = Number(style.widows) || 2;
      let kept = Math.max(callLine + 1, Math.min(orphans, lines.length));
      if (lines.length - kept > 0 && lines.length - kept < widows) kept = lines.length - widows >= callLine + 1 ? lines.length - widows : lines.length;
      // Text rectangles are the glyphs' boxes; the line's box is lower by half the leading.
      const last = lines[kept - 1];
      const lineHeight = px(style.lineHeight);
      return last.bottom + Math.max(0, (lineHeight - (last.bottom - last.top)) / 2);
    };
    class WordFootnotes extends Base {
      static wordFootnotes = true;
      /** Notes whose call's line Paged.js has moved to a later page (by `data-ref`). */
      movedCalls = new Set<string>();

      override moveFootnote(node: Node, pageArea: HTMLElement, needsNoteCall: boolean): void {
        const inner = pageArea.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
        const heightBefore = inner?.style.height;
        const heightsBefore = { area: pageArea.style.getPropertyValue('--pagedjs-footnotes-height') };
        super.moveFootnote(node, pageArea, needsNoteCall);
        // Paged.js's branch for a note that does not fit below its call is the one that sets the
        // inner height; the call and the note are then in place.
        if (!(node instanceof HTMLElement) || !inner || node.parentElement !== inner) return;
        if (!needsNoteCall) {
          // The rest of a note continued from the page before: Paged.js gives the notes area its
          // whole height, taller than the page when the rest is longer than a page, so nothing
          // splits it again and the body below is pushed off (laid out again, the note twice).
          // The area gets at most three quarters of the page; what does not
          // fit is split off by Paged.js again and continues on the next page.
          const area = pageArea.getBoundingClientRect();
          const most = Math.floor(area.height * (1 - BODY_KEPT));
          if (px(pageArea.style.getPropertyValue('--pagedjs-footnotes-height')) > most) {
            pageArea.style.setProperty('--pagedjs-footnotes-height', `${most}px`);
            inner.style.height = `${most - frameOf(pageArea)}px`;
          }
          return;
        }
        if (inner.style.height === heightBefore || !inner.style.height.endsWith('px')) return;
        // Measured as the page was before Paged.js made room for this note (its own measures
        // are taken then too), and set again below either way.
        const paged = { area: pageArea.style.getPropertyValue('--pagedjs-footnotes-height'), inner: inner.style.height };
        pageArea.style.setProperty('--pagedjs-footnotes-height', heightsBefore.area);
        inner.style.height = heightBefore ?? '';
        const ref = node.dataset.ref ?? '';
        const call = pageArea.querySelector(`[data-footnote-call="${CSS.escape(ref)}"]`);
        const area = pageArea.querySelector<HTMLElement>('.pagedjs_footnote_area');
        const content = pageArea.querySelector<HTMLElement>('.pagedjs_page_content');
        const restore = () => {
          pageArea.style.setProperty('--pagedjs-footnotes-height', paged.area);
          inner.style.height = paged.inner;
        };
        if (!call || !area || !content) return restore();
        // The body keeps the call's line and, as the page's fragmentation will, the lines its
        // paragraph's orphans and widows settings ask for: the notes begin below the last of them.
        const keptBottom = Math.ceil(linesKept(call));
        const areaBottom = Math.floor(area.getBoundingClientRect().bottom);
        const innerTop = inner.getBoundingClientRect().top;
        const noteBox = node.getBoundingClientRect();
        // The rule above the notes (drawn inside the inner content) and the notes before this one.
        const separator = (inner.firstElementChild ?? node).getBoundingClientRect().top - innerTop;
        const above = noteBox.top - innerTop;
        const noteStyle = getComputedStyle(node);
        const noteLine = px(noteStyle.lineHeight) || px(noteStyle.fontSize) * 1.2;
        const bodyStyle = getComputedStyle(call.parentElement ?? content);
        const bodyLine = px(bodyStyle.lineHeight) || px(bodyStyle.fontSize) * 1.2;
        const roomHere = areaBottom - keptBottom - above;
        const roomOnAPage = areaBottom - content.getBoundingClientRect().top - bodyLine - separator;
        const moved = this.movedCalls.has(ref);
        // Moving the call's line on would leave this page's body less than half full.
        const contentTop = content.getBoundingClientRect().top;
        const pageHalfEmpty = keptBottom - contentTop < (areaBottom - contentTop) / 2;
        if ((moved || noteBox.height > roomOnAPage || pageHalfEmpty) && roomHere >= 2 * noteLine) {
          const height = areaBottom - keptBottom;
          pageArea.style.setProperty('--pagedjs-footnotes-height', `${height}px`);
          inner.style.height = `${height - frameOf(pageArea)}px`;
        } else {
          restore();
          this.movedCalls.add(ref);
        }
      }
    }
    registry[index] = WordFootnotes as unknown as Handler;
  };
  document.querySelectorAll('style, template').forEach((element) => element.remove());
  document.body.innerHTML = '';
  // Paged.js starts its footnote counters at this variable (its own sheet sets it to 0 on :root;
  // the inline style wins). The merged document counts from 0 and reaches the same numbers.
  document.documentElement.style.setProperty('--pagedjs-footnotes-count', String(input.chunk.footnotesBefore));
  // The report's own text (short title, status line) arrives as values, set through the CSSOM.
  for (const [name, value] of Object.entries(input.variables)) document.documentElement.style.setProperty(name, value);
  document.documentElement.lang = input.lang;
  document.body.className = input.bodyClass;
  installWordFootnotes();
  const template = document.createElement('template');
  template.innerHTML = input.chunk.html;
  type Previewer = { preview: (content: DocumentFragment, styles: Array<Record<string, string>>, renderTo: HTMLElement) => Promise<unknown> };
  const polyfill = (window as unknown as { PagedPolyfill: { constructor: new () => Previewer } }).PagedPolyfill;
  const previewer = new polyfill.constructor();
  await previewer.preview(template.content, input.styles.map((text) => ({ [location.href]: text })), document.body);
  const pages = document.querySelector('.pagedjs_pages');
  // A box that breaks right after its top (a variant whose label went on with its first lines)
  // leaves its empty first piece at the foot of the page: its top padding, with a stub of its
  // left border (#12). A piece with no text and nothing drawn in it is hidden; it is the last
  // thing on its page (all that follows it went on), so nothing else on the page moves.
  // (A footnote call whose note continues is marked split too, and prints its number from CSS
  // alone: anything showing generated content is kept.)
  const generates = (element: Element) => ['::before', '::after'].some((pseudo) => !['none', 'normal', ''].includes(getComputedStyle(element, pseudo).content));
  for (const piece of Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page_content [data-split-to]'))) {
    if ((piece.textContent ?? '').trim() || piece.querySelector('img, svg, video, canvas, table, hr, iframe, object, [data-footnote-call]')) continue;
    if (piece.matches('[data-footnote-call]') || [piece, ...Array.from(piece.querySelectorAll('*'))].some(generates)) continue;
    piece.style.setProperty('display', 'none');
  }
  // Paged.js writes running strings as unterminated CSS strings (`"Title`): fine while they live in
  // the style object, but once serialized each one would swallow the declarations after it.
  for (const page of Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page'))) {
    for (const property of Array.from(page.style)) {
      if (!property.startsWith('--pagedjs-string-')) continue;
      const value = page.style.getPropertyValue(property).trim();
      if (value.startsWith('"') && (value.length === 1 || !value.endsWith('"') || value.endsWith('\\"'))) page.style.setProperty(property, `${value}"`);
    }
  }
  const css: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) css.push(rule.cssText);
  }
  return { pages: pages?.innerHTML ?? '', count: pages?.children.length ?? 0, css };
}

export interface MergeResult {
  count: number;
  /**
   * For each page, in CSS pixels from its top left corner: the page area (inside the margins),
   * which printed text never reaches past left or right, and the page's size.
   */
  areas: Array<{ left: number; right: number; width: number; height: number; top: number; bottom: number }>;
  /** For each heading id (h1–h3), the page it stands on. */
  headingPages: Record<string, number>;
  /** Notes printed more than once (not continued: printed again), with their pages. */
  repeatedNotes: Array<{ id: string; pages: number[] }>;
}

/**
 * Puts the chunks' pages one after another in this page, under one `.pagedjs_pages`, so CSS
 * counters (page, footnote) run on across chunks; then writes the contents page numbers and
 * the watermark.
 */
export function mergePages(input: { pages: string[]; css: string[]; watermark: string; prune: boolean; variables: Record<string, string> }): MergeResult {
  document.querySelectorAll('style, link[rel="stylesheet"]').forEach((element) => element.remove());
  document.documentElement.removeAttribute('style');
  for (const [name, value] of Object.entries(input.variables)) document.documentElement.style.setProperty(name, value);
  const style = document.createElement('style');
  style.textContent = input.css.join('\n');
  document.head.append(style);
  document.body.innerHTML = '';
  const container = document.createElement('div');
  container.className = 'pagedjs_pages';
  container.innerHTML = input.pages.join('');
  // Margin boxes that never hold anything (corners and sides) only cost time when printing.
  if (input.prune) {
    container
      .querySelectorAll('[class$="-corner-holder"], .pagedjs_margin-left, .pagedjs_margin-right')
      .forEach((holder) => {
        if (!holder.querySelector('.hasContent')) holder.remove();
      });
  }
  const pages = Array.from(container.children) as HTMLElement[];
  container.style.setProperty('--pagedjs-page-count', String(pages.length));
  pages.forEach((page, index) => {
    // The footnote area as a group of its own: Chromium's tagged PDF writes it as the page's one
    // `Div`, by which the PDF check tells notes from body (src/pdf/verify.ts, NOTES_ROLE).
    page.querySelector('.pagedjs_footnote_area')?.setAttribute('role', 'group');
    page.id = `page-${index + 1}`;
    page.dataset.pageNumber = String(index + 1);
    page.classList.remove('pagedjs_first_page');
    if (input.watermark) {
      const mark = document.createElement('div');
      mark.className = 'rapporteur-watermark';
      mark.setAttribute('aria-hidden', 'true');
      mark.innerHTML = input.watermark;
      page.querySelector('.pagedjs_pagebox')?.append(mark);
    }
  });
  document.body.append(container);
  for (const link of Array.from(container.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]'))) {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const page = target?.closest<HTMLElement>('.pagedjs_page');
    const slot = link.querySelector('.toc-page');
    if (slot) slot.textContent = page?.dataset.pageNumber ?? '';
  }
  // Each authority's pages (of its notes, and of its citations in the running text), once each
  // and in order: the slots left over go, with their commas (the line only gets shorter).
  for (const pages of Array.from(container.querySelectorAll<HTMLElement>('.authority-pages'))) {
    const slots = Array.from(pages.querySelectorAll<HTMLElement>('.authority-page'));
    const pageOf = (slot: HTMLElement) => {
      const where = slot.dataset.note
        ? container.querySelector(`[data-note-id="${CSS.escape(slot.dataset.note)}"]`)
        : slot.dataset.cite
          ? container.querySelector(`#${CSS.escape(slot.dataset.cite)}`)
          : null;
      return Number(where?.closest<HTMLElement>('.pagedjs_page')?.dataset.pageNumber ?? 0);
    };
    const seen = new Set(slots.map(pageOf));
    const sorted = [...seen].sort((a, b) => a - b);
    slots.forEach((slot, index) => {
      if (index < sorted.length) {
        slot.textContent = sorted[index] ? String(sorted[index]) : '';
        return;
      }
      if (slot.previousSibling?.nodeType === Node.TEXT_NODE) slot.previousSibling.remove();
      slot.remove();
    });
    const [before, after] = ((seen.size > 1 ? pages.dataset.many : pages.dataset.one) ?? '').split('{numbers}');
    const label = pages.querySelector('.authority-pages-label');
    if (label) label.textContent = before;
    const labelAfter = pages.querySelector('.authority-pages-after');
    if (labelAfter) labelAfter.textContent = after ?? '';
  }
  const headingPages: Record<string, number> = {};
  for (const heading of Array.from(container.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id]'))) {
    const page = heading.closest<HTMLElement>('.pagedjs_page');
    if (page && !(heading.id in headingPages)) headingPages[heading.id] = Number(page.dataset.pageNumber);
  }
  const areas = pages.map((page) => {
    const box = page.getBoundingClientRect();
    const area = page.querySelector('.pagedjs_area')?.getBoundingClientRect() ?? box;
    return {
      left: area.left - box.left,
      right: area.right - box.left,
      width: box.width,
      height: box.height,
      top: area.top - box.top,
      bottom: area.bottom - box.top,
    };
  });
  // Notes printed twice. Paged.js keeps a note whose call it moves to a later page where it was
  // first laid out, and lays it out again under the moved call, numbered anew (a note longer than
  // the room left on its page did this). A note continued on the next page is one note in two
  // pieces, the second marked as split from the first; two pieces that are not a continuation are
  // the same note printed twice. (Inline: this function runs in the page, as one function.)
  const printed = new Map<string, number[]>();
  pages.forEach((page, index) => {
    for (const note of Array.from(page.querySelectorAll<HTMLElement>('.pagedjs_footnote_area [data-note-id]'))) {
      if (note.dataset.splitFrom) continue;
      const id = note.dataset.noteId!;
      printed.set(id, [...(printed.get(id) ?? []), index + 1]);
    }
  });
  const repeatedNotes = [...printed].filter(([, on]) => on.length > 1).map(([id, on]) => ({ id, pages: on }));
  return { count: pages.length, headingPages, areas, repeatedNotes };
}


/** One piece of the edition's text, in reading order, with the marks the PDF check needs. */
export type TextRun =
  | { text: string }
  /** The call of footnote `call` (0-based, in order of calls) stands here. */
  | { call: number }
  /** The heading with this id starts here. */
  | { heading: string }
  /** The contents entry that points at this heading id ends here (its page number follows it). */
  | { tocEnd: string }
  /** A citation in the running text (element id) starts here. */
  | { citation: string }
  /** A table of authorities' entry ends here; the pages of these notes and citations (element ids) follow it. */
  | { notePages: string[] };

export interface EditionText {
  runs: TextRun[];
  /** The text of each footnote, in order of calls. */
  footnotes: string[];
  /** The element id of each footnote, in order of calls (for the table of authorities' pages). */
  footnoteIds?: string[];
  /** Text the layout may legitimately print more than once (table heads repeated on each page). */
  repeatable?: string[];
}

/**
 * The text of the edition as the reader should find it, read from the prepared document (after
 * footnotes become `.footnote` spans, before any layout): the body in reading order with footnote
 * calls, heading starts and contents entries marked, and each footnote's text. What CSS hides is
 * left out; the contents' page numbers (not known yet) are left out and checked apart.
 */
export function editionText(): EditionText {
  const runs: TextRun[] = [];
  const footnotes: string[] = [];
  const footnoteIds: string[] = [];
  const skipped = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'NOSCRIPT', 'svg']);
  const walk = (node: Node, into: (text: string) => void): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        into(child.textContent ?? '');
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const element = child as HTMLElement;
      // Page numbers of the contents are checked apart; running heads are in the margins.
      if (skipped.has(element.tagName) || ['toc-page', 'toc-leader', 'running-section'].some((name) => element.classList.contains(name))) continue;
      if (getComputedStyle(element).display === 'none') continue;
      if (element.classList.contains('footnote')) {
        const parts: string[] = [];
        walk(element, (text) => parts.push(text));
        runs.push({ call: footnotes.length });
        footnotes.push(parts.join(''));
        footnoteIds.push(element.id);
        continue;
      }
      if (element.classList.contains('authority-pages')) {
        runs.push({ notePages: Array.from(element.querySelectorAll<HTMLElement>('.authority-page')).map((slot) => slot.dataset.note ?? slot.dataset.cite ?? '') });
        continue;
      }
      if (/^H[1-6]$/.test(element.tagName) && element.id) runs.push({ heading: element.id });
      // A citation in the running text, whose page the table of authorities gives.
      if (element.classList.contains('citation') && element.id) runs.push({ citation: element.id });
      walk(element, into);
      // A bilingual edition prints the contents twice, side by side; its translated column is checked.
      if (element.tagName === 'A' && element.closest('.toc') && !element.closest('.bilingual-source')) {
        const hash = element.getAttribute('href') ?? '';
        if (hash.startsWith('#')) runs.push({ tocEnd: decodeURIComponent(hash.slice(1)) });
      }
    }
  };
  walk(document.body, (text) => runs.push({ text }));
  const repeatable = Array.from(document.querySelectorAll('thead'), (head) => head.textContent ?? '').filter((text) => text.trim());
  return { runs, footnotes, footnoteIds, repeatable };
}
