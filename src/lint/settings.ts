import type { Config } from '../config.js';
import { closest, didYouMean } from './suggest.js';
import type { AnyRule, SeveritySetting } from './types.js';

/** A rule setting as users write it: `warn`, or `[warn, {options}]`. */
export type RawSetting = SeveritySetting | [SeveritySetting] | [SeveritySetting, unknown] | readonly unknown[];

export interface ResolvedSetting {
  severity: SeveritySetting;
  options: unknown;
}

export type SettingIssue = { ruleId: string; message: string; path: (string | number)[] };

/**
 * Merges the layers (rule defaults, workspace config, the report's front matter `lint:`),
 * later layers winning. Options given in a later layer replace earlier ones; a bare severity
 * keeps the options already set. Unknown rule ids and invalid options are returned as issues
 * for the caller to report where the layer lives.
 */
export function resolveSettings(
  rules: readonly AnyRule[],
  layers: (Record<string, unknown> | undefined)[],
): { settings: Map<string, ResolvedSetting & { rule: AnyRule; parsedOptions: unknown }>; issues: SettingIssue[][] } {
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  const merged = new Map<string, ResolvedSetting>(rules.map((rule) => [rule.meta.id, { severity: rule.meta.severity, options: {} }]));
  const issues: SettingIssue[][] = layers.map(() => []);
  layers.forEach((layer, index) => {
    for (const [id, raw] of Object.entries(layer ?? {})) {
      const rule = byId.get(id);
      if (!rule) {
        issues[index].push({ ruleId: id, path: [id], message: `unknown lint rule \`${id}\`${didYouMean(closest(id, byId.keys()))}` });
        continue;
      }
      const [severity, options] = Array.isArray(raw) ? [raw[0] as SeveritySetting, raw.length > 1 ? raw[1] : undefined] : [raw as SeveritySetting, undefined];
      if (!['off', 'warn', 'error'].includes(severity)) {
        issues[index].push({ ruleId: id, path: [id], message: `lint rule \`${id}\`: the severity must be off, warn or error` });
        continue;
      }
      if (options !== undefined) {
        const parsed = rule.options.safeParse(options);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          const at = first.path.length ? ` \`${first.path.join('.')}\`` : '';
          issues[index].push({ ruleId: id, path: [id, 1, ...first.path], message: `lint rule \`${id}\`: option${at}: ${first.message}` });
          continue;
        }
      }
      const previous = merged.get(id)!;
      merged.set(id, { severity, options: options ?? previous.options });
    }
  });
  const settings = new Map<string, ResolvedSetting & { rule: AnyRule; parsedOptions: unknown }>();
  for (const rule of rules) {
    const setting = merged.get(rule.meta.id)!;
    const parsed = rule.options.safeParse(setting.options ?? {});
    settings.set(rule.meta.id, { ...setting, rule, parsedOptions: parsed.success ? parsed.data : rule.options.parse({}) });
  }
  return { settings, issues };
}

export type LintConfig = Config['lint'];
