import type { Command } from 'commander';
import { stringify } from 'yaml';
import { findWorkspaceRoot } from '../../workspace.js';
import type { Io } from '../shared.js';

export function registerConfig(program: Command, io: Io, _setExit: (code: number) => void): void {
  program
    .command('config')
    .description('print the effective configuration: rapporteur.config.yaml (or package.json "rapporteur") over the defaults')
    .option('--json', 'print JSON instead of YAML, for scripts')
    .addHelpText(
      'after',
      `
Examples:
  $ rapporteur config
  $ rapporteur config --json | jq .formats

The configuration lives in rapporteur.config.yaml at the workspace root, for example:
  template: default
  editions: [full, civil-law, common-law]
  formats: [html, pdf]
  out: dist
  paper: A4
  lint:
    rules: {mandatory-language: error}
    maxWarnings: 0
Flags given on the command line override it. A mistake in it is reported as file:line:column.`,
    )
    .action(async (options: { json?: boolean }) => {
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const { loadConfig } = await import('../../config.js');
      const root = findWorkspaceRoot(io.cwd);
      // loadConfig throws a UserError with file:line:column problems; main prints them (exit 2).
      const { config, file } = loadConfig(root);
      if (options.json) {
        io.out(JSON.stringify(config, null, 2));
        return;
      }
      const origin = file ? `# from ${file}, over the defaults` : '# defaults (no rapporteur.config.yaml in this workspace)';
      io.out(`${origin}\n${stringify(config, { indent: 2 }).trimEnd()}`);
    });
}
