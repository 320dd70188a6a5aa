import { describe, expect, it } from 'vitest';
import { findAcademie } from '../../../shared/domain/reference/academies.js';
import { escapeHtml } from '../../../shared/site/html.js';
import {
  announcementPage,
  etablissementName,
  landingPage,
  listPage,
} from '../../../shared/render/pages.js';
import { selectPublicResults } from '../../../shared/render/release-input.js';
import { decision as d } from './fixtures.js';

const aix = findAcademie('aix-marseille')!;
const assets = {
  stylesheet: 'aix-marseille/assets/site.0123abcd.css',
  lookupScript: 'aix-marseille/assets/lookup.89abcdef.js',
};
const link = { uai: '0130001A', name: 'Lycée Thiers' };

const results = selectPublicResults(
  [
    d({ numero: '1', nom: 'ZOLA', prenoms: 'Émile', mention: 'TB', moyenne: 17 }),
    d({ numero: '2', nom: 'ÉLOI', prenoms: 'Marc' }),
    d({ numero: '3', nom: 'DUPONT', prenoms: 'Élodie' }),
    d({ numero: '4', nom: 'DUPONT', prenoms: 'Emma' }),
    d({ numero: '5', nom: 'DUPONT', prenoms: 'Eric', accordPublication: false }),
    d({ numero: '6', nom: 'FAURE', decision: 'AJOURNE', moyenne: 7 }),
    d({ numero: '7', nom: 'GIRARD', decision: 'SECOND_GROUPE', moyenne: 9 }),
    d({ numero: '8', nom: 'HUGO', decision: 'ELIMINE', moyenne: null }),
    d({ numero: '9', nom: 'FABRE', uai: '0130002B' }), // another établissement
    d({ numero: '10', nom: '<script>alert(1)</script>', prenoms: 'Zoé & "Lou"' }),
  ],
  1,
);

const names = (html: string) =>
  [...html.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);

describe('listPage', () => {
  const html = listPage(aix, '2024-06', assets, link, results);

  it('lists only admitted, consenting candidates of the établissement, in French order', () => {
    expect(names(html)).toEqual([
      '&lt;script&gt;alert(1)&lt;/script&gt; Zoé &amp; &quot;Lou&quot;',
      'DUPONT Élodie',
      'DUPONT Emma',
      'ÉLOI Marc',
      'ZOLA Émile',
    ]);
    expect(html).toContain('Admis(e) avec mention Très bien');
    for (const absent of ['Eric', 'FAURE', 'GIRARD', 'HUGO', 'FABRE'])
      expect(html).not.toContain(absent);
  });

  it('is a noindex French page with the académie header and no inline script or style', () => {
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('Académie d’Aix-Marseille — Résultats du baccalauréat 2024');
    expect(html).toContain('href="../assets/site.0123abcd.css"');
    expect(html).not.toMatch(/<script|style=|<style/);
  });

  it('names an unknown établissement by its UAI', () => {
    expect(etablissementName('0130002B', new Map([['0130001A', 'Lycée Thiers']]))).toBe(
      'Établissement 0130002B',
    );
    const other = listPage(
      aix,
      '2024-06',
      assets,
      { uai: '0130002B', name: etablissementName('0130002B') },
      results,
    );
    expect(other).toContain('<h1>Établissement 0130002B</h1>');
    expect(names(other)).toEqual(['FABRE Léa']);
  });
});

describe('landingPage', () => {
  const html = landingPage(aix, '2024-06', assets, [
    link,
    { uai: '0130002B', name: 'École & <Lycée> Ampère' },
  ]);

  it('has the lookup form, a noscript note, a live region and the lists in French order', () => {
    expect(html).toMatch(/<form id="recherche"/);
    expect(html).toMatch(/<label for="numero">/);
    expect(html).toMatch(/<label for="code">Code d’accès/);
    expect(html).not.toMatch(/naissance/);
    expect(html).toMatch(/<p class="erreur" id="code-erreur" aria-live="polite">/);
    expect(html).toMatch(/<noscript>.*JavaScript/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('<script type="module" src="assets/lookup.89abcdef.js"></script>');
    expect(html).not.toContain('noindex');
    // No input has a name: a submission without the script sends nothing to any server log.
    expect(html).not.toMatch(/<input[^>]* name=/);
    expect(html.indexOf('École &amp; &lt;Lycée&gt; Ampère')).toBeLessThan(
      html.indexOf('Lycée Thiers'),
    );
    expect(html).toContain('<a href="listes/0130001A.html">');
  });
});

describe('announcementPage', () => {
  it('announces the instant in local time', () => {
    const html = announcementPage(
      findAcademie('la-reunion')!,
      '2024-06',
      new Date('2024-07-05T06:00:00Z'),
    );
    expect(html).toContain(
      'Les résultats de l’académie de La Réunion seront publiés le vendredi 5 juillet 2024 à 10 ' +
        'h 00 (heure locale)',
    );
    // No stylesheet: before the instant the announcement cannot reach a release's assets.
    expect(html).not.toContain('rel="stylesheet"');
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
