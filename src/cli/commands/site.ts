import type { Command } from 'commander';
import path from 'node:path';
import { AUDIENCES, type Audience } from '../../site/audience.js';
import { formatHelp, parseFormatList } from '../../writers/index.js';
import { UserError } from '../../util/problems.js';
import { resolveOut, targetsFrom, type Io } from '../shared.js';
import { runEnv } from '../../util/run-context.js';

interface SiteCommandOptions {
  audience: string;
  out?: string;
  baseUrl?: string;
  format?: string;
  template?: string;
  cards: boolean;
  cache: boolean;
  quiet?: boolean;
}

export function registerSite(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('site')
    .description('a static site of every tagged version, edition and redline of the reports, with permalinks, feed and search')
    .argument('[report...]', 'report slugs or paths (default: every report under reports/)')
    .option('-a, --audience <audience>', 'public (final + public versions only) or working-group (adds drafts and their redlines)', 'public')
    .option('-o, --out <dir>', 'output folder (default: config site.out, else dist/site in the workspace)')
    .option('--base-url <url>', 'address the site is published at, for the feed, sitemap, permalinks and share cards (default: config site.baseUrl)')
    .option('-f, --format <formats>', `formats of each version's editions: ${formatHelp()}, or all (default: config site.formats, else html)`)
    .option('-t, --template <name>', 'template folder under templates/ (default: config, else default)')
    .option('--no-cards', 'skip the PNG share card of each recommendation (no browser needed)')
    .option('--no-cache', 'make every version again instead of reusing what earlier runs made')
    .option('-q, --quiet', 'print nothing but problems')
    .addHelpText(
      'after',
      `
The site holds the tagged versions of each report (see \`rapporteur versions\`): a home page, a page
per report (latest editions, every version, change log, how to cite), a page per version with its
redline from the one before, a permanent page per recommendation (/<slug>/r/<id>/) with its history
and a share card, search, an Atom feed, sitemap.xml and robots.txt. The public site holds only
reports whose newest version is final and public; set site.publicDrafts in rapporteur.config.yaml
to add their earlier public versions. A second run makes only what is new.

Examples:
  $ rapporteur site --base-url https://reports.example.org
  $ rapporteur site --audience working-group --out dist/wg-site
  $ rapporteur site access-to-evidence --format html,pdf`,
    )
    .action(async (reports: string[], options: SiteCommandOptions) => {
      if (!(AUDIENCES as readonly string[]).includes(options.audience)) {
        throw new UserError(`--audience: unknown audience "${options.audience}" (use ${AUDIENCES.join(' or ')})`);
      }
      // Loaded when the command runs: every command's imports are paid at every start of the CLI.
      const [{ buildSite }, { loadConfig }] = await Promise.all([import('../../site/index.js'), import('../../config.js')]);
      const { root, targets } = await targetsFrom(reports, io);
      const { config } = loadConfig(root);
      const formats = parseFormatList(options.format ?? config.site.formats.join(','));
      const baseUrl = options.baseUrl ?? config.site.baseUrl;
      if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(baseUrl)) {
        throw new UserError(`--base-url: "${baseUrl}" is not an http(s) address such as https://reports.example.org`);
      }
      const quiet = options.quiet || runEnv().CI === 'true';
      const started = performance.now();
      const out = resolveOut(options.out ?? path.resolve(root, config.site.out ?? path.join(config.out, 'site')), root, io.cwd);
      const outcome = await buildSite({
        root,
        targets,
        out,
        audience: options.audience as Audience,
        baseUrl,
        formats,
        publicDrafts: config.site.publicDrafts,
        template: options.template ?? config.template,
        cache: options.cache && runEnv().RAPPORTEUR_CACHE !== '0',
        cards: options.cards,
        log: quiet ? undefined : (line) => io.out(line),
        warn: (line) => io.err(line),
      });
      if (!quiet) {
        io.out(
          `${path.relative(io.cwd, out) || '.'}: ${options.audience} site, ${outcome.reports.length} report${outcome.reports.length === 1 ? '' : 's'}, ` +
            `${outcome.versions} version${outcome.versions === 1 ? '' : 's'}, ${outcome.files.length} files; ${outcome.made} made, ${outcome.reused} reused` +
            `${outcome.removed ? `, ${outcome.removed} old files removed` : ''}  ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      setExit(0);
    });
}
