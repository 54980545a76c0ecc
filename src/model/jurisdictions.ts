import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';
import type { LegalFamily } from './types.js';

export interface Jurisdiction {
  code: string;
  name: string;
  family: LegalFamily;
}

interface Table {
  source: string;
  note?: string;
  jurisdictions: Record<string, { name: string; family: LegalFamily }>;
}

let table: Table | undefined;

function load(): Table {
  table ??= JSON.parse(readFileSync(packagePath('data', 'jurisdictions.json'), 'utf8')) as Table;
  return table;
}

export function jurisdiction(code: string): Jurisdiction | undefined {
  const entry = load().jurisdictions[code.toUpperCase()];
  return entry ? { code: code.toUpperCase(), ...entry } : undefined;
}

export function jurisdictionCodes(): string[] {
  return Object.keys(load().jurisdictions);
}

export function jurisdictionSource(): string {
  return load().source;
}

/**
 * The legal family a system name stands for: `civil-law` → civil, `common-law` → common.
 * Systems with other names (a report may distinguish e.g. `mixed`) map by their first word.
 */
export function familyOfSystem(system: string): LegalFamily | undefined {
  const head = system.replace(/-law$/, '');
  return head === 'civil' || head === 'common' || head === 'mixed' ? head : undefined;
}
