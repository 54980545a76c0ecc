import GithubSlugger from 'github-slugger';
import { z } from 'zod';
import { closest, didYouMean } from '../lint/suggest.js';
import { jurisdiction, jurisdictionCodes } from '../model/jurisdictions.js';
import { reservedPageIds } from '../render/page-ids.js';

/**
 * The zod schemas of attribute values that several directives share. A directive's spec builds
 * its schema from these (src/dialect/*.ts); lint reads the issues (src/lint/dialect.ts), so what
 * a value may be and what is said when it is not are written once, here and in the spec.
 */

/** What a value may depend on: the report's front matter. */
export interface AttributeContext {
  /** The report's legal systems (`systems:`), in order. */
  systems: string[];
  /** Ids the template's own HTML uses (a house template's `masthead`), reserved like the page's. */
  templateIds?: readonly string[];
}

/** An author-chosen id: lower-case words joined by hyphens. */
export const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * A recommendation's `#id`, when given (its absence is the model's to report, with its number):
 * a lower-case slug, and none of the ids the page itself uses.
 */
export function recommendationIdValue(context: AttributeContext) {
  return z.string().superRefine((written, ctx) => {
    const id = written.trim();
    if (!id) return;
    if (!SLUG.test(id)) {
      ctx.addIssue({ code: 'custom', message: `recommendation id \`${id}\` should be lower-case words joined by hyphens, such as \`${new GithubSlugger().slug(id.replace(/_/g, '-'))}\`` });
    }
    const reserved = reservedPageIds(context.systems, context.templateIds);
    if (reserved.includes(id)) {
      ctx.addIssue({ code: 'custom', message: `recommendation id \`${id}\` is an id the page itself uses (${reserved.join(', ')}); two elements would share it and links to it would land on the page's own; choose another` });
    }
  });
}

/** A variant's `system`: one of the report's systems. */
export function systemValue(context: AttributeContext) {
  const systems = context.systems;
  const missing = `variant without a system; write :::variant{system=${systems[0] ?? 'civil-law'}} (this report's systems: ${systems.join(', ')})`;
  return z.string({ required_error: missing }).superRefine((system, ctx) => {
    if (!system) ctx.addIssue({ code: 'custom', message: missing });
    else if (!systems.includes(system)) {
      ctx.addIssue({
        code: 'custom',
        message: `variant for \`${system}\`, which is not among this report's systems (${systems.join(', ')}), so no single-system edition prints it${didYouMean(closest(system, systems))}`,
      });
    }
  });
}

/** Codes people write that ISO 3166-1 spells differently. */
const ALIASES: Record<string, string> = {
  UK: 'GB', EL: 'GR', EN: 'GB', UAE: 'AE',
  // ISO 3166-1 alpha-3 codes of the jurisdictions reports cite most.
  AUS: 'AU', AUT: 'AT', BEL: 'BE', BRA: 'BR', CAN: 'CA', CHE: 'CH', CHN: 'CN', DEU: 'DE', DNK: 'DK', ESP: 'ES',
  FIN: 'FI', FRA: 'FR', GBR: 'GB', GRC: 'GR', IND: 'IN', IRL: 'IE', ISR: 'IL', ITA: 'IT', JPN: 'JP', KOR: 'KR',
  LUX: 'LU', MEX: 'MX', NLD: 'NL', NOR: 'NO', NZL: 'NZ', POL: 'PL', PRT: 'PT', SGP: 'SG', SWE: 'SE', TWN: 'TW',
  USA: 'US', ZAF: 'ZA',
};

function jurisdictionSuggestion(written: string): string {
  const alias = ALIASES[written.toUpperCase()];
  if (alias) return `; did you mean \`${alias}\` (${jurisdiction(alias)?.name})?`;
  const lower = written.toLowerCase();
  const byName = jurisdictionCodes().find((code) => jurisdiction(code)!.name.toLowerCase() === lower)
    ?? jurisdictionCodes().find((code) => jurisdiction(code)!.name.toLowerCase().startsWith(lower) && lower.length >= 4);
  if (byName) return `; did you mean \`${byName}\` (${jurisdiction(byName)!.name})?`;
  return '; use an ISO 3166-1 alpha-2 code such as FR, DE, GB, US, JP, or EU';
}

/** An example's `jurisdiction`: an ISO 3166-1 alpha-2 code or a region of data/jurisdictions.json (EU). */
export function jurisdictionValue() {
  const missing = 'example without a jurisdiction; write :::example{jurisdiction=FR} (an ISO 3166-1 alpha-2 code, or EU)';
  return z.string({ required_error: missing }).superRefine((written, ctx) => {
    const code = written.trim();
    if (!code) ctx.addIssue({ code: 'custom', message: missing });
    else if (!jurisdiction(code)) ctx.addIssue({ code: 'custom', message: `unknown jurisdiction code \`${code}\`${jurisdictionSuggestion(code)}` });
  });
}

/** A defined term's `term`: some words. */
export function termValue() {
  const missing = 'definition without a term; write :::definition{term="…"}';
  return z.string({ required_error: missing }).refine((term) => term.trim() !== '', { message: missing });
}

/**
 * A flag (`uniform`): written bare, or `=true` / `=false`. Any other value used to count as true
 * without a word; now it is named, with the closest of the two.
 */
export function flagValue(subject: string, name: string) {
  return z.string().superRefine((value, ctx) => {
    if (value === '' || value === 'true' || value === 'false') return;
    ctx.addIssue({
      code: 'custom',
      message: `\`${name}=${value}\` on ${subject}: \`${name}\` is a flag, written bare (\`${name}\`) or \`${name}=false\`${didYouMean(closest(value, ['true', 'false']))}`,
    });
  });
}

/** One of a finite set of words (a comment's `status`), with the closest when it is none of them. */
export function oneOfValue(subject: string, name: string, allowed: readonly string[], consequence: string) {
  return z.string().superRefine((value, ctx) => {
    if (allowed.includes(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: `\`${name}=${value}\` on ${subject} is not one of ${allowed.join(', ')}, so ${consequence}${didYouMean(closest(value, allowed))}`,
    });
  });
}
