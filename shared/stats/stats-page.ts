// The académie statistics page, laid out as the rectorats' press releases
// are (key figures, then by département, then one section per voie with
// its séries or domains), followed by mentions, établissements and the
// downloads. French text; every figure also sits in a table.
import type { Examen } from '../domain/decision.schema.js';
import { deAcademie, escapeHtml, HOME_URL, layout, sessionYear } from '../site/html.js';
import { admis, tauxReussite, tauxSecondGroupe, tauxMentions } from './counts.js';
import { secretLegend } from './export-tables.js';
import { formatEntier, formatEvolution, formatTaux } from './format-fr.js';
import { lineTable, mentionsChart, mentionsTable, ratesChart, table } from './html-blocks.js';
import { BAC_COURT, LIBELLE_VOIE, VOIES, departementLabel } from './labels.js';
import type { AcademieStats, Evolution, StatLine } from './stats.types.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface Download {
  /** Relative to the page. */
  href: string;
  label: string;
  /** The file's size, said beside its format as DSFR download links do. */
  bytes?: number;
}

export function groupeTitle(groupe: Groupe): string {
  return groupe === 1 ? 'à l’issue du 1er groupe d’épreuves' : 'à l’issue du 2nd groupe d’épreuves';
}

/** "(+0,4 pt par rapport à 2023)", "(stable par rapport à 2023)", "" when nothing compares. */
export function evolutionPhrase(e: Evolution, previousYear: string | null): string {
  if (!previousYear || e.kind === 'unavailable') return '';
  if (e.kind === 'new') return ' (nouveau : pas de chiffre en ' + previousYear + ')';
  return e.dixiemes === 0
    ? ` (comme en ${previousYear})`
    : ` (${formatEvolution(e)} par rapport à ${previousYear})`;
}

/** The three key sentences of a release for one line (académie or voie). */
export function keyFigures(
  l: StatLine,
  groupe: Groupe,
  year: string,
  previousYear: string | null,
  what: string,
): string {
  const c = l.counts;
  const items = [
    `<li><strong>${formatEntier(c.presents)} candidats se sont présentés</strong> à la ` +
      `session ${escapeHtml(year)} du ${escapeHtml(what)}.</li>`,
    `<li><strong>${formatTaux(tauxSecondGroupe(c))} d’entre eux, ` +
      `soit ${formatEntier(c.invitesSecondGroupe)} ` +
      `candidats,</strong> ${groupe === 1 ? 'sont invités' : 'étaient invités'} à se ` +
      `présenter au 2nd groupe (oraux de rattrapage).</li>`,
    groupe === 1
      ? `<li><strong>${formatEntier(admis(c))} candidats sont admis</strong> dès le 1er groupe, ` +
        `soit un <strong>taux de réussite provisoire ` +
        `de ${formatTaux(tauxReussite(c))}</strong>` +
        `${escapeHtml(evolutionPhrase(l.evolution, previousYear))}.</li>`
      : `<li><strong>${formatEntier(admis(c))} candidats sont déclarés admis</strong> à l’issue ` +
        `de ce 2nd groupe d’épreuves, soit un <strong>taux de réussite ` +
        `de ${formatTaux(tauxReussite(c))}</strong>` +
        `${escapeHtml(evolutionPhrase(l.evolution, previousYear))}.</li>`,
  ];
  return `<ul class="chiffres-cles">\n  ${items.join('\n  ')}\n</ul>`;
}

/** Lines of one level, optionally of one voie. */
export function linesOf(
  stats: { lines: readonly StatLine[] },
  niveau: StatLine['niveau'],
  examen?: Examen,
): StatLine[] {
  return stats.lines.filter(
    (l) => l.niveau === niveau && (examen === undefined || l.examen === examen),
  );
}

/**
 * The line of `niveau` (and `code`, if given) the statistics always hold: a miss is a bug, thrown.
 */
export function lineOf(
  stats: { lines: readonly StatLine[] },
  niveau: StatLine['niveau'],
  code?: string,
): StatLine {
  const line = stats.lines.find(
    (l) => l.niveau === niveau && (code === undefined || l.code === code),
  );
  if (!line) throw new Error(`the statistics have no ${niveau} line ${code ?? ''}`.trimEnd());
  return line;
}

