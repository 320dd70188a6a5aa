import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Stands in for the `esbuild` package inside the Lambda bundles (an alias
 * set in infra/constructs/project-function.ts). The renderer bundles the
 * lookup page with esbuild at run time (shared/render/release.ts); a Lambda
 * has no esbuild binary, so the bundle is made at synth with the same
 * options (infra/bundling/render-assets.ts) and read from the package here.
 */
export async function build(): Promise<{ outputFiles: { contents: Uint8Array }[] }> {
  const contents = await readFile(
    join(process.env.LAMBDA_TASK_ROOT ?? '/var/task', 'lookup-page.js'),
  );
  return { outputFiles: [{ contents: new Uint8Array(contents) }] };
}
