import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { editionDocx } from '../src/docx/document.js';
import type { Report } from '../src/model/types.js';

/**
 * Word files for the import tests, made by the real exporter (`build --format docx`, src/docx/):
 * one bookmark per recommendation, per part and per heading, each opening and closing inside a
 * paragraph, and the id map as a custom XML part. The helpers below then edit those files the way
 * Word and LibreOffice do when a reviewer comments or changes text.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The DOCX `build --format docx` writes for the full edition of a report. */
export async function exportDocx(report: Report): Promise<Uint8Array> {
  return editionDocx(report);
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
  // A headless soffice that is still starting sometimes takes the UNO client down with it: the
  // script dies by a signal, or exits without a word, within two seconds (seen twice in full
  // runs of the suite, 2026-11-30). That is LibreOffice's start, not the edits: tried once more,
  // with a fresh profile and port; any other failure, or a second crash, fails the test.
  for (let attempt = 1; ; attempt++) {
    const { status, signal, said } = await reviewOnce(input, output, actions);
    if (status === 0) return;
    const crashed = signal !== null || said.trim() === '';
    if (!crashed || attempt === 2) throw new Error(`LibreOffice review failed (exit ${status ?? signal}): ${said}`);
  }
}

async function reviewOnce(input: string, output: string, actions: ReviewAction[]): Promise<{ status: number | null; signal: NodeJS.Signals | null; said: string }> {
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
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => python.once('close', (code, sig) => resolve([code, sig])));
    return { status, signal, said };
  } finally {
    // An office that already ended (it crashed) gives no second 'exit' to wait for.
    if (office.exitCode === null && office.signalCode === null) {
      const exited = new Promise((resolve) => office.once('exit', resolve));
      office.kill('SIGTERM');
      await exited;
    }
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
