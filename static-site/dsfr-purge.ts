// The State design system (DSFR, @gouvfr/dsfr) cut down to what the site
// uses. The full stylesheet is 585 KB minified, with web fonts of 58 KB each:
// a candidate's phone at 10:00 must not fetch that. Kept:
// - every rule whose `fr-` classes all appear in the site's sources (found by
//   scanning them: usedDsfrClasses), and the rules with no `fr-` class at all
//   (the reset and the base typography every page relies on);
// - the custom properties those rules reach, through var() chains;
// - the icons they draw, inlined as data: URIs (the CSP allows img-src data:).
// Dropped: @font-face (Marianne and Spectral: the stacks' system fallbacks,
// arial and georgia, are what DSFR itself shows before its fonts load), the
// dark theme and system scheme (the pages never set data-fr-theme), rules
// that only apply once DSFR's JavaScript has run (data-fr-js-*: not shipped),
// and the mourning variant.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import postcss, { type AtRule, type Declaration, type Root } from 'postcss';

/** The DSFR build the purge starts from: core, components and layout, no legacy, no print. */
export const DSFR_CSS = 'node_modules/@gouvfr/dsfr/dist/dsfr.main.min.css';
const DSFR_DIST = 'node_modules/@gouvfr/dsfr/dist';

/**
 * Where classes are used: the public pages (render, and the layout they share
 * in site), the statistics pages and the site's own assets and scripts. A class built at run time
 * (`fr-badge--${x}`) is invisible here: write class names whole.
 */
export const CLASS_SOURCES = ['shared/render', 'shared/site', 'shared/stats', 'static-site'];
/**
 * The rectorat console's stylesheet adds its own classes: kept apart, so that
 * its forms and tables weigh nothing on a candidate's phone.
 */
export const CONSOLE_CLASS_SOURCES = [...CLASS_SOURCES, 'shared/console'];
const SCANNED = new Set(['.ts', '.js', '.html', '.css']);
const SKIPPED_FOLDERS = new Set(['dist', 'node_modules']);
// The build's own code names DSFR classes and attributes in its comments and patterns.
const SKIPPED_FILES = new Set(['dsfr-purge.ts', 'build-assets.ts']);
const CLASS_TOKEN = /\bfr-[a-z0-9_-]*[a-z0-9]/g;

/** Every source file under `folders` (relative to `root`; a missing folder has none). */
export async function classSourceFiles(
  root: string,
  folders: readonly string[] = CLASS_SOURCES,
): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) await walk(join(dir, e.name));
      } else if (SCANNED.has(extname(e.name)) && !SKIPPED_FILES.has(e.name))
        files.push(join(dir, e.name));
    }
  };
  for (const folder of folders) await walk(join(root, folder));
  return files.sort();
}

/** What the sources use, as far as a stylesheet can tell: classes, elements, input types. */
export interface UsedMarkup {
  classes: ReadonlySet<string>;
  /** Element names written as `<name` or created by script; html, body and :root always. */
  tags: ReadonlySet<string>;
  /** `type="…"` values (input and button types). */
  types: ReadonlySet<string>;
}

