// The name lists of a release: an index of the établissements grouped by
// département, each with its commune, and one list of admitted, consenting
// candidates per établissement. Both are plain HTML that works without
// JavaScript; a small script (FILTER_SCRIPT, served as a file: the CSP
// forbids inline scripts) adds a name filter where it runs. Never indexed.
import type { Academie } from '../domain/reference/academies.js';
import { departementName } from '../domain/reference/departements.js';
import { departementOfUai } from '../domain/reference/etablissements.js';
import { LIBELLE_EXAMEN } from '../domain/reference/exams.js';
import { deAcademie, escapeHtml, HOME_URL, layout, type Crumb } from '../site/html.js';
import type { PublicResult } from './release-input.js';

const collator = new Intl.Collator('fr');

export interface ListLink {
  uai: string;
  name: string;
  /** From the établissements reference; null when it gives none. */
  commune: string | null;
  departement: string;
}

/** Paths relative to the release root, as PageAssets gives them. */
export interface ListAssets {
  stylesheet: string;
  /** e.g. "rennes/assets/filtre.1a2b3c4d.js" */
  filterScript: string;
}

/** "Établissement 0130001A" when the name is unknown: the UAI is public, a guess is not. */
export function etablissementName(uai: string, names?: ReadonlyMap<string, string>): string {
  return names?.get(uai) ?? `Établissement ${uai}`;
}

/** One link per UAI, named and placed from the reference (département from the UAI itself). */
export function listLinks(
  uais: Iterable<string>,
  names?: ReadonlyMap<string, string>,
  communes?: ReadonlyMap<string, string>,
): ListLink[] {
  return [...uais].map((uai) => ({
    uai,
    name: etablissementName(uai, names),
    commune: communes?.get(uai) ?? null,
    departement: departementOfUai(uai),
  }));
}

/** Links sorted as a reader expects: by name in French order, then commune, then UAI. */
export function sortLinks(links: readonly ListLink[]): ListLink[] {
  return [...links].sort(
    (a, b) =>
      collator.compare(a.name, b.name) ||
      collator.compare(a.commune ?? '', b.commune ?? '') ||
      cmp(a.uai, b.uai),
  );
}

/** "Ille-et-Vilaine (35)". */
function departementTitle(code: string): string {
  return `${departementName(code) ?? 'Département'} (${code})`;
}

/** The filter field, hidden until the script runs: without it the whole list shows. */
function filterField(target: string, label: string, hint: string): string {
  return [
    '<div class="fr-input-group fr-mb-4w" data-filtre-groupe hidden>',
    `  <label class="fr-label" for="filtre">${escapeHtml(label)}`,
    `    <span class="fr-hint-text">${escapeHtml(hint)}</span></label>`,
    `  <input class="fr-input" type="search" id="filtre" autocomplete="off" ` +
      `spellcheck="false" data-filtre="${target}" aria-describedby="filtre-compte">`,
    '  <p class="fr-hint-text fr-mt-1w" id="filtre-compte" role="status"></p>',
    '</div>',
  ].join('\n');
}

/** Both pages sit in <slug>/listes/, one level below the académie's page. */
function crumbs(academie: Academie, ...rest: Crumb[]): Crumb[] {
  return [
    { label: 'Accueil', href: HOME_URL },
    { label: `Académie ${deAcademie(academie.name)}`, href: '../index.html' },
    ...rest,
  ];
}

/** `<slug>/listes/index.html`: every établissement with a list, by département. */
export function listsIndexPage(
  academie: Academie,
  session: string,
  assets: ListAssets,
  links: readonly ListLink[],
): string {
  const byDep = new Map<string, ListLink[]>();
  for (const link of sortLinks(links)) {
    const list = byDep.get(link.departement);
    if (list) list.push(link);
    else byDep.set(link.departement, [link]);
  }
  // The académie's own order of départements (the official one), any other after.
  const order = (d: string) => {
    const i = academie.departements.indexOf(d);
    return i === -1 ? academie.departements.length : i;
  };
  const deps = [...byDep.keys()].sort((a, b) => order(a) - order(b) || cmp(a, b));
  const sections = deps.map((dep) => {
    const items = (byDep.get(dep) ?? []).map(
      (l) =>
        `    <li data-filtre-element><a class="fr-link" href="${escapeHtml(l.uai)}.html">` +
        `${escapeHtml(l.name)}</a>${l.commune ? `, ${escapeHtml(l.commune)}` : ''}</li>`,
    );
    return [
      `<section data-filtre-section aria-labelledby="dep-${escapeHtml(dep)}">`,
      `  <h2 id="dep-${escapeHtml(dep)}">${escapeHtml(departementTitle(dep))}</h2>`,
      '  <ul>',
      ...items,
      '  </ul>',
      '</section>',
    ].join('\n');
  });
  const main = [
    '<h1>Listes des candidats admis par établissement</h1>',
    '<p>Seuls figurent les candidats admis ayant accepté la publication de leur nom. Pour ' +
      'connaître votre résultat détaillé, utilisez la <a href="../index.html">consultation ' +
      'individuelle</a>.</p>',
    links.length
      ? filterField(
          'etablissements',
          'Rechercher un établissement',
          'Une partie de son nom ou de sa commune',
        )
      : '<p>Aucune liste n’est publiée.</p>',
    `<div id="etablissements">\n${sections.join('\n')}\n</div>`,
  ].join('\n');
  return layout({
    title: 'Listes des admis par établissement',
    academieName: academie.name,
    session,
    main,
    stylesheet: `../${assets.stylesheet.slice(academie.slug.length + 1)}`,
    script: `../${assets.filterScript.slice(academie.slug.length + 1)}`,
    noindex: true,
    breadcrumb: crumbs(academie, { label: 'Listes des admis' }),
  });
}

