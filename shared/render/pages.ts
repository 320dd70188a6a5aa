// The public pages of a release, and the announcement shown before it.
// Text is French: candidates and families read it.
import type { Academie } from '../domain/reference/academies.js';
import { LIBELLE_EXAMEN } from '../domain/reference/exams.js';
import { formatInstantFr } from '../domain/publication/instant.js';
import { deAcademie, escapeHtml, layout } from '../site/html.js';
import type { PublicResult } from './release-input.js';

const collator = new Intl.Collator('fr');

/** Paths of one académie's assets, relative to the release root. */
export interface PageAssets {
  /** e.g. "aix-marseille/assets/site.1a2b3c4d.css" */
  stylesheet: string;
  /** e.g. "aix-marseille/assets/lookup.1a2b3c4d.js" */
  lookupScript: string;
}

export interface ListLink {
  uai: string;
  name: string;
}

/** "Établissement 0130001A" when the name is unknown: the UAI is public, a guess is not. */
export function etablissementName(uai: string, names?: ReadonlyMap<string, string>): string {
  return names?.get(uai) ?? `Établissement ${uai}`;
}

/** Links sorted as a reader expects: by name in French order, then UAI. */
export function sortLinks(links: readonly ListLink[]): ListLink[] {
  return [...links].sort((a, b) => collator.compare(a.name, b.name) || cmp(a.uai, b.uai));
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
  const links = sortLinks(lists ?? [])
    .map((l) => `    <li><a href="listes/${escapeHtml(l.uai)}.html">${escapeHtml(l.name)}</a></li>`)
    .join('\n');
  const listsSection =
    lists === null
      ? LISTS_EXPIRED
      : [
          '<p>Seuls figurent les candidats admis ayant accepté la publication de leur nom.</p>',
          lists.length
            ? `<ul class="etablissements">\n${links}\n</ul>`
            : '<p>Aucune liste n’est publiée.</p>',
        ].join('\n');
  const main = [
    '<h1>Consulter votre résultat</h1>',
    '<p>Saisissez votre numéro de candidat et votre code d’accès personnel : ils figurent sur ' +
      'votre convocation et sur le coupon remis par votre établissement. Votre résultat ' +
      's’affiche sur cet appareil uniquement : ces informations ne sont envoyées à aucun ' +
      'serveur.</p>',
    '<form id="recherche" novalidate>',
    '  <label for="numero">Numéro de candidat',
    '    <span class="aide" id="numero-aide">Tel qu’il figure sur votre convocation, ' +
      'par exemple 24000012345</span></label>',
    '  <input type="text" id="numero" autocomplete="off" autocapitalize="characters" ' +
      'spellcheck="false" required aria-describedby="numero-aide">',
    '  <label for="code">Code d’accès',
    '    <span class="aide" id="code-aide">14 caractères, par exemple 7KQ2-M9XD-4TPA-RA ' +
      '(majuscules, espaces et tirets facultatifs)</span></label>',
    '  <input type="text" id="code" autocomplete="off" autocapitalize="characters" ' +
      'spellcheck="false" required aria-describedby="code-aide code-erreur">',
    '  <p class="erreur" id="code-erreur" aria-live="polite"></p>',
    '  <button type="submit" id="envoyer">Afficher mon résultat</button>',
    '</form>',
    '<noscript><p class="avertissement">La consultation de votre résultat nécessite ' +
      'JavaScript. Activez-le dans votre navigateur ou rapprochez-vous de votre ' +
      'établissement.</p></noscript>',
    '<div id="resultat" class="resultat" role="status" aria-live="polite"></div>',
    '<h2>Listes des candidats admis par établissement</h2>',
    listsSection,
    '<h2>Statistiques</h2>',
    '<ul>',
    '  <li><a href="statistiques/index.html">Résultats de l’académie : taux de réussite, ' +
      'mentions, par département, voie, série et établissement (téléchargements CSV, Excel, ' +
      'JSON)</a></li>' +
      (statistics.national
        ? '\n  <li><a href="statistiques/national/index.html">Résultats nationaux des ' +
          'académies déjà publiées</a></li>'
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
  });
}

// Once the lists have expired. No date in it: a rendered page never depends on the clock.
const LISTS_EXPIRED =
  '<p>Les listes des candidats admis ne sont plus publiées : leur période de publication est ' +
  'terminée. Votre résultat reste consultable ci-dessus, et les statistiques ci-dessous.</p>';

/**
 * `<slug>/listes/<uai>.html`: admitted, consenting candidates only, in French
 * alphabetical order (so "Élodie" sorts with the E), never indexed.
 */
export function listPage(
  academie: Academie,
  session: string,
  assets: PageAssets,
  link: ListLink,
  results: readonly PublicResult[],
): string {
  const rows = results
    .filter((r) => r.listed && r.uai === link.uai)
    .sort(
      (a, b) =>
        collator.compare(a.nom, b.nom) ||
        collator.compare(a.prenoms, b.prenoms) ||
        cmp(a.numero, b.numero),
    )
    .map((r) => {
      const exam = LIBELLE_EXAMEN[r.examen] + (r.serie ? ` — ${r.serie}` : '');
      return (
        `    <tr><td>${escapeHtml(r.nom)}</td><td>${escapeHtml(r.prenoms)}</td><td>` +
        `${escapeHtml(exam)}</td><td>${escapeHtml(r.resultat)}</td></tr>`
      );
    });
  const table = rows.length
    ? [
        '<table>',
        `  <caption>Candidats admis (${rows.length})</caption>`,
        '  <thead><tr><th scope="col">Nom</th><th scope="col">Prénoms</th>' +
          '<th scope="col">Examen</th><th scope="col">Résultat</th></tr></thead>',
        '  <tbody>',
        ...rows,
        '  </tbody>',
        '</table>',
      ].join('\n')
    : '<p>Aucun candidat admis de cet établissement n’a accepté la publication de son nom.</p>';
  const main = [
    '<p><a href="../index.html">Retour à la consultation des résultats</a></p>',
    `<h1>${escapeHtml(link.name)}</h1>`,
    '<p>Liste des candidats admis ayant accepté la publication de leur nom. Pour connaître ' +
      'votre résultat détaillé, utilisez la consultation individuelle.</p>',
    table,
  ].join('\n');
  return layout({
    title: `Admis — ${link.name}`,
    academieName: academie.name,
    session,
    main,
    stylesheet: `../${assets.stylesheet.slice(academie.slug.length + 1)}`,
    noindex: true,
  });
}

/**
 * `announcements/<slug>/index.html`, outside any release: before the instant
 * the CDN serves nothing else of the académie, so the page cannot reach a
 * release's stylesheet and stands without one unless given a reachable URL.
 */
export function announcementPage(
  academie: Academie,
  session: string,
  instant: Date,
  stylesheet?: string,
): string {
  const when = formatInstantFr(instant, academie.timeZone);
  const main = [
    '<h1>Résultats du baccalauréat</h1>',
    `<p>Les résultats de l’académie ${escapeHtml(deAcademie(academie.name))} seront publiés ` +
      `le ${escapeHtml(when)} (heure locale).</p>`,
    '<p>Revenez sur cette page à cette heure-là pour consulter votre résultat avec votre ' +
      'numéro de candidat et votre code d’accès (sur votre convocation, ou le coupon remis par ' +
      'votre établissement).</p>',
  ].join('\n');
  return layout({
    title: 'Résultats du baccalauréat',
    academieName: academie.name,
    session,
    main,
    ...(stylesheet ? { stylesheet } : {}),
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