export function academieStatsPage(
  stats: AcademieStats,
  o: { stylesheet?: string; downloads: readonly Download[] },
): string {
  const year = sessionYear(stats.session);
  const prev = stats.previousSession ? sessionYear(stats.previousSession) : null;
  const total = lineOf(stats, 'academie');
  const deps = linesOf(stats, 'departement');
  const where = `dans l’académie ${deAcademie(stats.academieName)}`;
  const opts = { year, previousYear: prev };
  const sections: string[] = [
    `<h1>Résultats provisoires du ` +
      `baccalauréat ${escapeHtml(year)} ${escapeHtml(where)} ` +
      `${escapeHtml(groupeTitle(stats.groupe))}</h1>`,
    `<p>Toutes voies confondues : générale, technologique et professionnelle. Chiffres ` +
      `provisoires${stats.groupe === 1 ? ', avant les épreuves du 2nd groupe' : ''}.</p>`,
    `<h2>Dans l’académie ${escapeHtml(deAcademie(stats.academieName))}</h2>`,
    '<div class="fr-callout">',
    keyFigures(total, stats.groupe, year, prev, 'baccalauréat, toutes voies confondues'),
    '</div>',
    lineTable(deps, {
      ...opts,
      caption: 'Taux de réussite par département, toutes voies confondues',
      rowHeader: 'Département',
    }),
    ratesChart('graphique-departements', 'Taux de réussite par département', deps),
  ];
  for (const v of VOIES) {
    const voie = lineOf(stats, 'voie', v);
    if (voie.counts.presents === 0) continue;
    const byDep = linesOf(stats, 'voie-departement', v).map((l) => ({
      ...l,
      label: l.label.split(' — ')[1] ?? l.label,
    }));
    sections.push(
      `<h2>${escapeHtml(LIBELLE_VOIE[v])}</h2>`,
      keyFigures(voie, stats.groupe, year, prev, BAC_COURT[v]),
      lineTable(byDep, {
        ...opts,
        caption: `${LIBELLE_VOIE[v]} : admis par département`,
        rowHeader: 'Département',
      }),
    );
    const series = linesOf(stats, 'serie', v);
    if (series.length) {
      sections.push(
        lineTable(series, {
          ...opts,
          caption: `${LIBELLE_VOIE[v]} : taux de réussite par série`,
          rowHeader: 'Série',
        }),
        ratesChart(
          `graphique-series-${v.toLowerCase()}`,
          `${LIBELLE_VOIE[v]} : taux de réussite par série`,
          series,
        ),
      );
    }
    const domaines = linesOf(stats, 'domaine', v);
    if (domaines.length) {
      sections.push(
        lineTable(domaines, {
          ...opts,
          caption: `${LIBELLE_VOIE[v]} : taux de réussite par domaine`,
          rowHeader: 'Domaine',
        }),
        ratesChart(
          'graphique-domaines',
          `${LIBELLE_VOIE[v]} : taux de réussite par domaine`,
          domaines,
        ),
        `<details>\n<summary>Détail par ` +
          `spécialité</summary>\n` +
          `${lineTable(linesOf(stats, 'specialite', v), {
            ...opts,
            caption: `${LIBELLE_VOIE[v]} ` + `: taux de réussite par spécialité`,
            rowHeader: 'Spécialité',
          })}\n</details>`,
      );
    }
  }
  sections.push(
    '<h2>Mentions</h2>',
    '<p>Les mentions sont attribuées aux candidats admis dès le 1er groupe. La mention « très ' +
      'bien avec félicitations du jury » n’existe pas au baccalauréat professionnel.</p>',
    mentionsTable(
      [total, ...linesOf(stats, 'voie').filter((l) => l.counts.presents > 0)],
      'Mentions par voie',
      'Voie',
    ),
    mentionsChart('graphique-mentions', `Mentions obtenues ${where}`, total),
    '<h2>Résultats par établissement</h2>',
    etablissementsTable(stats),
    '<h2>Télécharger les données</h2>',
    `<ul class="telechargements">\n${o.downloads.map(downloadItem).join('\n')}\n</ul>`,
    definitions(stats.groupe, prev),
  );
  return layout({
    title: `Statistiques ${groupeTitle(stats.groupe)}`,
    academieName: stats.academieName,
    session: stats.session,
    main: sections.filter(Boolean).join('\n'),
    ...(o.stylesheet ? { stylesheet: o.stylesheet } : {}),
    // The page sits in <slug>/statistiques/, below the académie's page.
    breadcrumb: [
      { label: 'Accueil', href: HOME_URL },
      { label: `Académie ${deAcademie(stats.academieName)}`, href: '../index.html' },
      { label: 'Statistiques' },
    ],
  });
}

