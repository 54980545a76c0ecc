import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReports } from '../src/build/index.js';
import { UserError } from '../src/util/problems.js';
import { makeWorkspace, removeWorkspace, reportSource } from './helpers.js';

/**
 * A Chromium call that outlives the protocol timeout (an hour in a build) ends the build with one
 * line and exit 2, and writes nothing. Provoked for real here: the build's writer settings carry
 * the timeout (`protocolTimeoutMs`, which no command-line option sets), and a few milliseconds
 * are far less than laying out a report takes, so some call of the build times out, in seconds.
 */

const paragraphs = Array.from({ length: 40 }, (_, n) => `Paragraph ${n + 1} explains how courts order the preservation of evidence before trial, and why.`).join('\n\n');

describe('a PDF build whose Chromium call outlives the protocol timeout', () => {
  it('stops with one line naming the call and the limit, exit 2, and writes nothing', async () => {
    const root = makeWorkspace({ 'reports/r/report.md': reportSource(`# Evidence\n\n${paragraphs}\n`) });
    try {
      const out = path.join(root, 'dist');
      let thrown: unknown;
      try {
        await buildReports([{ slug: 'r', root, file: path.join(root, 'reports/r/report.md') }], { formats: ['pdf'], editions: ['full'], out, cache: false, log: () => {}, protocolTimeoutMs: 5 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UserError);
      const error = thrown as UserError;
      expect(error.exitCode).toBe(2);
      // What the command line prints (`rapporteur: <message>`, exit code `exitCode`): one line, no problems list.
      expect(error.problems).toEqual([]);
      const line = error.message;
      expect(line).toMatch(/^Chromium did not finish [A-Z][A-Za-z]*\.[a-zA-Z]+ within 0\.005 s; nothing was written \(is the machine overloaded\? build fewer editions at once, or again later\)$/);
      expect(line).not.toContain('\n');
      // No PDF and no half-written temporary file (the citation files a build writes first are there).
      const written = existsSync(out) ? readdirSync(out, { recursive: true }).map(String) : [];
      expect(written.filter((name) => name.endsWith('.pdf') || name.endsWith('.tmp'))).toEqual([]);
      expect(written).toContain(path.join('r', 'r.bib'));
    } finally {
      removeWorkspace(root);
    }
  }, 120_000);
});
