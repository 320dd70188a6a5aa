// The landing page's script: static-site/lookup/lookup-page.ts bundled for
// browsers. One definition of the options, used by the renderer (at run
// time) and by the render Lambda's packaging (at synth, where the bundle is
// made ahead because a Lambda has no esbuild binary): same bytes both ways.
import type { BuildOptions } from 'esbuild';

export const LOOKUP_PAGE_OPTIONS = {
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

/** Bundles the script from the repository at `root`. */
export async function buildLookupPage(root: string): Promise<Uint8Array> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({ absWorkingDir: root, ...LOOKUP_PAGE_OPTIONS });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no lookup page');
  return file.contents;
}
