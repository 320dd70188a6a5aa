import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../functions/render/prebuilt-esbuild.js';
import { ROOT } from '../../infra/constructs/project-function.js';
import { renderRelease } from '../../shared/render/release.js';
import { decision, fakeRoot, releaseParams } from '../unit/render/fixtures.js';

// What the render function's afterBundling hook runs, into a directory standing for the Lambda package.
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

describe('render function bundle', () => {
  it('ships the site CSS where the renderer reads it', async () => {
    expect(
      (await readFile(join(bundle, 'static-site/assets/site.css'))).equals(
        await readFile(join(ROOT, 'static-site/assets/site.css')),
      ),
    ).toBe(true);
  });

  it('serves, in place of esbuild, the very lookup script a local render puts in a release', async () => {
    const previous = process.env.LAMBDA_TASK_ROOT;
    process.env.LAMBDA_TASK_ROOT = bundle;
    try {
      const [prebuilt] = (await build()).outputFiles;
      const release = await renderRelease({
        academie: 'aix-marseille',
        session: '2024-06',
        groupe: 1,
        decisions: [decision({ numero: '24000000001' })],
        lookup: { params: releaseParams(1), root: fakeRoot },
      });
      const script = release.files.find((f) => /\/assets\/lookup\.[0-9a-f]{8}\.js$/.test(f.path));
      expect(script).toBeDefined();
      expect(Buffer.from(prebuilt!.contents).equals(Buffer.from(script!.body))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.LAMBDA_TASK_ROOT;
      else process.env.LAMBDA_TASK_ROOT = previous;
    }
  });
});
