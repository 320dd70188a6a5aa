// The functions that render read the site's assets from their package
// (infra/bundling/render-assets.ts copies them there, as the afterBundling
// hook does): a release rendered from that package must be byte-identical
// to one rendered from the repository.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/constructs/project-function.js';
import { renderRelease, type RenderInput } from '../../shared/render/release.js';
import { findSiteRoot, LOOKUP_SCRIPT, SITE_CSS } from '../../shared/render/site-assets.js';
import { decision, fakeRoot, releaseParams } from '../unit/render/fixtures.js';

// What the render function's afterBundling hook runs, into a directory standing for the Lambda
// package (the bundle, index.mjs, sits at its root).
let bundle: string;
beforeAll(async () => {
  bundle = await mkdtemp(join(tmpdir(), 'publibac-render-bundle-'));
  await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    join(ROOT, 'infra/bundling/render-assets.ts'),
    ROOT,
    bundle,
  ]);
});
afterAll(async () => rm(bundle, { recursive: true, force: true }));

const input: RenderInput = {
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  decisions: [decision({ numero: '24000000001' })],
  lookup: { params: releaseParams(1), root: fakeRoot },
};

describe('render function bundle', () => {
  it(
    'ships the built assets byte for byte, where the renderer finds them from the ' + 'bundle',
    async () => {
      for (const path of [SITE_CSS, LOOKUP_SCRIPT])
        expect((await readFile(join(bundle, path))).equals(await readFile(join(ROOT, path)))).toBe(
          true,
        );
      // The renderer looks from its own folder up: in Lambda, the package's root.
      expect(findSiteRoot(bundle)).toBe(bundle);
      expect(findSiteRoot(join(ROOT, 'shared/render'))).toBe(ROOT);
    },
  );

  it(
    'renders from the package the very release a local render makes, lookup script ' + 'included',
    async () => {
      const local = await renderRelease(input);
      const packaged = await renderRelease({ ...input, siteRoot: bundle });
      expect(packaged.id).toBe(local.id);
      const script = (r: typeof local) =>
        r.files.find((f) => /\/assets\/lookup\.[0-9a-f]{8}\.js$/.test(f.path));
      expect(script(packaged)).toBeDefined();
      expect(Buffer.from(script(packaged)!.body)).toEqual(
        await readFile(join(bundle, LOOKUP_SCRIPT)),
      );
      expect(Buffer.from(script(local)!.body).equals(Buffer.from(script(packaged)!.body))).toBe(
        true,
      );
    },
  );
});
