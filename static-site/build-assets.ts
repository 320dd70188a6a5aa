// Builds the site's generated assets, once, ahead of any render: the
// lookup page's script (static-site/lookup/lookup-page.ts bundled for
// browsers) into static-site/dist/lookup.js, the countdown of the pages
// outside releases (static-site/countdown/) into static-site/dist/countdown.js,
// the rectorat console's script (shared/console/console-client.ts) into
// static-site/dist/console.js,
// and the stylesheet, the State
// design system cut down to the classes the sources use (static-site/
// dsfr-purge.ts) followed by static-site/assets/site.css, into
// static-site/dist/site.css (both git-ignored). Run by
// `npm run build:assets`, which `npm install` runs (the `prepare` script),
// and by the test set-up when a file is missing or older than its
// sources. The renderer only reads the files (shared/render/site-assets.ts).
// Usage: node --import tsx static-site/build-assets.ts
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import {
  classSourceFiles,
  CONSOLE_CLASS_SOURCES,
  DSFR_CSS,
  purgedDsfrCss,
  usedMarkup,
} from './dsfr-purge.js';

const ROOT = join(import.meta.dirname, '..');
export const LOOKUP_SCRIPT_OUT = 'static-site/dist/lookup.js';
export const COUNTDOWN_SCRIPT_OUT = 'static-site/dist/countdown.js';
export const SITE_CSS_OUT = 'static-site/dist/site.css';
/** The same for the rectorat console, with its classes too (shared/console). */
export const CONSOLE_CSS_OUT = 'static-site/dist/console.css';
/** The rectorat console's page script (shared/console/console-client.ts). */
export const CONSOLE_SCRIPT_OUT = 'static-site/dist/console.js';
/** The site's own rules, after DSFR's: what the design system has no class for. */
export const SITE_CSS_SOURCE = 'static-site/assets/site.css';
/** The folders whose TypeScript the script is bundled from. */
const SOURCES = [
  'static-site/lookup',
  'shared/render/lookup',
  'static-site/countdown',
  'shared/console',
];

const SCRIPT_OPTIONS = {
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

/** Builds the script and the stylesheet of the repository at `root` into its static-site/dist/. */
export async function buildSiteAssets(root: string = ROOT): Promise<string[]> {
  return [
    await buildScript(root, 'static-site/lookup/lookup-page.ts', LOOKUP_SCRIPT_OUT),
    await buildScript(root, 'static-site/countdown/countdown-page.ts', COUNTDOWN_SCRIPT_OUT),
    await buildScript(root, 'shared/console/console-client.ts', CONSOLE_SCRIPT_OUT),
    await buildStylesheet(root, SITE_CSS_OUT),
    await buildStylesheet(root, CONSOLE_CSS_OUT, CONSOLE_CLASS_SOURCES),
  ];
}

async function buildScript(root: string, entry: string, out: string): Promise<string> {
  const esbuild = await import('esbuild');
  const built = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    ...SCRIPT_OPTIONS,
  });
  const file = built.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return writeAtomically(join(root, out), file.contents);
}

async function buildStylesheet(
  root: string,
  out: string,
  classSources?: readonly string[],
): Promise<string> {
  const own = (await readFile(join(root, SITE_CSS_SOURCE), 'utf8'))
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  const dsfr = await purgedDsfrCss(root, await usedMarkup(root, classSources));
  return writeAtomically(join(root, out), `${dsfr}\n${own}\n`);
}

/** Written beside, then renamed: a render or a test run reading it meanwhile sees a whole file. */
async function writeAtomically(target: string, body: string | Uint8Array): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, target);
  return target;
}

const mtime = async (path: string) => (await stat(path).catch(() => undefined))?.mtimeMs;

/** True when a built file is missing or older than one of its sources. */
export async function siteAssetsStale(root: string = ROOT): Promise<boolean> {
  const lookup = await mtime(join(root, LOOKUP_SCRIPT_OUT));
  const countdown = await mtime(join(root, COUNTDOWN_SCRIPT_OUT));
  const consoleScript = await mtime(join(root, CONSOLE_SCRIPT_OUT));
  const css = Math.min(
    (await mtime(join(root, SITE_CSS_OUT))) ?? 0,
    (await mtime(join(root, CONSOLE_CSS_OUT))) ?? 0,
  );
  if (lookup === undefined || countdown === undefined || consoleScript === undefined) return true;
  if (css === 0) return true;
  const script = Math.min(lookup, countdown, consoleScript);
  for (const folder of SOURCES) {
    for (const name of await readdir(join(root, folder))) {
      if (((await mtime(join(root, folder, name))) ?? 0) > script) return true;
    }
  }
  // Any source may start using a DSFR class, or stop.
  const cssSources = [
    ...(await classSourceFiles(root, CONSOLE_CLASS_SOURCES)),
    join(root, DSFR_CSS),
    join(root, SITE_CSS_SOURCE),
  ];
  for (const file of cssSources) if (((await mtime(file)) ?? 0) > css) return true;
  return false;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  for (const file of await buildSiteAssets()) console.log(`built ${file}`);
}
