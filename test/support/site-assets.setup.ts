// Vitest global set-up: the renderer reads the lookup page's script as a
// built asset (static-site/dist/lookup.js); a clone whose install did not
// build it, or whose sources changed since, gets it built here once.
import { buildSiteAssets, siteAssetsStale } from '../../static-site/build-assets.js';

export default async function setup(): Promise<void> {
  if (await siteAssetsStale()) await buildSiteAssets();
}
