// The national statistics page: the sum of the académies whose results are
// public, by académie, voie, série and domain. It sits in an académie's
// release, so it uses that académie's layout.
import { escapeHtml, layout, sessionYear } from '../site/html.js';
import {
  definitions,
  groupeTitle,
  keyFigures,
  lineOf,
  linesOf,
  type Download,
} from './stats-page.js';
import { lineTable, mentionsChart, mentionsTable, ratesChart } from './html-blocks.js';
import { LIBELLE_VOIE, VOIES } from './labels.js';
import type { NationalStats } from './stats.types.js';

export function nationalStatsPage(
  stats: NationalStats,
  o: { hostName: string; stylesheet?: string; downloads: readonly Download[] },
): string {
  const year = sessionYear(stats.session);
  const prev = stats.previousSession ? sessionYear(stats.previousSession) : null;
  const opts = { year, previousYear: prev };
  const france = lineOf(stats, 'academie', 'france');
  const academies = stats.lines.filter((l) => l.niveau === 'academie' && l.code !== 'france');
  const voies = linesOf(stats, 'voie').filter((l) => l.counts.presents > 0);
  const sections = [
    `<h1>Résultats provisoires du baccalauréat ${escapeHtml(year)} : ensemble des ` +
      `académies ${escapeHtml(groupeTitle(stats.groupe))}</h1>`,
    `<p>Somme des ${academies.length} académie${academies.length > 1 ? 's' : ''} dont les ` +
      `résultats sont publiés. Chiffres provisoires.</p>`,
    keyFigures(france, stats.groupe, year, prev, 'baccalauréat, toutes voies confondues'),
    lineTable(academies, {
      ...opts,
      caption: 'Taux de réussite par académie, toutes voies confondues',
      rowHeader: 'Académie',
    }),
    ratesChart('graphique-academies', 'Taux de réussite par académie', academies),
    lineTable(voies, { ...opts, caption: 'Taux de réussite par voie', rowHeader: 'Voie' }),
    ratesChart('graphique-voies', 'Taux de réussite par voie', voies),
  ];
  for (const v of VOIES) {
    const series = linesOf(stats, 'serie', v);
    if (series.length)
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
    const domaines = linesOf(stats, 'domaine', v);
    if (domaines.length)
      sections.push(
        lineTable(domaines, {
          ...opts,
          caption: `${LIBELLE_VOIE[v]} : taux de réussite par domaine`,
          rowHeader: 'Domaine',
        }),
      );
  }
  sections.push(
    '<h2>Mentions</h2>',
    mentionsTable([france, ...voies], 'Mentions par voie', 'Voie'),
    mentionsChart('graphique-mentions', 'Mentions obtenues, ensemble des académies', france),
    '<h2>Télécharger les données</h2>',
    `<ul class="telechargements">\n` +
      `${o.downloads
        .map(
          (d) =>
            `  <li><a href="${escapeHtml(d.href)}" download>` + `${escapeHtml(d.label)}</a></li>`,
        )
        .join('\n')}\n</ul>`,
    definitions(stats.groupe, prev),
  );
  return layout({
    title: `Statistiques nationales ${groupeTitle(stats.groupe)}`,
    academieName: o.hostName,
    session: stats.session,
    main: sections.filter(Boolean).join('\n'),
    ...(o.stylesheet ? { stylesheet: o.stylesheet } : {}),
  });
}
