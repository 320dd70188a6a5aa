import { describe, expect, it } from 'vitest';
import { findAcademie } from '../../../shared/domain/reference/academies.js';
import { escapeHtml, layout } from '../../../shared/site/html.js';
import { announcementPage, landingPage } from '../../../shared/render/pages.js';

const aix = findAcademie('aix-marseille')!;
const assets = {
  stylesheet: 'aix-marseille/assets/site.0123abcd.css',
  lookupScript: 'aix-marseille/assets/lookup.89abcdef.js',
};
const link = (uai: string, name: string) => ({ uai, name, commune: null, departement: '13' });

describe('landingPage', () => {
  const html = landingPage(aix, '2024-06', assets, [
    link('0130001A', 'Lycée Thiers'),
    link('0130002B', 'École & <Lycée> Ampère'),
  ]);

  it('has the lookup form in DSFR fields, a noscript note and a live region', () => {
    expect(html).toMatch(/<form id="recherche"/);
    expect(html).toMatch(/<label class="fr-label" for="numero">/);
    expect(html).toMatch(/<label class="fr-label" for="code">Code d’accès/);
    expect(html).toMatch(/<input class="fr-input" type="text" id="code"/);
    expect(html).not.toMatch(/naissance/);
    expect(html).toMatch(/<p class="fr-error-text erreur" id="code-erreur" aria-live="polite">/);
    expect(html).toMatch(/<button class="fr-btn" type="submit" id="envoyer">/);
    expect(html).toMatch(/<noscript>.*JavaScript/);
    expect(html).toContain('<div id="resultat" class="resultat" role="status" aria-live="polite">');
    expect(html).toContain('<script type="module" src="assets/lookup.89abcdef.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="assets/site.0123abcd.css">');
    expect(html).not.toContain('noindex');
    // No input has a name: a submission without the script sends nothing to any server log.
    expect(html).not.toMatch(/<input[^>]* name=/);
  });

  it('links the lists and the statistics, and sits under the national home page', () => {
    expect(html).toContain('href="listes/index.html"');
    expect(html).toContain('href="statistiques/index.html"');
    expect(html).not.toContain('statistiques/national/');
    expect(html).toContain('<a class="fr-breadcrumb__link" href="/">Accueil</a>');
    expect(html).toContain(
      '<a class="fr-breadcrumb__link" aria-current="page">Académie d’Aix-Marseille</a>',
    );
  });
});

describe('layout', () => {
  const html = layout({
    title: 'Titre <x>',
    academieName: 'Aix-Marseille',
    session: '2024-06',
    main: '<p>contenu</p>',
  });

  it('is a French page with the DSFR header, text-only brand block, skip link and footer', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<title>Titre &lt;x&gt; — Académie d’Aix-Marseille</title>');
    expect(html).toContain('<header class="fr-header">');
    expect(html).toContain('<p class="bloc-marque">République<br>française</p>');
    expect(html).toContain(
      '<p class="fr-header__service-title">Résultats du baccalauréat 2024</p>',
    );
    expect(html).toContain('<p class="fr-header__service-tagline">Académie d’Aix-Marseille</p>');
    expect(html).toContain('<a class="fr-link" href="#contenu">Aller au contenu</a>');
    expect(html).toContain('<main id="contenu" class="fr-container fr-pb-6w">\n<p>contenu</p>');
    expect(html).toContain('<footer class="fr-footer">');
    // Nothing the CSP would refuse, and no image of the Marianne logo to fetch.
    expect(html).not.toMatch(/<script|style=|<style|fr-logo|<img/);
    expect(html).not.toContain('fr-breadcrumb');
  });
});

describe('announcementPage', () => {
  const reunion = findAcademie('la-reunion')!;
  const instant = new Date('2024-07-05T06:00:00Z');
  const portal = {
    stylesheet: '/assets/site.0123abcd.css',
    countdownScript: '/assets/countdown.89abcdef.js',
  };

  it('announces the instant in local time, with a countdown and no result', () => {
    const html = announcementPage(reunion, '2024-06', instant, portal);
    expect(html).toContain(
      'Les résultats de l’académie de La Réunion seront publiés le vendredi 5 juillet 2024 à 10 ' +
        'h 00 (heure locale)',
    );
    expect(html).toContain('Publication le vendredi 5 juillet 2024 à 10 h 00');
    expect(html).toContain(
      '<p class="compte-a-rebours" role="timer" data-compte-a-rebours="2024-07-05T06:00:00.000Z">',
    );
    expect(html).toContain('data-instant="2024-07-05T06:00:00.000Z"');
    expect(html).not.toMatch(/<form|<input|resultats\/|listes\/|statistiques/);
  });

  it('takes its stylesheet and script from the shared assets, never from the release', () => {
    const html = announcementPage(reunion, '2024-06', instant, portal);
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.0123abcd.css">');
    expect(html).toContain('<script type="module" src="/assets/countdown.89abcdef.js"></script>');
    expect(html).not.toContain('la-reunion/assets/');
    const bare = announcementPage(reunion, '2024-06', instant);
    expect(bare).not.toContain('rel="stylesheet"');
    expect(bare).toContain('seront publiés le vendredi 5 juillet 2024');
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
