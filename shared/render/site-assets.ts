// The two assets every release carries, read as built files: the site's
// stylesheet (static-site/assets/site.css, a source file) and the lookup
// page's script (static-site/dist/lookup.js, bundled once at build time by
// `npm run build:assets`, see static-site/build-assets.ts). Nothing is
// bundled here at run time, so the renderer needs no esbuild, and a release
// carries the same bytes wherever it is rendered: the render functions'
// packages copy the same files (infra/bundling/render-assets.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SITE_CSS = 'static-site/assets/site.css';
export const LOOKUP_SCRIPT = 'static-site/dist/lookup.js';

export interface SiteAssets {
  css: Uint8Array;
  lookupScript: Uint8Array;
}

/**
 * The nearest folder, from `from` up, that holds the built lookup script:
 * the repository's root when run from the sources (this module is two
 * levels below it), the package's root in a Lambda bundle (the bundle is
 * one file at its root, beside the copied assets). No setting, no guess:
 * a folder without the assets above it is an error naming the build step.
 */
export function findSiteRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, LOOKUP_SCRIPT))) return dir;
    if (dirname(dir) === dir)
      throw new Error(
        `${LOOKUP_SCRIPT} not found in ${from} or above it: run \`npm run build:assets\``,
      );
  }
}

const loaded = new Map<string, Promise<SiteAssets>>();

/** Reads the assets under `root` (default: findSiteRoot()), once per process and root. */
export function loadSiteAssets(root: string = findSiteRoot()): Promise<SiteAssets> {
  let assets = loaded.get(root);
  if (!assets) {
    assets = Promise.all([
      readFile(join(root, SITE_CSS)),
      readFile(join(root, LOOKUP_SCRIPT)),
    ]).then(([css, lookupScript]) => ({ css, lookupScript }));
    // A failed read is not kept: the next render tries again.
    assets.catch(() => loaded.delete(root));
    loaded.set(root, assets);
  }
  return assets;
}
