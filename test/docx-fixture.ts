import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { plainText } from '../src/model/text.js';
import type { Report } from '../src/model/types.js';
import { anchorKeyString, bookmarkName, DOCX_ID_MAP_NAMESPACE, DOCX_ID_MAP_PART, type DocxAnchorKey } from '../src/docx/ids.js';

/**
 * A stand-in for `build --format docx` (issue #13, written in parallel) shaped like what the
 * exporter will write: Word XML with one bookmark per recommendation, per part (title,
 * principle, variant, example, rationale, footnote) and per heading, each opening and closing
 * inside a paragraph, plus the id map as a custom XML part. When the real writer lands, the
 * coordinator swaps `exportDocx` for it; the tests only rely on the shape.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Ctx {
  report: Report;
  bookmarkId: number;
  anchors: Array<{ key: DocxAnchorKey; text: string }>;
  footnotes: string[];
  footnoteIds: Map<string, number>;
  /** The recommendation whose footnotes are being written, for the footnote bookmark's key. */
  scope: { scope: DocxAnchorKey['scope']; id: string };
}

function run(text: string, props = ''): string {
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function runs(nodes: Nodes[], ctx: Ctx, props = ''): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += run(node.value.replace(/[ \t\r\n]+/g, ' '), props);
        break;
      case 'emphasis':
        out += runs(node.children as Nodes[], ctx, `${props}<w:i/>`);
        break;
      case 'strong':
        out += runs(node.children as Nodes[], ctx, `${props}<w:b/>`);
        break;
      case 'break':
        out += run(' ', props);
        break;
      case 'footnoteReference': {
        const id = footnoteFor(node.identifier, ctx);
        out += `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
        break;
      }
      case 'textDirective':
        if (node.name === 'comment') break;
        out += runs(node.children as Nodes[], ctx, props);
        break;
      default:
        if ('children' in node) out += runs(node.children as Nodes[], ctx, props);
    }
  }
  return out;
}

function footnoteFor(identifier: string, ctx: Ctx): number {
  const known = ctx.footnoteIds.get(identifier);
  if (known) return known;
  const id = ctx.footnoteIds.size + 1;
  ctx.footnoteIds.set(identifier, id);
  const note = ctx.report.footnotes.find((f) => f.identifier === identifier);
  const key: DocxAnchorKey = { ...ctx.scope, part: { kind: 'footnote', label: note?.label ?? identifier } };
  const text = note ? plainText(note.node.children as Nodes[]) : '';
  const body = note ? (note.node.children as Nodes[]).map((p) => ('children' in p ? runs(p.children as Nodes[], ctx) : '')).join('') : '';
  const b = ctx.bookmarkId++;
  ctx.anchors.push({ key, text });
  ctx.footnotes.push(
    `<w:footnote w:id="${id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>${run(' ')}<w:bookmarkStart w:id="${b}" w:name="${bookmarkName(key)}"/>${body}<w:bookmarkEnd w:id="${b}"/></w:p></w:footnote>`,
  );
  return id;
}

/** Paragraphs of a list of block nodes, the first opening and the last closing the given bookmarks. */
function paragraphs(blocks: Nodes[], ctx: Ctx, keys: DocxAnchorKey[], style: string, label = ''): string {
  const texts = blocks.map((b) => ('children' in b && b.type === 'paragraph' ? runs(b.children as PhrasingContent[], ctx) : run(plainText(b))));
  if (texts.length === 0) texts.push('');
  const ids = keys.map(() => ctx.bookmarkId++);
  for (const key of keys) ctx.anchors.push({ key, text: plainText(blocks) });
  return texts
    .map((body, i) => {
      const open = i === 0 ? keys.map((k, j) => `<w:bookmarkStart w:id="${ids[j]}" w:name="${bookmarkName(k)}"/>`).join('') : '';
      const close = i === texts.length - 1 ? ids.map((id) => `<w:bookmarkEnd w:id="${id}"/>`).reverse().join('') : '';
      return `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${i === 0 && label ? run(label, '<w:b/>') : ''}${open}${body}${close}</w:p>`;
    })
    .join('');
}

function partBody(node: ContainerDirective): Nodes[] {
  return (node.children as Nodes[]).filter((c) => !(c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) && !(c.type === 'containerDirective' && c.name === 'comment'));
}

