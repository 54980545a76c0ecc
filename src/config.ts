import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { problem, UserError } from './util/problems.js';

const severity = z.enum(['off', 'warn', 'error']);
export const ruleSetting = z.union([severity, z.tuple([severity]), z.tuple([severity, z.record(z.unknown())])]);

/** The workspace configuration: `rapporteur.config.yaml`, or the `rapporteur` key of package.json. */
export const configSchema = z
  .object({
    template: z.string().min(1).default('default'),
    editions: z.array(z.string().min(1)).min(1).default(['full']),
    formats: z.array(z.enum(['html', 'pdf'])).min(1).default(['html']),
    out: z.string().min(1).default('dist'),
    paper: z.enum(['A4', 'Letter']).default('A4'),
    systems: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1).optional(),
    lint: z.object({ rules: z.record(ruleSetting).default({}), maxWarnings: z.number().int().min(0).optional() }).strict().default({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

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
    const parsed = configSchema.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      throw new UserError('invalid configuration', {
        problems: parsed.error.issues.map((issue) => {
          const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
          const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
          const where = issue.path.length ? `\`${issue.path.join('.')}\`: ` : '';
          return problem(`${where}${issue.message}`, { file: shown, line: pos.line, column: pos.col }, { ruleId: 'config' });
        }),
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
        throw new UserError('invalid configuration', {
          problems: parsed.error.issues.map((issue) =>
            problem(`\`rapporteur.${issue.path.join('.')}\`: ${issue.message}`, { file: 'package.json', line: 1, column: 1 }, { ruleId: 'config' }),
          ),
        });
      }
      return { config: parsed.data, file: 'package.json' };
    }
  }
  return { config: configSchema.parse({}) };
}