const TAG_TOKEN = /<([a-z][a-z0-9]*)\b|createElement(?:NS)?\([^)]*?['"]([a-z][a-z0-9]*)['"]\)/g;
const TYPE_TOKEN = /\btype=\\?["']?([a-z]+)/g;

/** Scans the sources once for classes, element names and types. */
export async function usedMarkup(
  root: string,
  folders: readonly string[] = CLASS_SOURCES,
): Promise<UsedMarkup> {
  const classes = new Set<string>();
  const tags = new Set(['html', 'body']);
  const types = new Set<string>();
  for (const file of await classSourceFiles(root, folders)) {
    const text = await readFile(file, 'utf8');
    for (const token of text.match(CLASS_TOKEN) ?? []) classes.add(token);
    for (const [, tag, created] of text.matchAll(TAG_TOKEN)) tags.add(tag ?? created ?? '');
    for (const [, type] of text.matchAll(TYPE_TOKEN)) if (type) types.add(type);
  }
  return { classes, tags, types };
}

/** The `fr-` tokens written in the sources: a superset of the classes used, which is harmless. */
export async function usedDsfrClasses(
  root: string,
  folders: readonly string[] = CLASS_SOURCES,
): Promise<Set<string>> {
  const used = new Set<string>();
  for (const file of await classSourceFiles(root, folders)) {
    for (const token of (await readFile(file, 'utf8')).match(CLASS_TOKEN) ?? []) used.add(token);
  }
  return used;
}

// Selectors that never match a page of the site: no dark theme, no DSFR script, no mourning.
const NEVER_MATCHES = /\[data-fr-(theme=dark|scheme|js|mourning)/;
const CLASS_IN_SELECTOR = /\.(fr-[a-zA-Z0-9_-]+)/g;
// [class^=fr-icon-], [class*=" fr-icon-"], [class*=fr-col]
const CLASS_ATTRIBUTE = /\[class([*^|$]?)=["']?\s?(fr-[a-zA-Z0-9_-]*)["']?\]/g;

// What a selector requires outside any :not()/:is() argument: its element names and types.
const PARENTHESISED = /\([^()]*\)/g;
const TYPE_SELECTOR = /(?:^|[\s>+~])([a-z][a-z0-9]*)/g;
const TYPE_ATTRIBUTE = /\[type=["']?([a-z]+)["']?\]/g;

/** Whether a selector can match elements the sources write (type selectors, [type=…]). */
function markupUsed(selector: string, markup: UsedMarkup): boolean {
  let outer = selector;
  while (PARENTHESISED.test(outer)) outer = outer.replace(PARENTHESISED, '');
  for (const [, type] of outer.matchAll(TYPE_ATTRIBUTE))
    if (type && !markup.types.has(type)) return false;
  const compounds = outer.replace(/\[[^\]]*\]/g, '').replace(/::?[a-z-]+/g, '');
  for (const [, tag] of compounds.matchAll(TYPE_SELECTOR))
    if (tag && !markup.tags.has(tag)) return false;
  return true;
}

function selectorUsed(selector: string, used: ReadonlySet<string>): boolean {
  if (NEVER_MATCHES.test(selector)) return false;
  for (const [, name] of selector.matchAll(CLASS_IN_SELECTOR))
    if (name === undefined || !used.has(name)) return false;
  for (const [, op, value] of selector.matchAll(CLASS_ATTRIBUTE)) {
    if (value === undefined) return false;
    const hit = [...used].some((c) => (op === '*' ? c.includes(value) : c.startsWith(value)));
    if (!hit) return false;
  }
  return true;
}

const VAR_REFERENCE = /var\(\s*(--[a-zA-Z0-9_-]+)/g;

/** Drops custom properties no kept declaration reaches, following var() chains. */
function pruneCustomProperties(root: Root): void {
  const definitions = new Map<string, Declaration[]>();
  const reached = new Set<string>();
  const pending: string[] = [];
  const reach = (value: string) => {
    for (const [, name] of value.matchAll(VAR_REFERENCE))
      if (name !== undefined && !reached.has(name)) {
        reached.add(name);
        pending.push(name);
      }
  };
  root.walkDecls((d) => {
    if (d.prop.startsWith('--')) definitions.set(d.prop, [...(definitions.get(d.prop) ?? []), d]);
    else reach(d.value);
  });
  for (let name = pending.pop(); name !== undefined; name = pending.pop())
    for (const d of definitions.get(name) ?? []) reach(d.value);
  for (const [name, decls] of definitions)
    if (!reached.has(name)) for (const d of decls) d.remove();
}

/** Keyframes no kept animation names. */
function pruneKeyframes(root: Root): void {
  const animations: string[] = [];
  root.walkDecls(/^animation(-name)?$/, (d) => {
    animations.push(d.value);
  });
  root.walkAtRules(/keyframes$/, (r) => {
    if (!animations.some((a) => new RegExp(`(^|[\\s,])${r.params}([\\s,]|$)`).test(a))) r.remove();
  });
}

function pruneEmpty(root: Root): void {
  let removed = true;
  while (removed) {
    removed = false;
    root.walk((node) => {
      if ((node.type === 'rule' || node.type === 'atrule') && node.nodes?.length === 0) {
        node.remove();
        removed = true;
      }
    });
  }
}

const ICON_URL = /url\(["']?(icons\/[a-z0-9/_-]+\.svg)["']?\)/g;

/** `url(icons/…svg)` (relative to DSFR's dist/) becomes a data: URI: no request, no file. */
async function inlineIcons(root: Root, dsfrDist: string): Promise<void> {
  const icons = new Map<string, string>();
  root.walkDecls((d) => {
    for (const [, path] of d.value.matchAll(ICON_URL)) if (path) icons.set(path, '');
  });
  for (const path of icons.keys()) {
    const svg = (await readFile(join(dsfrDist, path), 'utf8')).replace(/\s+/g, ' ').trim();
    icons.set(path, `url("data:image/svg+xml,${encodeURIComponent(svg)}")`);
  }
  root.walkDecls((d) => {
    d.value = d.value.replace(ICON_URL, (whole, path: string) => icons.get(path) ?? whole);
  });
}

/**
 * The DSFR rules the site uses, minified, from the package under `root`;
 * `used`: what the sources use (default: scanned from CLASS_SOURCES).
 */
export async function purgedDsfrCss(root: string, used?: UsedMarkup): Promise<string> {
  const markup = used ?? (await usedMarkup(root));
  const css = await readFile(join(root, DSFR_CSS), 'utf8');
  const tree = postcss.parse(css);
  tree.walkAtRules('font-face', (r) => {
    r.remove();
  });
  tree.walkRules((rule) => {
    const parent = rule.parent as AtRule | undefined;
    if (parent?.type === 'atrule' && parent.name.endsWith('keyframes')) return;
    const kept = rule.selectors.filter(
      (s) => selectorUsed(s, markup.classes) && markupUsed(s, markup),
    );
    if (kept.length === 0) rule.remove();
    else if (kept.length !== rule.selectors.length) rule.selectors = kept;
  });
  // The licence comment stays (Etalab 2.0 asks for attribution); DSFR's build notes go.
  tree.walkComments((c) => {
    if (!c.text.includes('SPDX-License-Identifier')) c.remove();
  });
  pruneCustomProperties(tree);
  pruneKeyframes(tree);
  pruneEmpty(tree);
  await inlineIcons(tree, join(root, DSFR_DIST));
  return tree.toString().replace(/\n/g, '');
}
