import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { problem, UserError } from './util/problems.js';
import { FORMAT_NAMES } from './writers/index.js';
import { yamlData } from './util/yaml-data.js';

const severity = z.enum(['off', 'warn', 'error']);
export const ruleSetting = z.union([severity, z.tuple([severity]), z.tuple([severity, z.record(z.unknown())])]);

/** The workspace configuration: `rapporteur.config.yaml`, or the `rapporteur` key of package.json. */
export const configSchema = z
  .object({
    template: z.string().min(1).default('default'),
    editions: z.array(z.string().min(1)).min(1).default(['full']),
    formats: z.array(z.enum(FORMAT_NAMES)).min(1).default(['html']),
    // Relative to the workspace and inside it (links are checked when it is used).
    out: z
      .string()
      .min(1)
      .refine((dir) => !path.isAbsolute(dir) && !path.normalize(dir).split(/[\\/]/).includes('..'), 'the output folder must be a folder inside the workspace, such as dist (use --out for any other)')
      .default('dist'),
    paper: z.enum(['A4', 'Letter']).default('A4'),
    systems: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1).optional(),
    lint: z.object({ rules: z.record(ruleSetting).default({}), maxWarnings: z.number().int().min(0).optional() }).strict().default({}),
    /** `rapporteur site`: where it is published, its folder and formats, and whether earlier public drafts go on the public site. */
    site: z
      .object({
        baseUrl: z.string().regex(/^https?:\/\/[^/\s]+(\/\S*)?$/, 'must be an http(s) address such as https://reports.example.org').optional(),
        out: z.string().min(1).optional(),
        formats: z.array(z.enum(FORMAT_NAMES)).min(1).default(['html']),
        publicDrafts: z.boolean().default(false),
      })
      .strict()
      .default({}),
    /** Section numbers ("2", "2.1") for every report of the workspace; a report's front matter `numbering` wins. */
    numbering: z.boolean({ invalid_type_error: '`numbering` must be true or false' }).optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Zod issues as problems at the offending key or value of the file (`base` is where the configuration sits in it). */
function issueProblems(issues: z.ZodIssue[], doc: Document, lineCounter: LineCounter, shown: string, base: string[]): VFileMessage[] {
  return issues.flatMap((issue) => {
    const at = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      // Point at each unknown key itself, and name the keys that are allowed there.
      const parent = at.length ? doc.getIn(at, true) : doc.contents;
      return issue.keys.map((key) => {
        const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
        const range = isScalar(pair?.key) ? pair.key.range : undefined;
        const pos = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
        const where = [...at, key].join('.');
        return problem(`unknown setting \`${where}\`${unknownKeyHint(key, knownKeys(issue.path))}`, { file: shown, line: pos.line, column: pos.col }, { ruleId: 'config' });
      });
    }
    const node = doc.getIn(at, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = at.length ? `\`${at.join('.')}\`: ` : '';
    return [problem(`${where}${issue.message}`, { file: shown, line: pos.line, column: pos.col }, { ruleId: 'config' })];
  });
}

/** The keys allowed at a place in the configuration (top level, or under `lint`). */
function knownKeys(at: (string | number)[]): string[] {
  if (at.length === 0) return Object.keys(configSchema.shape);
  if (at.length === 1 && at[0] === 'lint') return ['rules', 'maxWarnings'];
  if (at.length === 1 && at[0] === 'site') return ['baseUrl', 'out', 'formats', 'publicDrafts'];
  return [];
}

/** " (did you mean `template`?)" for a near miss, else the list of allowed keys. */
function unknownKeyHint(key: string, known: string[]): string {
  if (known.length === 0) return '';
  const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 4)));
  return near ? ` (did you mean \`${near}\`?)` : `; allowed: ${known.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

export interface LoadedConfig {
  config: Config;
  /** Workspace-relative file it came from, or undefined for the defaults. */
  file?: string;
}

const cache = new Map<string, LoadedConfig>();

/** Reads and validates the workspace configuration; a bad file is a UserError naming file and line. */
export function loadConfig(root: string): LoadedConfig {
  const hit = cache.get(root);
  if (hit) return hit;
  const result = readConfig(root);
  cache.set(root, result);
  return result;
}

export function clearConfigCache(): void {
  cache.clear();
}

function readConfig(root: string): LoadedConfig {
  const yamlFile = ['rapporteur.config.yaml', 'rapporteur.config.yml'].map((f) => path.join(root, f)).find((f) => existsSync(f));
  if (yamlFile) {
    const shown = path.relative(root, yamlFile);
    const text = readFileSync(yamlFile, 'utf8');
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    if (doc.errors.length) {
      const pos = lineCounter.linePos(doc.errors[0].pos[0]);
      throw new UserError('invalid configuration', {
        problems: [problem(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, { file: shown, line: pos.line, column: pos.col }, { ruleId: 'config' })],
      });
    }
    const data = yamlData(doc);
    if (!data.ok) throw new UserError('invalid configuration', { problems: [problem(`the configuration ${data.reason}`, { file: shown, line: 1, column: 1 }, { ruleId: 'config' })] });
    const parsed = configSchema.safeParse(data.value ?? {});
    if (!parsed.success) {
      throw new UserError('invalid configuration', {
        problems: issueProblems(parsed.error.issues, doc, lineCounter, shown, []),
      });
    }
    return { config: parsed.data, file: shown };
  }
  const pkgFile = path.join(root, 'package.json');
  if (existsSync(pkgFile)) {
    let pkg: { rapporteur?: unknown };
    try {
      pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { rapporteur?: unknown };
    } catch {
      pkg = {};
    }
    if (pkg.rapporteur !== undefined) {
      const parsed = configSchema.safeParse(pkg.rapporteur);
      if (!parsed.success) {
        // JSON is YAML: its parser gives the line and column of each offending value.
        const lineCounter = new LineCounter();
        const doc = parseDocument(readFileSync(pkgFile, 'utf8'), { lineCounter });
        throw new UserError('invalid configuration', {
          problems: issueProblems(parsed.error.issues, doc, lineCounter, 'package.json', ['rapporteur']),
        });
      }
      return { config: parsed.data, file: 'package.json' };
    }
  }
  return { config: configSchema.parse({}) };
}
