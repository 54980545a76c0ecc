import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commitAll, git, initRepo, repoRoot } from './helpers.js';

/**
 * A workspace with a tagged history of two reports, for `rapporteur site`:
 *
 *   tag     access-to-evidence (the sample report)          remedies
 *   v0.3.0  0.3.0 draft, working-group (as shipped)          0.1.0 draft, working-group
 *   v1.0.0  1.0.0 final, public                              0.2.0 draft, working-group
 *   v1.1.0  1.1.0 final, public: a recommendation added      0.3.0 review, working-group
 *           before the others (all of chapter 2 renumbered),
 *           the civil-law variant of confidentiality-orders
 *           edited
 *
 * The sample's own comments stay in at every tag, and remedies carries one more, so the public
 * site has comment text in its sources that it must never show.
 */
export const REMEDIES_COMMENT = 'Remedies-secret: the Ministry has not cleared the damages figures';

const SAMPLE = path.join(repoRoot, 'reports', 'access-to-evidence');

function remedies(version: string, status: string, date: string, extra: string): string {
  return `---
title: Remedies in Trade Secret Cases
dialogue: Trade Secrets Best Practices Dialogue
version: ${version}
status: ${status}
date: ${date}
rapporteurs: [{name: Jun Sato, affiliation: Kyoto Bar}]
confidentiality: working-group
---

# Injunctions

::::recommendation{#final-injunctions title="Grant final injunctions for a limited time" topic=remedies}
Courts should be able to prohibit the use of a misappropriated secret for as long as the advantage it gives lasts.${extra}

:::variant{system=civil-law}
The injunction should state its duration, measured from the judgment.
:::

:::variant{system=common-law}
The injunction should end when the information enters the public domain.
:::

:::example{jurisdiction=DE}
German courts limit injunctions to the head-start period.
:::

:::comment{author="Jun Sato" status=open}
${REMEDIES_COMMENT}
:::
::::
`;
}

function sampleFiles(): Record<string, string> {
  const files: Record<string, string> = { 'reports/access-to-evidence/report.md': readFileSync(path.join(SAMPLE, 'report.md'), 'utf8') };
  for (const name of readdirSync(path.join(SAMPLE, 'chapters'))) {
    files[`reports/access-to-evidence/chapters/${name}`] = readFileSync(path.join(SAMPLE, 'chapters', name), 'utf8');
  }
  return files;
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
}

function tagAt(root: string, tag: string, when: string): void {
  const env = { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
  commitAll(root, `Circulate ${tag}`, env);
  git(root, ['tag', '-a', tag, '-m', tag], env);
}

/** Replaces one exact passage of a fixture file, failing loudly when the sample no longer has it. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`site fixture: the sample report no longer contains "${from}"`);
  return text.replace(from, to);
}

export function makeSiteHistory(makeWorkspace: (files: Record<string, string>) => string): string {
  const sample = sampleFiles();
  const root = makeWorkspace({ ...sample, 'reports/remedies/report.md': remedies('0.1.0', 'draft', '2026-08-28', '') });
  initRepo(root);
  tagAt(root, 'v0.3.0', '2026-09-01T10:00:00Z');

  const report = 'reports/access-to-evidence/report.md';
  const final = edit(
    edit(edit(sample[report], 'version: 0.3.0', 'version: 1.0.0'), 'status: draft', 'status: final'),
    'confidentiality: working-group',
    'confidentiality: public',
  );
  write(root, { [report]: final, 'reports/remedies/report.md': remedies('0.2.0', 'draft', '2026-09-28', ' Damages come on top.') });
  tagAt(root, 'v1.0.0', '2026-10-01T10:00:00Z');

  const chapter2 = 'reports/access-to-evidence/chapters/02-obtaining-evidence.md';
  const chapter3 = 'reports/access-to-evidence/chapters/03-protecting-secrets.md';
  const added = `::::recommendation{#early-case-management title="Hold an early case-management hearing" topic=evidence uniform}
Courts should hold a case-management hearing early, to settle the identification of the secret and the confidentiality regime before evidence is exchanged.

:::example{jurisdiction=GB}
The Patents Court holds a case-management conference soon after the defence is served.
:::
::::

`;
  write(root, {
    [report]: edit(final, 'version: 1.0.0', 'version: 1.1.0'),
    [chapter2]: edit(sample[chapter2], '::::recommendation{#identify-secrets', `${added}::::recommendation{#identify-secrets`),
    [chapter3]: edit(
      sample[chapter3],
      'The designation should take the form of a court order that binds every participant by operation of law, without a separate undertaking.',
      'The designation should take the form of a reasoned court order that binds every participant by operation of law, without any separate undertaking.',
    ),
    'reports/remedies/report.md': remedies('0.3.0', 'review', '2026-10-28', ' Damages come on top, and an account of profits.'),
  });
  tagAt(root, 'v1.1.0', '2026-11-01T10:00:00Z');
  return root;
}