/**
 * `<slug>/listes/<uai>.html`: admitted, consenting candidates only, in French
 * alphabetical order (so "Élodie" sorts with the E), never indexed.
 */
export function listPage(
  academie: Academie,
  session: string,
  assets: ListAssets,
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
        `    <tr data-filtre-element><th scope="row">${escapeHtml(r.nom)}</th>` +
        `<td>${escapeHtml(r.prenoms)}</td><td>${escapeHtml(exam)}</td>` +
        `<td>${escapeHtml(r.resultat)}</td></tr>`
      );
    });
  const where = link.commune ? `, ${link.commune}` : '';
  const table = rows.length
    ? [
        filterField('admis', 'Rechercher un nom', 'Nom ou prénom, accents facultatifs'),
        // The container scrolls sideways on a narrow phone: focusable and named for keyboards.
        '<div class="fr-table"><div class="fr-table__wrapper">' +
          '<div class="fr-table__container" tabindex="0" role="region" ' +
          `aria-label="Candidats admis — ${escapeHtml(link.name)}">` +
          '<div class="fr-table__content">',
        '<table id="admis">',
        `  <caption>Candidats admis (${rows.length})</caption>`,
        '  <thead><tr><th scope="col">Nom</th><th scope="col">Prénoms</th>' +
          '<th scope="col">Examen</th><th scope="col">Résultat</th></tr></thead>',
        '  <tbody>',
        ...rows,
        '  </tbody>',
        '</table>',
        '</div></div></div></div>',
      ].join('\n')
    : '<p>Aucun candidat admis de cet établissement n’a accepté la publication de son nom.</p>';
  const main = [
    `<h1>${escapeHtml(link.name)}</h1>`,
    `<p class="fr-text--lead">${escapeHtml(link.commune ?? `UAI ${link.uai}`)} — ` +
      `${escapeHtml(departementTitle(link.departement))}</p>`,
    '<p>Liste des candidats admis ayant accepté la publication de leur nom. Pour connaître ' +
      'votre résultat détaillé, utilisez la <a href="../index.html">consultation ' +
      'individuelle</a>.</p>',
    table,
  ].join('\n');
  return layout({
    title: `Admis — ${link.name}${where}`,
    academieName: academie.name,
    session,
    main,
    stylesheet: `../${assets.stylesheet.slice(academie.slug.length + 1)}`,
    ...(rows.length ? { script: `../${assets.filterScript.slice(academie.slug.length + 1)}` } : {}),
    noindex: true,
    breadcrumb: crumbs(
      academie,
      { label: 'Listes des admis', href: 'index.html' },
      { label: link.name },
    ),
  });
}

/**
 * The name filter, plain JavaScript served as `<slug>/assets/filtre.<hash>.js`
 * (the CSP allows scripts from the site only). Shows the field, then hides the
 * elements whose text does not contain what is typed, ignoring case, accents
 * and punctuation, and the sections left empty; says how many remain.
 */
export const FILTER_SCRIPT = [
  "const norm = (s) => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase()",
  "  .replace(/[^a-z0-9]+/g, ' ').trim();",
  "for (const input of document.querySelectorAll('input[data-filtre]')) {",
  '  const scope = document.getElementById(input.dataset.filtre);',
  "  const status = document.getElementById('filtre-compte');",
  '  if (!scope || !status) continue;',
  "  const items = [...scope.querySelectorAll('[data-filtre-element]')]",
  '    .map((el) => [el, norm(el.textContent)]);',
  "  const sections = scope.querySelectorAll('[data-filtre-section]');",
  '  const update = () => {',
  '    const q = norm(input.value);',
  '    let shown = 0;',
  '    for (const [el, text] of items) {',
  "      el.hidden = q !== '' && !text.includes(q);",
  '      if (!el.hidden) shown += 1;',
  '    }',
  '    for (const s of sections)',
  "      s.hidden = !s.querySelector('[data-filtre-element]:not([hidden])');",
  "    status.textContent = q === '' ? '' : shown === 0 ? 'Aucun résultat.'",
  "      : shown + (shown > 1 ? ' résultats' : ' résultat') + ' sur ' + items.length + '.';",
  '  };',
  "  input.addEventListener('input', update);",
  "  input.closest('[data-filtre-groupe]').hidden = false;",
  '  update();',
  '}',
  '',
].join('\n');

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