/** The DOCX the exporter would write for the full edition of a report. */
export function exportDocx(report: Report, options: { title?: string; slug?: string } = {}): Uint8Array {
  const ctx: Ctx = { report, bookmarkId: 1, anchors: [], footnotes: [], footnoteIds: new Map(), scope: { scope: 'section', id: '' } };
  const body: string[] = [`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run(options.title ?? report.meta.title)}</w:p>`];
  for (const node of report.tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const heading = report.headings.find((h) => h.node === node);
      if (!heading) continue;
      ctx.scope = { scope: 'section', id: heading.slug };
      body.push(paragraphs([node], ctx, [{ scope: 'section', id: heading.slug }], `Heading${node.depth}`));
    } else if (node.type === 'containerDirective' && node.name === 'recommendation') {
      const rec = report.recommendations.find((r) => r.node === node);
      if (!rec) continue;
      ctx.scope = { scope: 'recommendation', id: rec.id };
      const b = ctx.bookmarkId++;
      ctx.anchors.push({ key: { scope: 'recommendation', id: rec.id }, text: rec.title });
      const titleKey: DocxAnchorKey = { scope: 'recommendation', id: rec.id, part: { kind: 'title' } };
      const tb = ctx.bookmarkId++;
      ctx.anchors.push({ key: titleKey, text: rec.title });
      const parts: string[] = [
        `<w:p><w:pPr><w:pStyle w:val="RecommendationTitle"/></w:pPr><w:bookmarkStart w:id="${b}" w:name="${bookmarkName({ scope: 'recommendation', id: rec.id })}"/>${run(`Recommendation ${rec.number} `)}<w:bookmarkStart w:id="${tb}" w:name="${bookmarkName(titleKey)}"/>${run(rec.title)}<w:bookmarkEnd w:id="${tb}"/></w:p>`,
      ];
      const principle = rec.principleNodes.filter((n) => !(n.type === 'paragraph' && (n.data as { directiveLabel?: boolean } | undefined)?.directiveLabel));
      if (principle.length) parts.push(paragraphs(principle, ctx, [{ scope: 'recommendation', id: rec.id, part: { kind: 'principle' } }], 'Principle'));
      for (const variant of rec.variants) {
        parts.push(paragraphs(partBody(variant.node).filter((n) => !(n.type === 'containerDirective')), ctx, [{ scope: 'recommendation', id: rec.id, part: { kind: 'variant', system: variant.system } }], 'Variant', `${variant.system}: `));
      }
      for (const example of rec.examples) {
        parts.push(paragraphs(partBody(example.node), ctx, [{ scope: 'recommendation', id: rec.id, part: { kind: 'example', jurisdiction: example.jurisdiction } }], 'Example', `Example (${example.jurisdiction}): `));
      }
      for (const rationale of rec.rationale) {
        parts.push(paragraphs(partBody(rationale.node), ctx, [{ scope: 'recommendation', id: rec.id, part: { kind: 'rationale' } }], 'Rationale', 'Rationale: '));
      }
      // The recommendation's own bookmark closes at the end of its last paragraph.
      const last = parts.length - 1;
      parts[last] = parts[last].replace(/<\/w:p>$/, `<w:bookmarkEnd w:id="${b}"/></w:p>`);
      body.push(...parts);
    } else if (node.type === 'paragraph') {
      body.push(`<w:p>${runs(node.children as PhrasingContent[], ctx)}</w:p>`);
    } else if (node.type === 'footnoteDefinition' || node.type === 'yaml' || node.type === 'definition') {
      continue;
    } else {
      const text = plainText(node as Nodes);
      if (text) body.push(`<w:p>${run(text)}</w:p>`);
    }
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const footnotes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="${W}" xmlns:r="${R}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${ctx.footnotes.join('')}</w:footnotes>`;
  const map = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<rapporteur xmlns="${DOCX_ID_MAP_NAMESPACE}" report="${esc(options.slug ?? report.slug)}" title="${esc(options.title ?? report.meta.title)}" version="${esc(String(report.meta.version ?? ''))}" edition="full">${ctx.anchors
    .map((a) => `<anchor bookmark="${bookmarkName(a.key)}" key="${esc(anchorKeyString(a.key))}"><text>${esc(a.text)}</text></anchor>`)
    .join('')}</rapporteur>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${['Title', 'Heading1', 'Heading2', 'Heading3', 'RecommendationTitle', 'Principle', 'Variant', 'Example', 'Rationale', 'FootnoteText']
    .map((s) => `<w:style w:type="paragraph" w:styleId="${s}"><w:name w:val="${s.replace(/(\d)/, ' $1')}"/><w:basedOn w:val="Normal"/></w:style>`)
    .join('')}<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../${DOCX_ID_MAP_PART}"/></Relationships>`),
    'word/document.xml': strToU8(document),
    'word/styles.xml': strToU8(styles),
    'word/footnotes.xml': strToU8(footnotes),
    [DOCX_ID_MAP_PART]: strToU8(map),
    'customXml/itemProps1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<ds:datastoreItem ds:itemID="{6C2A4E1B-3F5D-4B7A-9C1E-2D8F0A4B6C3E}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${DOCX_ID_MAP_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`),
    'customXml/_rels/item1.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>`),
  };
  return zipSync(files);
}

