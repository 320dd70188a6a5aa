// Adds to the render function's bundle what shared/render/release.ts reads
// at run time: the site's CSS (from <bundle>/static-site/, where its
// REPO_ROOT points in the bundle) and the lookup page's script, bundled
// here by the renderer's own function (a test renders locally and compares).
// Usage: node --import tsx infra/bundling/render-assets.ts <repo root> <bundle dir>
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLookupPage } from '../../shared/render/lookup-bundle.js';

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const [root, bundle] = process.argv.slice(2);
  if (!root || !bundle) throw new Error('usage: render-assets.ts <repo root> <bundle dir>');
  await mkdir(join(bundle, 'static-site/assets'), { recursive: true });
  await copyFile(
    join(root, 'static-site/assets/site.css'),
    join(bundle, 'static-site/assets/site.css'),
  );
  await writeFile(join(bundle, 'lookup-page.js'), await buildLookupPage(root));
}
