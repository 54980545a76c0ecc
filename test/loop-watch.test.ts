import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, makeWorkspace, removeWorkspace, repoRoot, reportSource as baseSource, runCliAsync, runCliInProcess } from './helpers.js';

/** A report that lint finds clean, so that an overlay in these tests always means a problem planted here. */
const reportSource = (body: string, front: Record<string, string> = {}) =>
  baseSource(body, { systems: '[civil-law, common-law]', confidentiality: 'working-group', ...front });

/** A `rapporteur watch` child process; every test stops it, so none outlives the suite. */
interface Watcher {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

const running = new Set<Watcher>();
const workspaces: string[] = [];
// Even if the test process ends abruptly, no watch process outlives it.
process.on('exit', () => {
  for (const watcher of running) watcher.child.kill('SIGKILL');
});

afterEach(async () => {
  await Promise.all([...running].map((w) => w.stop()));
  for (const root of workspaces.splice(0)) removeWorkspace(root);
});

function workspace(files: Record<string, string>): string {
  const root = makeWorkspace(files);
  workspaces.push(root);
  return root;
}

async function startWatch(cwd: string, args: string[] = []): Promise<Watcher> {
  const child = spawn(process.execPath, [bin, 'watch', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const watcher: Watcher = {
    child,
    url: '',
    output: () => out,
    stop: async () => {
      running.delete(watcher);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
  };
  running.add(watcher);
  const url = await waitFor(async () => /Preview (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], 30_000, () => `watch did not start:\n${out}`);
  watcher.url = url;
  return watcher;
}

/** Polls until `probe` returns a value; fails (it does not time anything) after a generous bound. */
async function waitFor<T>(probe: () => Promise<T | undefined | false>, bound: number, describeFailure: () => string): Promise<T> {
  const deadline = Date.now() + bound;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(describeFailure());
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function page(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

const body = (words: string) => `# Introduction\n\n${words}\n\n## Details\n\nMore text.\n`;

describe('rapporteur watch', () => {
  it('serves the report, rebuilds on save, and keeps the last good page when a save breaks it', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('The first version of the text.')) });
    const watcher = await startWatch(root, ['demo']);
    expect(watcher.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const first = await page(watcher.url);
    expect(first).toContain('The first version of the text.');
    // The live-reload client is in the served page only.
    expect(first).toContain('/__rapporteur/client.js');
    expect(existsSync(path.join(root, 'dist'))).toBe(false);

    const file = path.join(root, 'reports/demo/report.md');
    writeFileSync(file, reportSource(body('The second version of the text.')));
    const second = await waitFor(
      async () => {
        const html = await page(watcher.url);
        return html.includes('The second version of the text.') && html;
      },
      20_000,
      () => `the page did not change:\n${watcher.output()}`,
    );
    expect(second).not.toContain('The first version');

    // A broken front matter: the last good page stays, with an error overlay naming file and line.
    writeFileSync(file, `---\ntitle: [unclosed\nversion: 0.1.0\nstatus: draft\n---\n\n${body('The broken version.')}`);
    const broken = await waitFor(
      async () => {
        const html = await page(watcher.url);
        return html.includes('showing the last good version') && html;
      },
      20_000,
      () => `no error overlay appeared:\n${watcher.output()}`,
    );
    expect(broken).toContain('The second version of the text.');
    expect(broken).not.toContain('The broken version.');
    expect(broken).toContain('showing the last good version');
    expect(broken).toMatch(/reports\/demo\/report\.md:\d+:\d+<\/code> front matter is not valid YAML/);
    await waitFor(async () => watcher.output().includes('not built demo'), 20_000, () => watcher.output());
    expect(watcher.output()).toMatch(/reports\/demo\/report\.md:\d+:\d+ error front matter is not valid YAML/);

    // Fixing it brings the new text and removes the overlay.
    writeFileSync(file, reportSource(body('The repaired version.')));
    const repaired = await waitFor(
      async () => {
        const html = await page(watcher.url);
        return html.includes('The repaired version.') && html;
      },
      20_000,
      () => `the repaired page did not appear:\n${watcher.output()}`,
    );
    expect(repaired).not.toContain('rapporteur-overlay');

    // The process stops cleanly on SIGTERM (exit code 0, nothing left running).
    expect(await watcher.stop()).toBe(0);
  });

  it('rebuilds when a chapter changes and lists several reports on an index page', async () => {
    const root = workspace({
      'reports/one/report.md': reportSource('::toc\n', { title: 'Report One', chapters: '[chapters/a.md]' }),
      'reports/one/chapters/a.md': '# Chapter A\n\nChapter text, first draft.\n',
      'reports/two/report.md': reportSource(body('Second report.'), { title: 'Report Two' }),
    });
    const watcher = await startWatch(root);
    const index = await page(watcher.url);
    expect(index).toContain('Report One');
    expect(index).toContain('Report Two');
    expect(index).toContain('href="/one/"');
    expect(await page(`${watcher.url}one/`)).toContain('Chapter text, first draft.');

    writeFileSync(path.join(root, 'reports/one/chapters/a.md'), '# Chapter A\n\nChapter text, second draft.\n');
    await waitFor(async () => (await page(`${watcher.url}one/`)).includes('second draft'), 20_000, () => watcher.output());
    expect(await page(`${watcher.url}two/`)).toContain('Second report.');
    expect((await fetch(`${watcher.url}nothing-here/`)).status).toBe(404);
  });

  it('takes in a report created while it runs', async () => {
    const root = workspace({ 'reports/one/report.md': reportSource(body('The first report.'), { title: 'Report One' }) });
    const watcher = await startWatch(root);
    expect(await page(watcher.url)).toContain('The first report.');
    expect((await runCliInProcess(['new', 'two', '--title', 'Report Two', '--quiet'], { cwd: root })).code).toBe(0);
    const index = await waitFor(
      async () => {
        const html = await page(watcher.url);
        return html.includes('Report Two') && html;
      },
      20_000,
      () => watcher.output(),
    );
    expect(index).toContain('href="/one/"');
    expect(await page(`${watcher.url}two/`)).toContain('State the recommendation in one sentence');
  });

  it('shows lint findings in the terminal and in the page overlay, and updates them on save', async () => {
    const rec = (verb: string) =>
      `# Introduction\n\n::::recommendation{#keep-evidence title="Keep evidence" uniform}\nCourts ${verb} be able to order that evidence is kept.\n\n:::example{jurisdiction=FR}\nA real example.\n:::\n::::\n`;
    const root = workspace({ 'reports/demo/report.md': reportSource(rec('must')) });
    const watcher = await startWatch(root, ['demo']);
    const html = await page(watcher.url);
    expect(html).toContain('rapporteur-overlay');
    expect(html).toContain('mandatory-language');
    expect(watcher.output()).toMatch(/reports\/demo\/report\.md:\d+:\d+ \w+ .*mandatory-language/);
    writeFileSync(path.join(root, 'reports/demo/report.md'), reportSource(rec('should')));
    await waitFor(async () => !(await page(watcher.url)).includes('mandatory-language'), 20_000, () => watcher.output());
  });

  it('shows the loader\'s warnings in the terminal and in the page overlay', async () => {
    const root = workspace({
      'reports/demo/report.md': reportSource(body('Text.'), { chapters: '[chapters/a.md]' }),
      'reports/demo/chapters/a.md': '---\ntitle: stray\n---\n\n# A\n\nChapter.\n',
    });
    const watcher = await startWatch(root, ['demo']);
    const html = await page(watcher.url);
    expect(html).toContain('rapporteur-overlay');
    expect(html).toContain('a chapter file has front matter');
    expect(watcher.output()).toContain('reports/demo/chapters/a.md:1:1 warning a chapter file has front matter');
  });

  it('rebuilds when the template, an image or the configuration changes', async () => {
    const template = readFileSync(path.join(repoRoot, 'templates/default/template.html'), 'utf8');
    const root = workspace({
      'reports/demo/report.md': reportSource(body('Text with a figure.\n\n![A figure](images/figure.svg)')),
      'reports/demo/images/figure.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
      'templates/house/template.html': template.replace('<main', '<p class="house-banner">House style one</p><main'),
      'templates/house/screen.css': '',
      'rapporteur.config.yaml': 'template: house\n',
    });
    const watcher = await startWatch(root, ['demo']);
    const first = await page(watcher.url);
    expect(first).toContain('House style one');
    const svg = (html: string) => /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(html)?.[1];
    expect(Buffer.from(svg(first)!, 'base64').toString()).toContain('fill="red"');

    writeFileSync(path.join(root, 'templates/house/template.html'), template.replace('<main', '<p class="house-banner">House style two</p><main'));
    await waitFor(async () => (await page(watcher.url)).includes('House style two'), 20_000, () => watcher.output());

    writeFileSync(path.join(root, 'reports/demo/images/figure.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="blue"/></svg>');
    await waitFor(async () => Buffer.from(svg(await page(watcher.url)) ?? '', 'base64').toString().includes('fill="blue"'), 20_000, () => watcher.output());

    // A broken configuration: the last good page stays, with the configuration error on it.
    writeFileSync(path.join(root, 'rapporteur.config.yaml'), 'template: house\nformats: [epub]\n');
    const broken = await waitFor(
      async () => {
        const html = await page(watcher.url);
        return html.includes('rapporteur.config.yaml:2:') && html;
      },
      20_000,
      () => watcher.output(),
    );
    expect(broken).toContain('House style two');
    expect(broken).toContain('showing the last good version');
    writeFileSync(path.join(root, 'rapporteur.config.yaml'), 'template: default\n');
    await waitFor(async () => !(await page(watcher.url)).includes('House style'), 20_000, () => watcher.output());
  });

  it('answers only on 127.0.0.1 and only to requests addressed to localhost', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Text.')) });
    const watcher = await startWatch(root, ['demo']);
    const port = Number(new URL(watcher.url).port);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/', headers: { host: 'attacker.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('survives any URL: malformed percent-escapes, odd request targets, then still serves the report', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Still here after the probes.')) });
    const watcher = await startWatch(root, ['demo']);
    const port = Number(new URL(watcher.url).port);
    const get = (target: string) =>
      new Promise<number>((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port, path: target, headers: { host: `127.0.0.1:${port}` } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
      });
    // What any web page open in the browser can send (fetch/img to http://127.0.0.1:port/...).
    for (const target of ['/%E0%A4%A/', '/demo/%E0%A4%A/', '/%/', '/%zz', '/demo/%ff/', '//x/%E0/']) {
      expect([400, 404, 302]).toContain(await get(target));
    }
    expect(watcher.child.exitCode).toBe(null);
    expect(await page(watcher.url)).toContain('Still here after the probes.');
  });

  it('does not follow a linked folder out of the workspace (inotify watches stay few)', async () => {
    // A folder beside the workspace with 300 subfolders, linked from inside the report folder.
    const outside = makeWorkspace({});
    workspaces.push(outside);
    for (let i = 0; i < 300; i++) mkdirSync(path.join(outside, 'tree', `d${i}`, 'e'), { recursive: true });
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Linked data folder.')) });
    symlinkSync(path.join(outside, 'tree'), path.join(root, 'reports', 'demo', 'data'));
    const watcher = await startWatch(root, ['demo']);
    expect(await page(watcher.url)).toContain('Linked data folder.');
    // Each inotify watch is one `inotify wd:` line in the fdinfo of the watching process.
    let watches = 0;
    for (const fd of readdirSync(`/proc/${watcher.child.pid}/fdinfo`)) {
      const info = readFileSync(`/proc/${watcher.child.pid}/fdinfo/${fd}`, 'utf8');
      watches += info.split('\n').filter((line) => line.startsWith('inotify wd:')).length;
    }
    expect(watches).toBeGreaterThan(0);
    expect(watches).toBeLessThan(50);
  });

  it('takes --port, and refuses a port that is in use with a clear message', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Text.')) });
    const first = await startWatch(root, ['demo']);
    const port = new URL(first.url).port;
    const second = await runCliAsync(['watch', 'demo', '--port', port], { cwd: root });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`port ${port} is in use`);
    const bad = await runCliAsync(['watch', 'demo', '--port', 'eighty'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port: "eighty" is not a port number');
  });

  it('serves a page that explains itself when the first build fails', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Text.')) });
    const watcher = await startWatch(root, ['demo', '--template', 'nowhere']);
    const html = await page(watcher.url);
    expect(html).toContain('has not been built yet');
    expect(html).toContain('template &quot;nowhere&quot; not found');
    expect(watcher.output()).toContain('not built demo');
  });

  it('never writes the reload script into built files', async () => {
    const root = workspace({ 'reports/demo/report.md': reportSource(body('Text.')) });
    const watcher = await startWatch(root, ['demo']);
    expect(await page(watcher.url)).toContain('__rapporteur');
    await watcher.stop();
    expect((await runCliInProcess(['build', 'demo'], { cwd: root })).code).toBe(0);
    const built = readFileSync(path.join(root, 'dist/demo/demo.html'), 'utf8');
    expect(built).not.toContain('__rapporteur');
    expect(built).not.toContain('<script');
  });
});
