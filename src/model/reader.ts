import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Where source files come from: the disk (working tree) or git at a revision. The loader reads
 * every file through one of these so that a redline can load a report exactly as it was.
 */
export interface SourceReader {
  /** Returns the bytes, or undefined when there is no such file. */
  read(absPath: string): Promise<Uint8Array | undefined>;
  /** Resolves symlinks so that containment checks see the real target (disk only). */
  realpath?(absPath: string): Promise<string>;
  /** A label for messages, e.g. "working tree" or "v0.2.0". */
  label: string;
}

export const diskReader: SourceReader = {
  label: 'working tree',
  async read(absPath) {
    try {
      const stat = await fs.stat(absPath);
      if (!stat.isFile()) return undefined;
      return await fs.readFile(absPath);
    } catch {
      return undefined;
    }
  },
  async realpath(absPath) {
    return fs.realpath(absPath);
  },
};

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Text of a source file, refusing what is not UTF-8 text. A BOM is dropped. */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  const sample = bytes.subarray(0, 8000);
  if (sample.includes(0)) return { ok: false, reason: 'is a binary file, not Markdown text' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'is not valid UTF-8 text; save it as UTF-8' };
  }
  if (text.trim() === '') return { ok: false, reason: 'is empty' };
  return { ok: true, text };
}

export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
