import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { findAcademie } from '../../../shared/domain/reference/academies.js';
import { etablissementsReferenceOf } from '../../../shared/generate/lycees.js';
import {
  etablissementName,
  FILTER_SCRIPT,
  listLinks,
  listPage,
  listsIndexPage,
} from '../../../shared/render/list-pages.js';
import { selectPublicResults } from '../../../shared/render/release-input.js';
import { decision as d } from './fixtures.js';

const aix = findAcademie('aix-marseille')!;
const assets = {
  stylesheet: 'aix-marseille/assets/site.0123abcd.css',
  filterScript: 'aix-marseille/assets/filtre.89abcdef.js',
};
const names = new Map([
  ['0130001A', 'Lycée Thiers'],
  ['0130002B', 'Lycée Aimé Césaire'],
  ['0840001M', 'Lycée Aimé Césaire'],
  ['0040001X', 'Lycée Alexandra David-Néel'],
]);
const communes = new Map([
  ['0130001A', 'Marseille'],
  ['0130002B', 'Aix-en-Provence'],
  ['0840001M', 'Avignon'],
]);
const [thiers] = listLinks(['0130001A'], names, communes);

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

const rowNames = (html: string) =>
  [...html.matchAll(/<tr data-filtre-element><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td>/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );

describe('listsIndexPage', () => {
  const links = listLinks(['0130001A', '0130002B', '0840001M', '0040001X'], names, communes);
  const html = listsIndexPage(aix, '2024-06', assets, links);

  it('groups the établissements by département in the académie’s order, with communes', () => {
    const headings = [...html.matchAll(/<h2 id="dep-([^"]+)">([^<]*)<\/h2>/g)].map((m) => m[2]);
    expect(headings).toEqual([
      'Alpes-de-Haute-Provence (04)',
      'Bouches-du-Rhône (13)',
      'Vaucluse (84)',
    ]);
    // Two lycées of the same name, told apart by their town.
    expect(html).toContain(
      '<a class="fr-link" href="0130002B.html">Lycée Aimé Césaire</a>, Aix-en-Provence',
    );
    expect(html).toContain(
      '<a class="fr-link" href="0840001M.html">Lycée Aimé Césaire</a>, Avignon',
    );
    // No commune in the reference: the name alone.
    expect(html).toContain('href="0040001X.html">Lycée Alexandra David-Néel</a></li>');
  });

  it('offers a filter only once its script runs, and stays out of search engines', () => {
    expect(html).toMatch(/<div class="fr-input-group fr-mb-4w" data-filtre-groupe hidden>/);
    expect(html).toContain('<label class="fr-label" for="filtre">Rechercher un établissement');
    expect(html).toContain('<script type="module" src="../assets/filtre.89abcdef.js"></script>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('href="../assets/site.0123abcd.css"');
    expect(html).not.toMatch(/<script>|style=|<style/);
  });
});

describe('listsIndexPage of a whole académie (the synthetic reference)', () => {
  it('shows 183 établissements in four départements, each line telling its lycée apart', () => {
    const reference = etablissementsReferenceOf('aix-marseille');
    const html = listsIndexPage(
      aix,
      '2024-06',
      assets,
      listLinks(
        reference.map((e) => e.uai),
        new Map(reference.map((e) => [e.uai, e.libelle])),
        new Map(reference.map((e) => [e.uai, e.commune])),
      ),
    );
    const lines = [...html.matchAll(/<li data-filtre-element>(.*?)<\/li>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(lines).toHaveLength(183);
    expect(new Set(lines).size).toBe(183);
    expect([...html.matchAll(/<h2 id="dep-([^"]+)">/g)].map((m) => m[1])).toEqual([
      '04',
      '05',
      '13',
      '84',
    ]);
  });
});

describe('listPage', () => {
  const html = listPage(aix, '2024-06', assets, thiers!, results);

  it('lists only admitted, consenting candidates of the établissement, in French order', () => {
    expect(rowNames(html)).toEqual([
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

  it('is an accessible DSFR table with caption and scopes, under the commune', () => {
    expect(html).toContain('<div class="fr-table">');
    expect(html).toContain('<caption>Candidats admis (5)</caption>');
    expect(html).toContain('<th scope="col">Nom</th><th scope="col">Prénoms</th>');
    expect(html).toContain('<p class="fr-text--lead">Marseille — Bouches-du-Rhône (13)</p>');
    expect(html).toContain('<title>Admis — Lycée Thiers, Marseille — Académie d’Aix-Marseille');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<a class="fr-breadcrumb__link" href="index.html">Listes des admis</a>');
  });

  it('names an unknown établissement by its UAI, and an empty list says so', () => {
    expect(etablissementName('0130002B', new Map([['0130001A', 'Lycée Thiers']]))).toBe(
      'Établissement 0130002B',
    );
    const [unknown] = listLinks(['0130002B']);
    const other = listPage(aix, '2024-06', assets, unknown!, results);
    expect(other).toContain('<h1>Établissement 0130002B</h1>');
    expect(rowNames(other)).toEqual(['FABRE Léa']);
    const [empty] = listLinks(['0130009A']);
    const none = listPage(aix, '2024-06', assets, empty!, results);
    expect(none).toContain('Aucun candidat admis de cet établissement');
    expect(none).not.toMatch(/<script|data-filtre/);
  });
});

describe('FILTER_SCRIPT', () => {
  it('matches ignoring case, accents and punctuation, and never builds HTML', () => {
    // Its normalisation, run in a bare context (the DOM part is the browser test's).
    const norm = runInNewContext(`${FILTER_SCRIPT.split('\n').slice(0, 2).join('\n')}\nnorm;`) as (
      s: string,
    ) => string;
    expect(norm('  Lycée AIMÉ-Césaire, Fort-de-France ')).toBe('lycee aime cesaire fort de france');
    expect(FILTER_SCRIPT).not.toMatch(/innerHTML|fetch|eval/);
  });
});