/** A DSFR download link, its format and size after the label ("CSV – 3 ko"). */
function downloadItem(d: Download): string {
  const format = /\.([a-z]+)$/i.exec(d.href)?.[1]?.toUpperCase() ?? '';
  const size =
    d.bytes === undefined ? '' : `${formatEntier(Math.max(1, Math.round(d.bytes / 1024)))} ko`;
  const detail = [format, size].filter(Boolean).join(' – ');
  return (
    `  <li><a class="fr-link fr-link--download" href="${escapeHtml(d.href)}" download>` +
    `${escapeHtml(d.label)}${detail ? ` <span class="fr-link__detail">${detail}</span>` : ''}` +
    '</a></li>'
  );
}

/** A figure under statistical secrecy: "s", spelled out for screen readers. */
const SECRET_CELL = '<td><abbr title="secret statistique">s</abbr></td>';

function etablissementsTable(stats: AcademieStats): string {
  const head = [
    'Établissement',
    'Département',
    'Présents',
    'Admis',
    'Taux de réussite',
    'Taux de mentions',
  ].map((h) => `<th scope="col">${escapeHtml(h)}</th>`);
  const collator = new Intl.Collator('fr');
  const rows = [...stats.etablissements]
    .sort((a, b) => collator.compare(a.libelle, b.libelle) || (a.uai < b.uai ? -1 : 1))
    .map((e) => {
      const figures = e.secret.total
        ? SECRET_CELL.repeat(4)
        : `<td>${formatEntier(e.total.presents)}</td><td>` +
          `${formatEntier(admis(e.total))}</td><td>${formatTaux(tauxReussite(e.total))}</td><td>` +
          `${formatTaux(tauxMentions(e.total))}</td>`;
      return (
        `    <tr><th scope="row">${escapeHtml(e.libelle)} <span ` +
        `class="uai">(${escapeHtml(e.uai)})</span></th><td>` +
        `${escapeHtml(departementLabel(e.departement))}</td>${figures}</tr>`
      );
    });
  if (!rows.length) return '<p>Aucun résultat par établissement.</p>';
  return (
    `${table('Résultats par établissement, toutes voies confondues', head, rows)}\n<p ` +
    `class="legende fr-text--sm">${escapeHtml(`s : ${secretLegend(stats.secrecyThreshold)}`)}</p>`
  );
}

export function definitions(groupe: Groupe, previousYear: string | null): string {
  const items = [
    'Présents : candidats ayant reçu une décision du jury au 1er groupe (admis, ajournés, ' +
      'invités au 2nd groupe) ; les éliminés (absents sans justification) et les candidats ' +
      'renvoyés aux épreuves de remplacement n’en font pas partie.',
    'Taux de réussite : admis / présents, arrondi au dixième.',
    groupe === 1
      ? 'Admis : candidats admis dès le 1er groupe. Les résultats du 2nd groupe ne sont pas ' +
        'encore connus.'
      : 'Admis : candidats admis au 1er groupe et à l’issue du 2nd groupe.',
    previousYear
      ? `Évolution : différence, en points, entre le taux de réussite publié et celui ` +
        `de ${previousYear} au même stade ; « nouveau » quand la ligne n’existait pas ` +
        `en ${previousYear}.`
      : 'Évolution : aucune donnée de la session précédente n’est disponible.',
    'Les résultats dont la publication est suspendue ne sont comptés nulle part.',
  ];
  return (
    `<h2>Définitions</h2>\n<ul>\n` +
    `${items.map((i) => `  <li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`
  );
}
