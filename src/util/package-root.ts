import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package's own folder: this file sits two levels down both in `src/` and in compiled `lib/`. */
export const packageRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function packagePath(...parts: string[]): string {
  return path.join(packageRoot, ...parts);
}
