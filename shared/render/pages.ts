// The public pages of a release, and the announcement shown before it.
// Text is French: candidates and families read it.
import type { Academie } from '../domain/reference/academies.js';
import { formatInstantFr } from '../domain/publication/instant.js';
import { deAcademie, escapeHtml, HOME_URL, layout } from '../site/html.js';
import type { ListLink } from './list-pages.js';

/** Paths of one académie's assets, relative to the release root. */
export interface PageAssets {
  /** e.g. "aix-marseille/assets/site.1a2b3c4d.css" */
  stylesheet: string;
  /** e.g. "aix-marseille/assets/lookup.1a2b3c4d.js" */
  lookupScript: string;
}

/**
 * `<slug>/index.html` once published: the private lookup form and the lists (null: the lists have
 * expired).
 */
export function landingPage(
  academie: Academie,
  session: string,
  assets: PageAssets,
  lists: readonly ListLink[] | null,
  statistics: { national: boolean } = { national: false },
): string {
  const up = (p: string) => p.slice(academie.slug.length + 1); // the page sits in <slug>/
  const listsSection =
    lists === null
      ? LISTS_EXPIRED
      : lists.length
        ? '<p>Seuls figurent les candidats admis ayant accepté la publication de leur nom. ' +
          '<a class="fr-link" href="listes/index.html">Consulter les listes par établissement ' +
          `(${lists.length} établissement${lists.length > 1 ? 's' : ''})</a>.</p>`
        : '<p>Aucune liste n’est publiée.</p>';
  const main = [
    '<h1>Consulter votre résultat</h1>',
    '<p>Saisissez votre numéro de candidat et votre code d’accès ' +
      'personnel : ils figurent sur votre convocation et sur le coupon remis par votre ' +
      'établissement. Votre résultat s’affiche sur cet appareil uniquement : ces informations ' +
      'ne sont envoyées à aucun serveur.</p>',
    '<form id="recherche" class="fr-mb-4w" novalidate>',
    '  <div class="fr-input-group" id="numero-groupe">',
    '    <label class="fr-label" for="numero">Numéro de candidat',
    '      <span class="fr-hint-text" id="numero-aide">Tel qu’il figure sur votre convocation, ' +
      'par exemple 24000012345</span></label>',
    '    <input class="fr-input" type="text" id="numero" autocomplete="off" ' +
      'autocapitalize="characters" spellcheck="false" required aria-describedby="numero-aide">',
    '  </div>',
    '  <div class="fr-input-group" id="code-groupe">',
    '    <label class="fr-label" for="code">Code d’accès',
    '      <span class="fr-hint-text" id="code-aide">14 caractères, par exemple ' +
      '7KQ2-M9XD-4TPA-RA (majuscules, espaces et tirets facultatifs)</span></label>',
    '    <input class="fr-input" type="text" id="code" autocomplete="off" ' +
      'autocapitalize="characters" spellcheck="false" required ' +
      'aria-describedby="code-aide code-erreur">',
    '    <p class="fr-error-text erreur" id="code-erreur" aria-live="polite"></p>',
    '  </div>',
    '  <button class="fr-btn" type="submit" id="envoyer">Afficher mon résultat</button>',
    '</form>',
    '<noscript><p class="avertissement">La consultation de votre résultat nécessite ' +
      'JavaScript. Activez-le dans votre navigateur ou rapprochez-vous de votre ' +
      'établissement.</p></noscript>',
    '<div id="resultat" class="resultat" role="status" aria-live="polite"></div>',
    '<h2 class="fr-mt-6w">Listes des candidats admis par établissement</h2>',
    listsSection,
    '<h2 class="fr-mt-6w">Statistiques</h2>',
    '<ul>',
    '  <li><a class="fr-link" href="statistiques/index.html">Résultats de l’académie : taux ' +
      'de réussite, mentions, par département, voie, série et établissement ' +
      '(téléchargements CSV, Excel, JSON)</a></li>' +
      (statistics.national
        ? '\n  <li><a class="fr-link" href="statistiques/national/index.html">Résultats ' +
          'nationaux des académies déjà publiées</a></li>'
        : ''),
    '</ul>',
  ].join('\n');
  return layout({
    title: 'Résultats du baccalauréat',
    academieName: academie.name,
    session,
    main,
    stylesheet: up(assets.stylesheet),
    script: up(assets.lookupScript),
    breadcrumb: [
      { label: 'Accueil', href: HOME_URL },
      { label: `Académie ${deAcademie(academie.name)}` },
    ],
  });
}

// Once the lists have expired. No date in it: a rendered page never depends on the clock.
const LISTS_EXPIRED =
  '<p>Les listes des candidats admis ne sont plus publiées : leur période de publication est ' +
  'terminée. Votre résultat reste consultable ci-dessus, et les statistiques ci-dessous.</p>';

/** The assets of the pages outside releases, at their public (absolute) URLs. */
export interface PortalAssets {
  /** e.g. "/assets/site.1a2b3c4d.css" */
  stylesheet: string;
  /** e.g. "/assets/countdown.1a2b3c4d.js" */
  countdownScript: string;
}

/**
 * `announcements/<slug>/index.html`, outside any release: before the instant
 * the CDN serves nothing else of the académie, so the page takes its
 * stylesheet and countdown from the national home page's assets (`/assets/`,
 * see shared/publication/home.ts), never from the embargoed release. No
 * result anywhere: the date, a countdown, and what to have at hand.
 */
export function announcementPage(
  academie: Academie,
  session: string,
  instant: Date,
  assets?: PortalAssets,
): string {
  const when = escapeHtml(formatInstantFr(instant, academie.timeZone));
  const iso = instant.toISOString();
  const de = escapeHtml(deAcademie(academie.name));
  const main = [
    '<h1>Résultats du baccalauréat</h1>',
    '<div class="fr-callout fr-mb-4w">',
    `  <p class="fr-callout__title annonce">Publication le ${when}</p>`,
    `  <p class="fr-callout__text" data-instant="${iso}" ` +
      'data-ouvert="Les résultats sont disponibles." data-lien="./" ' +
      `data-lien-texte="Consulter votre résultat">Les résultats de l’académie ${de} seront ` +
      `publiés le ${when} (heure locale).</p>`,
    `  <p class="compte-a-rebours" role="timer" data-compte-a-rebours="${iso}"></p>`,
    '</div>',
    '<p>Revenez sur cette page à cette heure-là pour consulter votre résultat avec votre ' +
      'numéro de candidat et votre code d’accès (sur votre convocation, ou le coupon remis par ' +
      'votre établissement).</p>',
    '<p>Aucun résultat n’est consultable avant cette date.</p>',
  ].join('\n');
  return layout({
    title: 'Résultats du baccalauréat',
    academieName: academie.name,
    session,
    main,
    ...(assets ? { stylesheet: assets.stylesheet, script: assets.countdownScript } : {}),
    breadcrumb: [
      { label: 'Accueil', href: HOME_URL },
      { label: `Académie ${deAcademie(academie.name)}` },
    ],
  });
}
