/**
 * Builds the workbench (src/ui) into dist/ui: the script and style bundles with esbuild (content-hashed
 * names, split into chunks so the first page loads only what it shows), and index.html with the tags
 * that load them. Run by `npm run build` (and so by `npm ci`); `--watch` rebuilds on change.
 *
 *   tsx scripts/ui/build.ts [--watch]
 *
 * Prints the size of the script the first page load fetches (the entry and its static imports).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'dist/ui');
const ASSETS = join(OUT, 'assets');

const options: esbuild.BuildOptions = {
  entryPoints: { main: join(ROOT, 'src/ui/main.tsx') },
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: ASSETS,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/** Writes index.html for a finished build and returns the bytes of script the first page load fetches. */
function writeIndex(metafile: esbuild.Metafile): number {
  const outputs = Object.entries(metafile.outputs);
  const entry = outputs.find(([path, o]) => path.endsWith('.js') && o.entryPoint?.endsWith('src/ui/main.tsx'));
  if (!entry) throw new Error('The build has no output for src/ui/main.tsx.');
  const [entryPath, entryOutput] = entry;
  const css = entryOutput.cssBundle;
  // The first load: the entry and the chunks it imports statically (lazy views come later, on demand).
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryPath);
  const firstLoad = [...seen].reduce((sum, path) => sum + (metafile.outputs[path]?.bytes ?? 0), 0);
  const url = (path: string): string => `/assets/${relative(ASSETS, join(ROOT, path)).split('\\').join('/')}`;
  const preloads = [...seen].filter((p) => p !== entryPath).map((p) => `    <link rel="modulepreload" href="${url(p)}">`);
  const template = readFileSync(join(ROOT, 'src/ui/index.html'), 'utf8');
  const html = template.replace(
    '<!-- assets -->',
    [...(css ? [`    <link rel="stylesheet" href="${url(css)}">`] : []), ...preloads, `    <script type="module" src="${url(entryPath)}"></script>`].join('\n').trimStart(),
  );
  writeFileSync(join(OUT, 'index.html'), html);
  writeFileSync(join(OUT, 'build.json'), `${JSON.stringify({ entry: basename(entryPath), firstLoadScriptBytes: firstLoad }, null, 2)}\n`);
  return firstLoad;
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(ASSETS, { recursive: true });
  if (process.argv.includes('--watch')) {
    const context = await esbuild.context({ ...options, plugins: [{ name: 'index', setup: (b) => b.onEnd((r) => void (r.metafile && writeIndex(r.metafile))) }] });
    await context.watch();
    console.log('Watching src/ui: dist/ui is rebuilt on every change (Ctrl-C to stop).');
    return;
  }
  const result = await esbuild.build(options);
  const bytes = writeIndex(result.metafile!);
  console.log(`Workbench built in dist/ui: ${(bytes / 1024).toFixed(1)} KB of script on the first page load.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
