import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCliInProcess } from './helpers.js';

/** Every `rapporteur …` command line in the shipped workflow, with the job it is in. */
function rapporteurCommands(): Array<{ job: string; words: string[] }> {
  const workflow = parse(readFileSync(path.join(repoRoot, 'templates/ci/rapporteur.yml'), 'utf8')) as {
    jobs: Record<string, { steps: Array<{ run?: string }> }>;
  };
  const found: Array<{ job: string; words: string[] }> = [];
  for (const [job, { steps }] of Object.entries(workflow.jobs)) {
    for (const step of steps) {
      for (const line of (step.run ?? '').split('\n')) {
        const words = line.trim().split(/\s+/);
        if (words[0] === 'rapporteur') found.push({ job, words: words.slice(1) });
      }
    }
  }
  return found;
}

describe('the GitHub Actions workflow template', () => {
  it('lints as annotations, builds PDFs and makes a redline on pull requests', async () => {
    const workflow = parse(readFileSync(path.join(repoRoot, 'templates/ci/rapporteur.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { if?: string; steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const commands = rapporteurCommands().map(({ job, words }) => `${job}: ${words.join(' ')}`);
    expect(commands).toContain('lint: lint --format github');
    expect(commands).toContain('build: build --format all --edition all');
    expect(commands).toContain('redline: diff --format html,pdf');
    expect(workflow.jobs.redline.if).toContain('pull_request');
    const uploads = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact')));
    expect(uploads.map((u) => u.with?.name)).toEqual(['reports', 'redline', 'site-cache-${{ matrix.report }}']);
  });

  it('publishes the site on tags with GitHub Pages, the editions made in one job per report', async () => {
    const workflow = parse(readFileSync(path.join(repoRoot, 'templates/ci/rapporteur.yml'), 'utf8')) as {
      jobs: Record<string, { if?: string; needs?: string; permissions?: Record<string, string>; strategy?: { matrix: Record<string, unknown> }; steps: Array<{ uses?: string; run?: string }> }>;
    };
    const commands = rapporteurCommands().map(({ job, words }) => `${job}: ${words.join(' ')}`);
    expect(commands).toContain('site-editions: site ${{ matrix.report }} --format html,pdf --base-url "${{ steps.pages.outputs.base_url }}" --out dist/site');
    expect(commands).toContain('site: site --format html,pdf --base-url "${{ steps.pages.outputs.base_url }}" --out dist/site');
    expect(workflow.jobs['site-reports'].if).toContain("refs/tags/v");
    expect(workflow.jobs['site-editions'].strategy?.matrix.report).toContain('needs.site-reports.outputs.reports');
    expect(workflow.jobs.site.needs).toBe('site-editions');
    expect(workflow.jobs.site.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const uses = workflow.jobs.site.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(['actions/upload-pages-artifact', 'actions/deploy-pages', 'actions/download-artifact']));
  });

  it('uses only commands and options the CLI has', async () => {
    const cwd = repoRoot;
    const registered = (await runCliInProcess(['--help'], { cwd })).stdout;
    for (const { words } of rapporteurCommands()) {
      const [command, ...rest] = words;
      // Commands other branches add (diff) are checked once they are part of this build.
      if (!new RegExp(`^  ${command}\\b`, 'm').test(registered)) continue;
      const help = await runCliInProcess([command, '--help'], { cwd });
      expect(help.code, `rapporteur ${command} --help`).toBe(0);
      expect(help.stdout).toContain(`Usage: rapporteur ${command} `);
      for (const flag of rest.filter((w) => w.startsWith('--'))) expect(help.stdout, `rapporteur ${command} ${flag}`).toContain(flag);
    }
  });
});
