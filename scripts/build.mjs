#!/usr/bin/env node
// Compiles src/ and sim/ to plain ESM JavaScript under dist/ (esbuild, one output file per
// source file, no bundling), copies the data files the code reads at run time (SQL
// migrations, the model catalog) and bundles the web dashboard (web/, Vite) into dist/web. Type checking is `npm run typecheck`; this is the build
// that `npm start`, `npm run demo` and the `switchyard` command run.
// Usage: node scripts/build.mjs [--if-stale]   (--if-stale: do nothing when dist/ is newer)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const stampFile = join(outdir, '.build-stamp');
const sourceRoots = ['src', 'sim'];
/** Files the code opens by URL at run time; copied beside the compiled modules. */
const assetExtensions = ['.json', '.sql'];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, out);
    else out.push({ path, mtimeMs: stat.mtimeMs });
  }
  return out;
}

const webRoot = join(root, 'web');
const webFiles = walk(webRoot, []);
const files = sourceRoots.flatMap((dir) => walk(join(root, dir), []));
const isTest = (path) => path.endsWith('.test.ts') || path.includes('/__fixtures__/') || path.includes('/contract/');
const entryPoints = files.filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.d.ts') && !isTest(f.path)).map((f) => f.path);
const assets = files.filter((f) => assetExtensions.some((ext) => f.path.endsWith(ext)) && !isTest(f.path));

const newest = Math.max(...files.map((f) => f.mtimeMs), ...webFiles.map((f) => f.mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
// The stamp records the newest source time and the file count, so edits, additions and deletions all rebuild.
const stale = readStamp() !== `${newest} ${files.length + webFiles.length}`;
if (process.argv.includes('--if-stale') && !stale) process.exit(0);

const started = Date.now();
// Build beside dist/ and swap it in, so a running process never imports from a half-written tree.
const staging = `${outdir}.staging-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: staging,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const asset of assets) {
  const target = join(staging, relative(root, asset.path));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(asset.path, target);
}
// The dashboard: Vite bundles web/ (Preact, Chart.js) into static files the gateway serves at /.
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(staging, 'web'), emptyOutDir: true } });
writeFileSync(join(staging, '.build-stamp'), `${newest} ${files.length + webFiles.length}`);
const retired = `${outdir}.retired-${process.pid}`;
try {
  renameSync(outdir, retired);
} catch {
  // no previous build
}
renameSync(staging, outdir);
rmSync(retired, { recursive: true, force: true });
process.stderr.write(`switchyard: compiled ${entryPoints.length} modules to dist/ in ${Date.now() - started} ms\n`);

function readStamp() {
  try {
    return readFileSync(stampFile, 'utf8');
  } catch {
    return '';
  }
}
