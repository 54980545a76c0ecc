import type { VFileMessage } from 'vfile-message';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function formatMessages(format: Format, messages: VFileMessage[], options: { color: boolean; maxWarnings?: number }): string {
  if (format === 'json') return formatJson(messages);
  if (format === 'github') return formatGithub(messages);
  return formatStylish(messages, options);
}
