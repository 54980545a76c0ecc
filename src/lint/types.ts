import type { LedgerEntry } from '../comments/ledger.js';
import type { z } from 'zod';
import type { Report, SourceSpan } from '../model/types.js';
import type { Severity } from '../util/problems.js';

/** How a rule is configured: the words users write in config and front matter. */
export type SeveritySetting = 'off' | 'warn' | 'error';

export interface RuleMeta {
  /** Kebab-case, equal to the rule's file name under src/lint/rules/. */
  id: string;
  /** Severity when no configuration names the rule. */
  severity: Exclude<SeveritySetting, 'off'>;
  /** One line: what the rule finds. */
  description: string;
  /** Where the rule's documentation lives (docs/lint.md#<id>). */
  url: string;
}

/** One runnable documentation example: a report body (or a whole report.md when it starts with `---`). */
export interface DocExample {
  /** What the example shows, one short sentence. */
  title: string;
  /** report.md: a body (wrapped in valid front matter) or a full file starting with `---`. */
  source: string;
  /** Other files of the report folder, relative to it (chapters, images). */
  files?: Record<string, string>;
  /** Rule options for this example. */
  options?: Record<string, unknown>;
  /** For incorrect examples: the line of report.md (or of `file`) the first finding must point at. */
  line?: number;
  /** For incorrect examples: the workspace-relative file of the finding when it is not report.md. */
  file?: string;
  /**
   * For incorrect examples: every finding exactly, as `line:column-endLine:endColumn message`
   * (lines of the source shown; a finding in another file of the example starts with its name).
   * The tests compare it with what the rule reports; docs/lint.md prints it.
   */
  output?: string[];
}

export interface RuleDocs {
  /** Why the rule exists, in a few sentences of Markdown. */
  rationale: string;
  incorrect: DocExample[];
  correct: DocExample[];
  /** Markdown describing the options, when the rule has any. */
  options?: string;
}

/** Where a finding points: a span in a workspace-relative file. */
export type Place = Partial<SourceSpan> & { file: string };

export interface RuleContext<Options> {
  report: Report;
  /** Comments imported from reviewers' PDFs, kept in the report's comments ledger. */
  ledger: LedgerEntry[];
  options: Options;
  /**
   * Records a finding. `severity` lets one rule report some findings as warnings (an open
   * comment in a review draft) even when it is configured as an error; `warn` configuration
   * turns every finding into a warning.
   */
  emit(reason: string, place: Place, extra?: { severity?: Severity }): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta;
  /** zod schema for the rule's options; defaults fill in what the user leaves out. */
  options: z.ZodType<Options, z.ZodTypeDef, unknown>;
  docs: RuleDocs;
  check(context: RuleContext<Options>): void;
}

// eslint-style erasure: the registry holds rules whose option types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
