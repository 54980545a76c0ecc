import type { Document } from 'yaml';

export type YamlData = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * The plain value of a parsed YAML document. Aliases (`*name`) can repeat a node that holds
 * aliases itself, so nine lines can stand for a billion values (the "billion laughs"); the yaml
 * library refuses past a bound, and that refusal becomes a message, never an internal error.
 */
export function yamlData(doc: Document): YamlData {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      return { ok: false, reason: 'repeats too much through YAML aliases (`*name`), as an alias bomb does; write the values out' };
    }
    throw error;
  }
}
