// Bundles the compiled CLI (lib/cli/main.js) into one file, lib/bundle/main.js, which Node loads
// about three times faster than the few hundred small modules it is made of (~0.1 s instead of
// ~0.3 s of CPU per command: a third of pandoc's whole time on a 100-page report). Every
// lib/**/*-worker.js becomes lib/bundle/<name>-worker.js beside it, so `new URL('./x-worker.js',
// import.meta.url)` still finds it. The bundle sits two folders down, like every compiled module,
// so paths made from import.meta.url ('../..' = the package) stay right.
//
// Optional: without esbuild (a production install) nothing is bundled and bin/rapporteur loads
// lib/cli/main.js. bin/rapporteur also ignores a bundle older than lib/cli/main.js.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.join(root, 'lib');
const out = path.join(lib, 'bundle');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  rmSync(out, { recursive: true, force: true });
  process.exit(0);
}

function workers(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'bundle' ? [] : workers(abs);
    return entry.name.endsWith('-worker.js') ? [abs] : [];
  });
}

rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(lib, 'cli', 'main.js'), ...workers(lib)],
  outdir: out,
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages that find their own files (workers, polyfills, css-tree's data) at run time and are loaded lazily.
  external: ['puppeteer-core', 'pagedjs', 'pdfjs-dist', 'esbuild', 'css-tree'],
  // CommonJS packages inside an ES module bundle still need `require`.
  banner: { js: "import { createRequire as __rapporteurRequire } from 'node:module'; const require = __rapporteurRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The search page's copy of MiniSearch (src/site/search.ts): minified and without comments, so
// the published file names no other site (the package's UMD build links to MDN in its comments).
{
  const { createRequire } = await import('node:module');
  const { mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  const source = readFileSync(path.join(path.dirname(require.resolve('minisearch')), '..', 'umd', 'index.js'), 'utf8');
  const { code } = await esbuild.transform(source, { minify: true, legalComments: 'none', target: 'es2018' });
  mkdirSync(path.join(lib, 'site'), { recursive: true });
  writeFileSync(path.join(lib, 'site', 'minisearch.browser.js'), `/* MiniSearch, MIT licence, (c) Luca Ongaro */\n${code}`);
}