/** A small report with every part a remark can land on, a footnote and Japanese text. */
export const SAMPLE_REPORT = `---
title: Access to Evidence in Trade Secret Cases
dialogue: Trade Secrets Best Practices Dialogue
version: 0.3.0
status: draft
date: 2026-11-21
rapporteurs: [{name: Ada Rapporteur, affiliation: Example University}]
systems: [civil-law, common-law]
confidentiality: working-group
---

# Preserving evidence

Evidence of misappropriation is often held by the defendant and can disappear quickly.

::::recommendation{#evidence-preservation title="Preserve evidence before it disappears"}
Courts should be able to order, at short notice, that evidence of misappropriation is preserved.[^notice]

:::variant{system=civil-law}
The court should be able to order a bailiff to describe or seize the evidence.
:::

:::variant{system=common-law}
The court should be able to grant a search order, supervised by an independent solicitor.
:::

:::example{jurisdiction=FR}
The *saisie* procedure lets a bailiff describe and seize evidence before the action starts.
:::

:::example{jurisdiction=JP}
日本の裁判所は証拠保全の申立てにより、訴え提起前に証拠を調べることができる。
:::

:::rationale
Without preservation, the owner of the secret cannot prove what was taken.
:::
::::

# Confidentiality in court

::::recommendation{#confidentiality-clubs title="Keep secrets secret in court"}
Courts should be able to restrict access to evidence that discloses a trade secret to a small circle of named persons.

:::variant{system=civil-law}
The judge should be able to read the evidence alone and disclose a summary to the parties.
:::

:::variant{system=common-law}
The court should be able to set up a confidentiality club of lawyers and experts.
:::

:::example{jurisdiction=GB}
English courts routinely order confidentiality clubs in patent and trade secret cases.
:::
::::

[^notice]: Short notice means hours, not weeks, in most of the cases studied.
`;

export interface ReviewAction {
  author: string;
  date?: string;
  replace?: string;
  with?: string;
  delete?: string;
  insert?: string;
  after?: string;
  comment?: string;
  on?: string;
}

/**
 * Has LibreOffice (headless, a fresh profile, its own port) make a reviewer's edits to a DOCX
 * with change recording on, then stops it. The edits go through UNO as a user's would.
 */
