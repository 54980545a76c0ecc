import type { Report } from '../model/types.js';

/** What a writer gets besides the report and the edition. */
export interface WriteContext {
  /** The file to write (`<out>/<slug>/<name>.<extension>`); written atomically. */
  file: string;
  /**
   * The edition as one self-contained HTML page (a build's, or a redline's), rendered at most
   * once and shared by every writer of the run that asks for it.
   */
  html(): string;
  log(line: string): void;
  /** Reports a file as written. */
  wrote(file: string): void;
  /** The queue of this writer in this run, for writers that write in batches (see `flush`). */
  queue<T>(): T[];
}

/**
 * One output format: one file under src/writers/ and one line in src/writers/index.ts. build,
 * diff (redlines), the configuration schema and `--help` list formats from the registry.
 */
export interface Writer {
  format: string;
  extension: string;
  /** For `--help`. */
  description: string;
  write(report: Report, edition: string, context: WriteContext): Promise<void>;
  /** Writes what `write` queued (PDF: one browser for every file of the run). */
  flush?(context: Pick<WriteContext, 'log' | 'wrote' | 'queue'>): Promise<void>;
}
