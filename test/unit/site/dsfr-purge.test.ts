// The DSFR stylesheet cut down to what the sources use (static-site/dsfr-purge.ts).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DSFR_CSS,
  purgedDsfrCss,
  usedMarkup,
  type UsedMarkup,
} from '../../../static-site/dsfr-purge.js';

const ROOT = join(import.meta.dirname, '../../..');
const markup = (classes: string[], tags = ['a', 'button', 'p'], types = ['submit']) =>
  ({
    classes: new Set(classes),
    tags: new Set(['html', 'body', ...tags]),
    types: new Set(types),
  }) satisfies UsedMarkup;

describe('purgedDsfrCss', () => {
  it('keeps the rules of the classes used and drops the other components', async () => {
    const css = await purgedDsfrCss(ROOT, markup(['fr-btn', 'fr-badge', 'fr-badge--success']));
    expect(css).toMatch(/\.fr-btn\{/);
    expect(css).toContain('.fr-badge--success');
    for (const absent of ['.fr-modal', '.fr-header', '.fr-accordion', '.fr-badge--error'])
      expect(css, absent).not.toContain(absent);
    // Licence kept (Etalab 2.0 asks for attribution), DSFR's build notes gone.
    expect(css).toContain('SPDX-License-Identifier: Etalab-2.0');
    expect(css).not.toContain('/*! media');
  });

  it('ships no web font, no dark theme, nothing needing DSFR’s script, no file URL', async () => {
    const css = await purgedDsfrCss(ROOT, markup(['fr-btn', 'fr-breadcrumb', 'fr-badge--info']));
    expect(css).not.toContain('@font-face');
    expect(css).not.toMatch(/\.woff2?/);
    expect(css).not.toMatch(/data-fr-theme=dark|data-fr-scheme|data-fr-js/);
    // Icons are inlined: the CSP allows img-src data:, and nothing else is fetched.
    expect(css).not.toMatch(/url\((?!"data:)/);
    expect(css).toContain('url("data:image/svg+xml,');
  });

  it('keeps every custom property the kept rules reach that DSFR defines', async () => {
    const definitions = (text: string) =>
      new Set([...text.matchAll(/[{;](--[a-zA-Z0-9-]+):/g)].map((m) => m[1]));
    const full = definitions(await readFile(join(ROOT, DSFR_CSS), 'utf8'));
    const css = await purgedDsfrCss(ROOT, markup(['fr-btn']));
    const kept = definitions(css);
    const reached = new Set([...css.matchAll(/var\((--[a-zA-Z0-9-]+)/g)].map((m) => m[1]));
    // A few hover and active tints DSFR leaves undefined on purpose: not ours to add.
    for (const name of reached) if (full.has(name)) expect(kept, name).toContain(name);
    // And none that nothing reaches: the palette of 300 colours is gone.
    for (const name of kept) expect(reached, name).toContain(name);
    expect(kept.size).toBeLessThan(full.size / 4);
  });

  it('drops reset rules for elements and input types no source writes', async () => {
    const css = await purgedDsfrCss(ROOT, markup([], ['a', 'p']));
    expect(css).not.toContain('input[type=range]');
    expect(css).not.toMatch(/(^|[},])audio\b/);
    const withRange = await purgedDsfrCss(ROOT, markup([], ['a', 'p', 'input'], ['range']));
    expect(withRange).toContain('input[type=range]');
  });

  it('stays a few KB compressed for a page’s worth of components', async () => {
    const css = await purgedDsfrCss(
      ROOT,
      markup(
        ['fr-header', 'fr-header__body', 'fr-footer', 'fr-footer__body', 'fr-container'].concat([
          'fr-input',
          'fr-input-group',
          'fr-label',
          'fr-hint-text',
          'fr-btn',
          'fr-breadcrumb',
        ]),
        ['a', 'button', 'p', 'input', 'label', 'h1', 'h2', 'ul', 'li', 'nav', 'main', 'header'],
        ['text', 'submit'],
      ),
    );
    expect(gzipSync(css).length).toBeLessThan(6_000);
  });
});

describe('usedMarkup', () => {
  it('finds classes, elements and types written in the sources, not in built files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'purge-'));
    try {
      await mkdir(join(root, 'shared/render'), { recursive: true });
      await mkdir(join(root, 'static-site/dist'), { recursive: true });
      await writeFile(
        join(root, 'shared/render/page.ts'),
        'const html = \'<section class="fr-callout fr-callout--brown"><input type="text">\';\n' +
          "document.createElement('strong');\n",
      );
      await writeFile(join(root, 'static-site/dist/site.css'), '.fr-modal{}');
      const used = await usedMarkup(root);
      expect([...used.classes].sort()).toEqual(['fr-callout', 'fr-callout--brown']);
      expect([...used.tags].sort()).toEqual(['body', 'html', 'input', 'section', 'strong']);
      expect([...used.types]).toEqual(['text']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
