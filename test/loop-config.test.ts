import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportSource, runCliInProcess, tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces(afterEach);
const report = { 'reports/demo/report.md': reportSource('# Introduction\n\nText.\n') };

describe('rapporteur config', () => {
  it('prints the defaults when there is no configuration file', async () => {
    const root = workspace(report);
    const result = await runCliInProcess(['config'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('# defaults (no rapporteur.config.yaml');
    expect(result.stdout).toContain('template: default');
    expect(result.stdout).toContain('paper: A4');
  });

  it('prints the effective configuration as YAML or JSON', async () => {
    const root = workspace({ ...report, 'rapporteur.config.yaml': 'formats: [html, pdf]\npaper: Letter\nlint:\n  maxWarnings: 3\n' });
    const yaml = await runCliInProcess(['config'], { cwd: root });
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('# from rapporteur.config.yaml');
    expect(yaml.stdout).toContain('paper: Letter');
    const json = await runCliInProcess(['config', '--json'], { cwd: root });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ formats: ['html', 'pdf'], paper: 'Letter', template: 'default', out: 'dist', lint: { maxWarnings: 3 } });
  });

  it('reads the "rapporteur" key of package.json', async () => {
    const root = workspace({ ...report, 'package.json': JSON.stringify({ name: 'x', rapporteur: { out: 'site' } }) });
    expect(JSON.parse((await runCliInProcess(['config', '--json'], { cwd: root })).stdout).out).toBe('site');
  });

  it('names the line and column in package.json too', async () => {
    const pkg = '{\n  "name": "x",\n  "rapporteur": {\n    "paper": "A5",\n    "templte": "x"\n  }\n}\n';
    const root = workspace({ ...report, 'package.json': pkg });
    const result = await runCliInProcess(['config'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^package\.json:4:14 error `rapporteur\.paper`: /m);
    expect(result.stderr).toMatch(/^package\.json:5:5 error unknown setting `rapporteur\.templte` \(did you mean `template`\?\)/m);
  });

  it('names file, line and column of a value that is not allowed', async () => {
    const root = workspace({ ...report, 'rapporteur.config.yaml': 'template: default\nformats: [html, epub]\npaper: A5\n' });
    const result = await runCliInProcess(['config'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rapporteur\.config\.yaml:2:\d+ error `formats\.1`: /m);
    expect(result.stderr).toMatch(/^rapporteur\.config\.yaml:3:8 error `paper`: /m);
    expect(result.stderr).toContain('rapporteur: invalid configuration');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names file, line and column of a YAML syntax error and of an unknown key', async () => {
    const syntax = workspace({ ...report, 'rapporteur.config.yaml': 'template: default\nformats: [html\n' });
    const bad = await runCliInProcess(['config'], { cwd: syntax });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rapporteur\.config\.yaml:\d+:\d+ error not valid YAML/m);

    const unknown = workspace({ ...report, 'rapporteur.config.yaml': 'out: dist\ntemplet: default\nlint:\n  maxWarning: 0\ncolour: red\n' });
    const result = await runCliInProcess(['config'], { cwd: unknown });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rapporteur\.config\.yaml:2:1 error unknown setting `templet` \(did you mean `template`\?\) config$/m);
    expect(result.stderr).toMatch(/^rapporteur\.config\.yaml:4:3 error unknown setting `lint\.maxWarning` \(did you mean `maxWarnings`\?\)/m);
    expect(result.stderr).toMatch(/^rapporteur\.config\.yaml:5:1 error unknown setting `colour`; allowed: template, editions, formats, out, paper, systems, lint/m);
  });

  it('gives build its defaults, and command-line flags win over them', async () => {
    const root = workspace({ ...report, 'rapporteur.config.yaml': 'editions: [full, civil-law]\nout: site\n' });
    const build = await runCliInProcess(['build'], { cwd: root });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(existsSync(path.join(root, 'site/demo/demo.html'))).toBe(true);
    expect(existsSync(path.join(root, 'site/demo/demo-civil-law.html'))).toBe(true);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);

    const flags = await runCliInProcess(['build', '--out', 'elsewhere', '--edition', 'full'], { cwd: root });
    expect(flags.code).toBe(0);
    expect(existsSync(path.join(root, 'elsewhere/demo/demo.html'))).toBe(true);
    expect(existsSync(path.join(root, 'elsewhere/demo/demo-civil-law.html'))).toBe(false);
  });

  it('stops build with the configuration error', async () => {
    const root = workspace({ ...report, 'rapporteur.config.yaml': 'formats: [epub]\n' });
    const build = await runCliInProcess(['build'], { cwd: root });
    expect(build.code).toBe(2);
    expect(build.stderr).toMatch(/^rapporteur\.config\.yaml:1:\d+ error `formats\.0`/m);
  });
});
