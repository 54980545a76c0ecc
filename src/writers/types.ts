import type { Report } from '../model/types.js';
import type { Root } from 'mdast';
import type { RegisterEntry } from '../comments/register.js';
import type { Comparison } from '../diff/index.js';
import type { Template } from '../render/template.js';

/** What a writer gets besides the report and the edition. */
export interface WriteContext {
  /** The file to write (`<out>/<slug>/<name>.<extension>`); written atomically. */
  file: string;
  /** The output folder the file must land in (a linked folder leading elsewhere is refused). */
  within?: string;
  /** The template the edition is rendered with (the PDF prints with its paged.css). */
  template?: Template;
  /** The template's name (a DOCX takes `templates/<name>/reference.docx`). */
  templateName?: string;
  /** Paper chosen by the build: front matter, else configuration, else A4. */
  paper?: 'A4' | 'Letter';
  /** The commit the sources are at (the build stamp), for writers that record it. */
  commit?: string;
  /** `--with-comments` (DOCX): the register's open comments; absent, no comment text can reach the file. */
  comments?: RegisterEntry[];
  /** Set when the edition is a redline: what writers that do not print the HTML need (DOCX tracked changes). */
  redline?: RedlineInput;
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
  /** Whether the writer prints the edition's HTML page (and so needs the HTML template); DOCX writes from the model. */
  fromHtml: boolean;
  write(report: Report, edition: string, context: WriteContext): Promise<void>;
  /** Writes what `write` queued (PDF: one browser for every file of the run). */
  flush?(context: Pick<WriteContext, 'log' | 'wrote' | 'queue'> & RunSettings): Promise<void>;
}

/** Settings of a whole run of writers. */
export interface RunSettings {
  /** Read each PDF back and check it against its edition before writing it (default true). */
  verify?: boolean;
  /**
   * Milliseconds one call to Chromium may take (default PROTOCOL_TIMEOUT_MS, an hour). Not a
   * command-line option: a caller's knob, so that a test can provoke a real timeout in seconds.
   */
  protocolTimeoutMs?: number;
}

/** A redline as the diff stage made it. */
export interface RedlineInput {
  comparison: Comparison;
  /** The merged tree with insertions, deletions and moves marked. */
  tree: Root;
  changesOnly?: boolean;
  /** Author and date of the newer revision (tracked changes are attributed to them). */
  revision: { author: string; date: string };
}
