// Building blocks of the statistics pages: accessible tables (caption,
// header scopes) and the charts drawn from the same lines.
import { escapeHtml } from '../site/html.js';
import { admis, tauxMentions, tauxReussite, totalMentions } from './counts.js';
import { describeEvolution, formatEntier, formatEvolution, formatTaux } from './format-fr.js';
import { barChartSvg } from './svg-charts.js';
import type { StatLine } from './stats.types.js';

export interface LineTableOptions {
  caption: string;
  /** Header of the first column: "Département", "Série"... */
  rowHeader: string;
  /** Year compared with, for the evolution header; null: no evolution column. */
  previousYear: string | null;
  year: string;
  /** Show présents (the release gives them for voies, not for départements of a voie). */
  presents?: boolean;
}

/** Success rate table, as press releases lay it out: one line per row, evolution in points. */
export function lineTable(lines: readonly StatLine[], o: LineTableOptions): string {
  const showPresents = o.presents ?? true;
  const head = [
    `<th scope="col">${escapeHtml(o.rowHeader)}</th>`,
    showPresents ? '<th scope="col">Présents</th>' : '',
    '<th scope="col">Admis</th>',
    '<th scope="col">Taux de réussite</th>',
    o.previousYear
      ? `<th scope="col">Évolution ${escapeHtml(o.year)} vs ${escapeHtml(o.previousYear)} (en ` +
        `points)</th>`
      : '',
  ].filter(Boolean);
  const rows = lines.map((l) => {
    const cells = [
      `<th scope="row">${escapeHtml(l.label)}</th>`,
      showPresents ? `<td>${formatEntier(l.counts.presents)}</td>` : '',
      `<td>${formatEntier(admis(l.counts))}</td>`,
      `<td>${formatTaux(tauxReussite(l.counts))}</td>`,
      o.previousYear ? `<td>${evolutionCell(l)}</td>` : '',
    ].filter(Boolean);
    return `    <tr>${cells.join('')}</tr>`;
  });
  return table(o.caption, head, rows);
}

/** "=" and "nouveau" carry their meaning for screen readers too. */
export function evolutionCell(l: StatLine): string {
  const shown = formatEvolution(l.evolution);
  const said = describeEvolution(l.evolution);
  return l.evolution.kind === 'points' && l.evolution.dixiemes !== 0
    ? escapeHtml(shown)
    : `<abbr title="${escapeHtml(said)}">${escapeHtml(shown)}</abbr>`;
}

export function mentionsTable(
  lines: readonly StatLine[],
  caption: string,
  rowHeader: string,
): string {
  const head = [
    rowHeader,
    'Assez bien',
    'Bien',
    'Très bien',
    'Très bien avec félicitations',
    'Total des mentions',
    'Part des présents',
  ].map((h) => `<th scope="col">${escapeHtml(h)}</th>`);
  const rows = lines.map((l) => {
    const m = l.counts.mentions;
    const total = totalMentions(l.counts);
    const share = formatTaux(tauxMentions(l.counts));
    const cells = [m.AB, m.B, m.TB, m.TBF, total]
      .map((x) => `<td>${formatEntier(x)}</td>`)
      .join('');
    return `    <tr><th scope="row">${escapeHtml(l.label)}</th>${cells}<td>${share}</td></tr>`;
  });
  return table(caption, head, rows);
}

/**
 * A DSFR table (fr-table, bordered). Its container scrolls sideways on a
 * phone rather than widening the page, and is focusable and named so that a
 * keyboard reader can scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 */
export function table(caption: string, head: readonly string[], rows: readonly string[]): string {
  return [
    '<div class="fr-table fr-table--bordered"><div class="fr-table__wrapper">' +
      `<div class="fr-table__container" tabindex="0" role="region" ` +
      `aria-label="${escapeHtml(caption)}"><div class="fr-table__content">`,
    '<table>',
    `  <caption>${escapeHtml(caption)}</caption>`,
    `  <thead><tr>${head.join('')}</tr></thead>`,
    '  <tbody>',
    ...rows,
    '  </tbody>',
    '</table>',
    '</div></div></div></div>',
  ].join('\n');
}

/** Rates by line, with a description listing each value and its evolution. */
export function ratesChart(id: string, title: string, lines: readonly StatLine[]): string {
  const withRate = lines.flatMap((line) => {
    const rate = tauxReussite(line.counts);
    return rate === null ? [] : [{ line, rate }];
  });
  if (withRate.length === 0) return '';
  const description = withRate
    .map(({ line, rate }) => {
      const evolution =
        line.evolution.kind === 'unavailable' ? '' : `, ${describeEvolution(line.evolution)}`;
      return `${line.label} : ${formatTaux(rate)}${evolution}`;
    })
    .join(' ; ');
  return barChartSvg({
    id,
    title,
    description: `${description}.`,
    bars: withRate.map(({ line, rate }) => ({
      label: line.label,
      share: rate / 1000,
      text: formatTaux(rate),
    })),
  });
}

/** Mentions of one line, as counts. */
export function mentionsChart(id: string, title: string, line: StatLine): string {
  const m = line.counts.mentions;
  const entries: [string, number][] = [
    ['Assez bien', m.AB],
    ['Bien', m.B],
    ['Très bien', m.TB],
    ['Très bien avec félicitations', m.TBF],
  ];
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return barChartSvg({
    id,
    title,
    description: `${entries.map(([k, v]) => `${k} : ${formatEntier(v)}`).join(' ; ')}.`,
    bars: entries.map(([label, v]) => ({ label, share: v / max, text: formatEntier(v) })),
  });
}