export async function reviewWithLibreOffice(input: string, output: string, actions: ReviewAction[]): Promise<void> {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const net = await import('node:net');
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
    server.on('error', reject);
  });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  const office = spawn('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--invisible', '--nologo', '--norestore', `--accept=socket,host=127.0.0.1,port=${port};urp;`], { stdio: 'ignore' });
  try {
    const actionsFile = path.join(profile, 'actions.json');
    writeFileSync(actionsFile, JSON.stringify(actions));
    const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'docx', 'lo-review.py');
    // Asynchronously: a test worker blocked for the seconds LibreOffice takes misses vitest's heartbeats.
    const python = spawn('/usr/bin/python3', [script, String(port), input, output, actionsFile], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 });
    let said = '';
    python.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    python.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => python.once('close', resolve));
    if (status !== 0) throw new Error(`LibreOffice review failed: ${said}`);
  } finally {
    office.kill('SIGTERM');
    await new Promise((resolve) => office.once('exit', resolve));
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Reads a DOCX's XML parts as text, lets a test edit them, and zips the result again. */
export function editPackage(docx: Uint8Array, edit: (parts: Map<string, string>) => void): Uint8Array {
  const files = unzipSync(docx);
  const parts = new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
  edit(parts);
  return zipSync(Object.fromEntries([...parts].map(([name, text]) => [name, strToU8(text)])));
}

/**
 * Splits the run holding `words` (in the part's XML) into before/words/after runs and hands
 * the middle run to `wrap`, the way Word cuts runs where a comment range or a change begins.
 */
export function aroundWords(xml: string, words: string, wrap: (run: string) => string): string {
  const at = xml.indexOf(esc(words));
  if (at < 0) throw new Error(`fixture: "${words}" is not in the XML`);
  const runStart = xml.lastIndexOf('<w:r>', at);
  const textStart = xml.indexOf('>', xml.indexOf('<w:t', runStart)) + 1;
  const textEnd = xml.indexOf('</w:t>', at);
  const runEnd = xml.indexOf('</w:r>', textEnd) + '</w:r>'.length;
  const props = /^<w:r>(<w:rPr>.*?<\/w:rPr>)?/.exec(xml.slice(runStart, textStart))?.[1] ?? '';
  const text = xml.slice(textStart, textEnd);
  const local = text.indexOf(esc(words));
  const piece = (t: string) => (t ? `<w:r>${props}<w:t xml:space="preserve">${t}</w:t></w:r>` : '');
  return xml.slice(0, runStart) + piece(text.slice(0, local)) + wrap(piece(esc(words))) + piece(text.slice(local + esc(words).length)) + xml.slice(runEnd);
}

/** A run turned into deleted text, as Word writes it inside w:del or w:moveFrom. */
export function asDeleted(run: string): string {
  return run.replace(/<w:t xml:space="preserve">/g, '<w:delText xml:space="preserve">').replace(/<\/w:t>/g, '</w:delText>');
}

export interface WordComment {
  id: number;
  author: string;
  initials?: string;
  date: string;
  text: string;
  /** w14:paraId of the comment's paragraph (8 hex digits), how Word threads replies. */
  paraId: string;
  parentParaId?: string;
  done?: boolean;
  durableId?: string;
}

/** comments.xml, commentsExtended.xml, commentsIds.xml and people.xml as Word 2016+ writes them. */
export function addWordComments(parts: Map<string, string>, comments: WordComment[]): void {
  const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
  const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
  const W16CID = 'http://schemas.microsoft.com/office/word/2016/wordml/cid';
  parts.set(
    'word/comments.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="${W}" xmlns:w14="${W14}">${comments
      .map((c) => `<w:comment w:id="${c.id}" w:author="${esc(c.author)}" w:date="${c.date}" w:initials="${esc(c.initials ?? c.author.split(' ').map((p) => p[0]).join(''))}"><w:p w14:paraId="${c.paraId}" w14:textId="77777777"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">${esc(c.text)}</w:t></w:r></w:p></w:comment>`)
      .join('')}</w:comments>`,
  );
  parts.set(
    'word/commentsExtended.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:commentsEx xmlns:w15="${W15}">${comments.map((c) => `<w15:commentEx w15:paraId="${c.paraId}"${c.parentParaId ? ` w15:paraIdParent="${c.parentParaId}"` : ''} w15:done="${c.done ? 1 : 0}"/>`).join('')}</w15:commentsEx>`,
  );
  parts.set(
    'word/commentsIds.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w16cid:commentsIds xmlns:w16cid="${W16CID}">${comments.map((c) => `<w16cid:commentId w16cid:paraId="${c.paraId}" w16cid:durableId="${c.durableId ?? c.paraId.replace(/^./, '5')}"/>`).join('')}</w16cid:commentsIds>`,
  );
  const people = [...new Set(comments.map((c) => c.author))];
  parts.set(
    'word/people.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="${W15}">${people.map((p) => `<w15:person w15:author="${esc(p)}"><w15:presenceInfo w15:providerId="None" w15:userId="${esc(p)}"/></w15:person>`).join('')}</w15:people>`,
  );
  const rels = parts.get('word/_rels/document.xml.rels') as string;
  parts.set(
    'word/_rels/document.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rIdC2" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/><Relationship Id="rIdC3" Type="http://schemas.microsoft.com/office/2016/09/relationships/commentsIds" Target="commentsIds.xml"/><Relationship Id="rIdC4" Type="http://schemas.microsoft.com/office/2011/relationships/people" Target="people.xml"/></Relationships>`,
    ),
  );
  const types = parts.get('[Content_Types].xml') as string;
  parts.set(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/><Override PartName="/word/commentsIds.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"/><Override PartName="/word/people.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/></Types>`,
    ),
  );
}
