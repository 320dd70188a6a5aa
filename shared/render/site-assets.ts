// The assets of the public pages, read as built files (static-site/dist/,
// made once at build time by `npm run build:assets`, see
// static-site/build-assets.ts): the site's stylesheet (the State design
// system cut down to the classes used, then static-site/assets/site.css),
// which every release and the pages outside releases carry, the lookup
// page's script (releases), and the countdown of the national home page and
// the announcements (outside releases). Nothing is
// bundled here at run time, so the renderer needs no esbuild, and a release
// carries the same bytes wherever it is rendered: the render functions'
// packages copy the same files (infra/bundling/render-assets.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SITE_CSS = 'static-site/dist/site.css';
export const LOOKUP_SCRIPT = 'static-site/dist/lookup.js';
export const COUNTDOWN_SCRIPT = 'static-site/dist/countdown.js';
/** What a package that renders must carry (infra/bundling/render-assets.ts copies them). */
export const SITE_ASSET_FILES = [SITE_CSS, LOOKUP_SCRIPT, COUNTDOWN_SCRIPT] as const;

export interface SiteAssets {
  css: Uint8Array;
  lookupScript: Uint8Array;
  countdownScript: Uint8Array;
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
      readFile(join(root, COUNTDOWN_SCRIPT)),
    ]).then(([css, lookupScript, countdownScript]) => ({ css, lookupScript, countdownScript }));
    // A failed read is not kept: the next render tries again.
    assets.catch(() => loaded.delete(root));
    loaded.set(root, assets);
  }
  return assets;
}
