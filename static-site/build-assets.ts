// Builds the site's one generated asset, once, ahead of any render: the
// lookup page's script (static-site/lookup/lookup-page.ts bundled for
// browsers) into static-site/dist/lookup.js (git-ignored). Run by
// `npm run build:assets`, which `npm install` runs (the `prepare` script),
// and by the test set-up when the file is missing or older than its
// sources. The renderer only reads the file (shared/render/site-assets.ts).
// Usage: node --import tsx static-site/build-assets.ts
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
export const LOOKUP_SCRIPT_OUT = 'static-site/dist/lookup.js';
/** The folders whose TypeScript the script is bundled from. */
const SOURCES = ['static-site/lookup', 'shared/render/lookup'];

const LOOKUP_PAGE_OPTIONS = {
  entryPoints: ['static-site/lookup/lookup-page.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  // Minified: no file paths in comments, so no machine-dependent bytes.
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Bundles the script of the repository at `root` into its static-site/dist/. */
export async function buildSiteAssets(root: string = ROOT): Promise<string> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({ absWorkingDir: root, ...LOOKUP_PAGE_OPTIONS });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no lookup page');
  const target = join(root, LOOKUP_SCRIPT_OUT);
  await mkdir(join(target, '..'), { recursive: true });
  await writeFile(target, file.contents);
  return target;
}

/** True when the built script is missing or older than one of its sources. */
export async function siteAssetsStale(root: string = ROOT): Promise<boolean> {
  const built = await stat(join(root, LOOKUP_SCRIPT_OUT)).catch(() => undefined);
  if (!built) return true;
  for (const folder of SOURCES) {
    for (const name of await readdir(join(root, folder))) {
      const source = await stat(join(root, folder, name));
      if (source.mtimeMs > built.mtimeMs) return true;
    }
  }
  return false;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  console.log(`built ${await buildSiteAssets()}`);
}
