// Adds to the bundle of each function that renders (render, publish, fraud)
// what shared/render/site-assets.ts reads at run time, at the same paths
// under the package's root as under the repository's: the site's CSS, the
// lookup page's script and the countdown, built once by `npm run build:assets` (built here if
// missing). The bytes are copied, never rebuilt, so a release rendered in
// Lambda carries the very files a local render does (test/infra/render-bundle.test.ts).
// Usage: node --import tsx infra/bundling/render-assets.ts <repo root> <bundle dir>
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SITE_ASSET_FILES } from '../../shared/render/site-assets.js';
import { buildSiteAssets, siteAssetsStale } from '../../static-site/build-assets.js';

/** Copies the built assets of the repository at `root` into the bundle folder `bundle`. */
export async function copyRenderAssets(root: string, bundle: string): Promise<void> {
  if (await siteAssetsStale(root)) await buildSiteAssets(root);
  for (const path of SITE_ASSET_FILES) {
    await mkdir(dirname(join(bundle, path)), { recursive: true });
    await copyFile(join(root, path), join(bundle, path));
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [root, bundle] = process.argv.slice(2);
  if (!root || !bundle) throw new Error('usage: render-assets.ts <repo root> <bundle dir>');
  await copyRenderAssets(root, bundle);
}
