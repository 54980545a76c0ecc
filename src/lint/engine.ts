import type { VFileMessage } from 'vfile-message';
import type { LedgerEntry } from '../comments/ledger.js';
import type { Report } from '../model/types.js';
import { problem, type Severity } from '../util/problems.js';
import { frontMatterPlace } from './place.js';
import { rules as registry } from './registry.js';
import { resolveSettings } from './settings.js';
import type { AnyRule, Place } from './types.js';

/** Rule ids the loader uses for what it finds while reading a report; their rule files document them. */
const LOADER_RULES = new Set(['front-matter', 'chapter-path', 'comment-syntax', 'references', 'citation-style']);

export interface LintInput {
  /** Undefined when report.md could not be read at all. */
  report?: Report;
  /** What loadReport found (front matter, chapter paths). */
  problems: VFileMessage[];
  /** Comments imported from reviewers' PDFs (the report's comments ledger). */
  ledger?: LedgerEntry[];
}

export interface LintOptions {
  /** `lint.rules` from the workspace configuration (already validated by the caller). */
  rules?: Record<string, unknown>;
  /** Run only these rules (tests and docs); the others are off. */
  only?: string[];
  /** The rule list; defaults to the registry. */
  registry?: readonly AnyRule[];
}

/**
 * Lints one loaded report: loader problems become findings of their rules, then every enabled
 * rule reads the model. Settings: rule defaults < workspace config < the report's `lint:`.
 */
export function lintReport(input: LintInput, options: LintOptions = {}): VFileMessage[] {
  const rules = options.registry ?? registry;
  const onlyLayer = options.only ? Object.fromEntries(rules.map((r) => [r.meta.id, options.only!.includes(r.meta.id) ? r.meta.severity : 'off'])) : undefined;
  const frontLint = input.report?.rawMeta.lint;
  const frontLayer = frontLint && typeof frontLint === 'object' && !Array.isArray(frontLint) ? (frontLint as Record<string, unknown>) : undefined;
  // With `only`, the front matter may still set options and severities of the selected rules.
  const layers = onlyLayer
    ? [options.rules, onlyLayer, frontLayer && Object.fromEntries(Object.entries(frontLayer).filter(([id]) => options.only!.includes(id)))]
    : [options.rules, frontLayer];
  const { settings } = resolveSettings(rules, layers);
  const frontIssues = frontLayer ? resolveSettings(rules, [frontLayer]).issues[0] : [];
  const messages: VFileMessage[] = [];
  const frontSetting = settings.get('front-matter');

  const push = (message: VFileMessage, ruleId: string, configured: string, url?: string) => {
    if (configured === 'off') return;
    if (configured === 'warn') message.fatal = false;
    message.ruleId = ruleId;
    if (url) message.url = url;
    messages.push(message);
  };

  for (const found of input.problems) {
    const ruleId = found.ruleId ?? '';
    const setting = LOADER_RULES.has(ruleId) ? settings.get(ruleId) : undefined;
    if (setting) push(found, ruleId, setting.severity, setting.rule.meta.url);
    else messages.push(found);
  }
  // A bad `lint:` entry in front matter is a front matter finding at that entry.
  if (input.report && frontSetting) {
    for (const issue of frontIssues) {
      const place = frontMatterPlace(input.report, ['lint', ...issue.path], issue.path.length === 1);
      push(problem(`front matter \`lint\`: ${issue.message}`, place, { ruleId: 'front-matter' }), 'front-matter', frontSetting.severity, frontSetting.rule.meta.url);
    }
  }

  const report = input.report;
  if (report) {
    for (const { rule, severity, parsedOptions } of settings.values()) {
      if (severity === 'off') continue;
      const url = rule.meta.url;
      try {
        rule.check({
          report,
          ledger: input.ledger ?? report.imported?.entries ?? [],
          options: parsedOptions,
          emit: (reason: string, place: Place, extra?: { severity?: Severity }) => {
            const message = problem(reason, place, { ruleId: rule.meta.id, severity: severity === 'warn' ? 'warning' : (extra?.severity ?? 'error'), url });
            messages.push(message);
          },
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`lint rule ${rule.meta.id} failed on ${report.file}: ${reason}`, { cause: error });
      }
    }
  }
  return sortMessages(messages, report);
}

/** Report order: report.md first, then chapters in the order they are listed; then line, column. */
export function sortMessages(messages: VFileMessage[], report?: Report): VFileMessage[] {
  const order = new Map((report?.files ?? []).map((f, i) => [f.path, i]));
  const rank = (m: VFileMessage) => order.get(m.file ?? '') ?? order.size;
  const name = (m: VFileMessage) => m.file ?? '';
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || (name(a.m) < name(b.m) ? -1 : name(a.m) > name(b.m) ? 1 : 0) || (a.m.line ?? 0) - (b.m.line ?? 0) || (a.m.column ?? 0) - (b.m.column ?? 0) || a.i - b.i)
    .map(({ m }) => m);
}
