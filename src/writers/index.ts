import type { Report } from '../model/types.js';
import { UserError } from '../util/problems.js';
import { html } from './html.js';
import { pdf } from './pdf.js';
import type { WriteContext, Writer } from './types.js';

export type { Writer, WriteContext } from './types.js';

/** The output formats: one line each. */
export const WRITERS: Writer[] = [
  html,
  pdf,
];

export const FORMAT_NAMES = WRITERS.map((writer) => writer.format) as [string, ...string[]];

export function writerFor(format: string): Writer | undefined {
  return WRITERS.find((writer) => writer.format === format);
}

/** `html,pdf` → writers; `all` is every format. */
export function parseFormatList(value: string, extra: readonly string[] = []): string[] {
  const known = [...FORMAT_NAMES, ...extra];
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  if (formats.includes('all')) return [...known];
  for (const format of formats) {
    if (!known.includes(format)) throw new UserError(`--format: unknown format "${format}" (use ${known.join(', ')})`);
  }
  return [...new Set(formats)];
}

/** `html, pdf` for help texts. */
export function formatHelp(extra: readonly string[] = []): string {
  return [...FORMAT_NAMES, ...extra].join(', ');
}

/**
 * One run of writers (a build or a diff): each edition is rendered to HTML at most once, whatever
 * the number of formats, and batched writers are flushed at the end.
 */
export class WriterRun {
  readonly outputs: string[] = [];
  private readonly queues = new Map<Writer, unknown[]>();

  constructor(private readonly log: (line: string) => void) {}

  /** Writes one edition with each writer; returns the files written now (batched ones come from `finish`). */
  async write(writers: Writer[], report: Report, edition: string, target: { file: (writer: Writer) => string; html: () => string }): Promise<string[]> {
    const before = this.outputs.length;
    let page: string | undefined;
    const html = () => (page ??= target.html());
    for (const writer of writers) {
      const context: WriteContext = {
        file: target.file(writer),
        html,
        log: this.log,
        wrote: (file) => this.outputs.push(file),
        queue: <T>() => this.queueOf(writer) as T[],
      };
      await writer.write(report, edition, context);
    }
    return this.outputs.slice(before);
  }

  async finish(): Promise<string[]> {
    for (const writer of this.queues.keys()) {
      await writer.flush?.({ log: this.log, wrote: (file) => this.outputs.push(file), queue: <T>() => this.queueOf(writer) as T[] });
    }
    return this.outputs;
  }

  private queueOf(writer: Writer): unknown[] {
    let queue = this.queues.get(writer);
    if (!queue) this.queues.set(writer, (queue = []));
    return queue;
  }
}
