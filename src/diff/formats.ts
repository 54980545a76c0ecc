import { parseFormatList } from '../writers/index.js';

/**
 * Redline formats: the comparison as JSON, and every writer of the registry. A module of its own
 * so that the `diff` command's help and option parsing need not load the diff stage.
 */
export const JSON_FORMAT = 'json';

export function parseRedlineFormats(value: string): string[] {
  return parseFormatList(value, [JSON_FORMAT]);
}
