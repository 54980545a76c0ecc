import path from 'node:path';
import { isInside, toPosix } from './reader.js';

/**
 * Where a URL written in a source file points, decided once by the loader so that lint (does it
 * exist?) and build (embed it) read the same answer. `/x` is relative to the workspace root;
 * anything else without a scheme is relative to the file that names it.
 */
export type ResolvedResource =
  /** `data:` — already inside the document. */
  | { kind: 'embedded' }
  /** `https://…`, `//host/…`: never fetched by a build. */
  | { kind: 'remote' }
  /** `#fragment`, `mailto:`, `tel:`, other schemes: not a file. */
  | { kind: 'other' }
  | {
      kind: 'file';
      /** Absolute path. */
      path: string;
      /** Workspace-relative path, for messages. */
      shown: string;
      /** False when the path leaves the workspace (`../../etc/passwd`, `/etc/passwd` is read as workspace-relative). */
      inside: boolean;
    };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

declare module 'mdast' {
  interface Image {
    /** Where the image is, resolved by the loader against the file that names it (`file`, workspace-relative). */
    resource?: { file: string; target: ResolvedResource };
  }
}

export function resolveResource(root: string, file: string, url: string): ResolvedResource {
  const trimmed = url.trim();
  if (/^data:/i.test(trimmed)) return { kind: 'embedded' };
  if (trimmed.startsWith('//') || /^(https?|ftp|wss?):/i.test(trimmed)) return { kind: 'remote' };
  if (/^(mailto|tel):/i.test(trimmed) || !trimmed || trimmed.startsWith('#')) return { kind: 'other' };
  if (SCHEME.test(trimmed)) return { kind: 'remote' };
  let relative = trimmed.replace(/[?#].*$/, '');
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // a malformed escape: keep the raw form, which will simply not match a file
  }
  if (!relative) return { kind: 'other' };
  const abs = relative.startsWith('/') ? path.join(root, relative) : path.resolve(root, path.dirname(file), relative);
  return { kind: 'file', path: abs, shown: toPosix(path.relative(root, abs)) || abs, inside: isInside(root, abs) };
}
