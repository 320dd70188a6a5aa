// Adds to the render function's bundle what shared/render/release.ts reads
// at run time: the site's CSS (from <bundle>/static-site/, where its
// REPO_ROOT points in the bundle) and the lookup page's script, bundled
// here with the options release.ts uses (keep them in step: a test renders
// locally and compares).
// Usage: node --import tsx infra/bundling/render-assets.ts <repo root> <bundle dir>
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export const LOOKUP_PAGE_OPTIONS: esbuild.BuildOptions & { write: false } = {
  entryPoints: ['static-site/lookup/lookup-page.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
};

export async function lookupPage(root: string): Promise<Uint8Array> {
  const out = await esbuild.build({ absWorkingDir: root, ...LOOKUP_PAGE_OPTIONS });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no lookup page');
  return file.contents;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [root, bundle] = process.argv.slice(2);
  if (!root || !bundle) throw new Error('usage: render-assets.ts <repo root> <bundle dir>');
  await mkdir(join(bundle, 'static-site/assets'), { recursive: true });
  await copyFile(join(root, 'static-site/assets/site.css'), join(bundle, 'static-site/assets/site.css'));
  await writeFile(join(bundle, 'lookup-page.js'), await lookupPage(root));
}
