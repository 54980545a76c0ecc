import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * Reading DOCX files in tests the way third parties do: the zip parts as XML, the body's text with
 * all revisions accepted or rejected (applied here to the XML, as Word would), and what LibreOffice,
 * pandoc and python-docx make of the file. Every reader is the real program; a missing one fails.
 */

export function docxParts(file: string): Record<string, string> {
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) if (name.endsWith('.xml') || name.endsWith('.rels')) out[name] = strFromU8(data);
  return out;
}

export type RevisionView = 'accept' | 'reject';

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Array<Node | string>;
}

export function parseXml(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#root', attributes: {}, children: [] };
  const stack: Node[] = [root];
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => stack[stack.length - 1].children.push(text));
  parser.write(xml).close();
  return root;
}

export function findAll(node: Node, name: string, out: Node[] = []): Node[] {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) out.push(child);
    findAll(child, name, out);
  }
  return out;
}

/**
 * The body's paragraphs as text, per section, with every tracked change accepted or rejected:
 * accepting drops w:del and w:moveFrom and keeps w:ins and w:moveTo; rejecting does the opposite
 * (deleted text, in w:delText, comes back). Field codes are not text.
 */
export function sectionsText(documentXml: string, view?: RevisionView): string[][] {
  const body = findAll(parseXml(documentXml), 'w:body')[0];
  const dropped = view === 'accept' ? new Set(['w:del', 'w:moveFrom']) : view === 'reject' ? new Set(['w:ins', 'w:moveTo']) : new Set<string>();
  const sections: string[][] = [[]];
  const textOf = (node: Node, parts: string[]): void => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (dropped.has(child.name)) continue;
      if (child.name === 'w:pPr' || child.name === 'w:instrText') continue;
      if (child.name === 'w:t' || (child.name === 'w:delText' && view !== 'accept')) parts.push(child.children.filter((c) => typeof c === 'string').join(''));
      else if (child.name === 'w:tab' || child.name === 'w:br') parts.push(' ');
      else textOf(child, parts);
    }
  };
  for (const paragraph of findAll(body, 'w:p')) {
    const parts: string[] = [];
    textOf(paragraph, parts);
    sections[sections.length - 1].push(parts.join(''));
    const properties = paragraph.children.find((c): c is Node => typeof c !== 'string' && c.name === 'w:pPr');
    if (properties && findAll(properties, 'w:sectPr').length) sections.push([]);
  }
  return sections;
}

export function words(paragraphs: string[]): string[] {
  return paragraphs.join(' ').split(/\s+/).filter(Boolean);
}

const execFileAsync = promisify(execFile);

/**
 * The real binary without blocking the test worker; the same as helpers.ts runCliAsync (kept here
 * for the tests that import it from this file). Behaviour tests run in-process (runCliInProcess).
 */
export { runCliAsync } from './helpers.js';

/** Runs a program without blocking the test worker (LibreOffice takes seconds; vitest's worker must keep answering). */
async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    return stdout;
  } catch (error) {
    const failure = error as Error & { stderr?: string; code?: number | string };
    throw new Error(`${command} ${args.join(' ')} failed (${failure.code}): ${failure.stderr ?? failure.message}`);
  }
}

/** LibreOffice's PDF of a DOCX (a fresh profile per call, so parallel runs never collide): its page count and text. */
export async function libreOfficePdf(docx: string): Promise<{ pdf: string; pages: number; text: string }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-lo-'));
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-lo-profile-'));
  try {
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx]);
    const pdf = path.join(out, `${path.basename(docx, '.docx')}.pdf`);
    const pages = Number(/Pages:\s+(\d+)/.exec(await run('pdfinfo', [pdf]))?.[1] ?? 0);
    const text = await run('pdftotext', ['-layout', pdf, '-']);
    return { pdf, pages, text };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The file as LibreOffice saves it again (open + save as DOCX), as a reviewer using LibreOffice would send it back. */
export async function libreOfficeResave(docx: string): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-lo-'));
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rapporteur-lo-profile-'));
  try {
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, docx]);
    return path.join(out, path.basename(docx));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** pandoc's reading of a DOCX as its JSON AST (with `--track-changes`). */
export async function pandocJson(docx: string, trackChanges: 'accept' | 'reject' | 'all' = 'accept'): Promise<any> {
  return JSON.parse(await run('pandoc', ['-f', 'docx', '-t', 'json', `--track-changes=${trackChanges}`, docx]));
}

/** pandoc's reading as plain text. */
export async function pandocText(docx: string, trackChanges: 'accept' | 'reject' | 'all' = 'accept'): Promise<string> {
  return run('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', `--track-changes=${trackChanges}`, docx]);
}

const PYTHON_DOCX = `
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
body = d.element.body
print(json.dumps({
  "paragraphs": [{"text": p.text, "style": p.style.name} for p in d.paragraphs],
  "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
  "bookmarks": [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))],
  "bookmarkEnds": len(list(body.iter(qn("w:bookmarkEnd")))),
  "headings": [p.text for p in d.paragraphs if p.style.name.startswith("Heading")],
  "core": {"title": d.core_properties.title, "author": d.core_properties.author, "subject": d.core_properties.subject, "keywords": d.core_properties.keywords},
  "inline_shapes": len(d.inline_shapes),
  "header": [p.text for p in d.sections[-1].header.paragraphs],
  "footer": [p.text for p in d.sections[-1].footer.paragraphs],
}))
`;

/** python-docx (Debian's, /usr/bin/python3) opening the file: paragraphs with styles, tables, bookmarks, properties. */
export async function pythonDocx(docx: string): Promise<any> {
  return JSON.parse(await run('/usr/bin/python3', ['-c', PYTHON_DOCX, docx]));
}
