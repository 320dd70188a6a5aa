// French number formatting for pages, through Intl so that separators are
// the typographic ones: "20 075" (narrow no-break space), "89,5 %"
// (no-break space before %), "+0,4 pt". Rates arrive as integer tenths, so
// Intl only prints a value that is already rounded.
import type { Evolution } from './stats.types.js';

const ENTIER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const POURCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const POINTS = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const NBSP = '\u00a0';

/** "20 075" */
export function formatEntier(n: number): string {
  return ENTIER.format(n);
}

/** "89,5 %" from 895 tenths; "—" when there is no rate (no présent). */
export function formatTaux(dixiemes: number | null): string {
  return dixiemes === null ? '—' : POURCENT.format(dixiemes / 1000);
}

/**
 * "+0,4 pt", "-6,2 pts", "=" when stable (as the release writes it),
 * "nouveau" when there was no such line before, "—" when nothing compares.
 * French puts the plural from 2 on.
 */
export function formatEvolution(e: Evolution): string {
  if (e.kind === 'new') return 'nouveau';
  if (e.kind === 'unavailable') return '—';
  if (e.dixiemes === 0) return '=';
  return `${POINTS.format(e.dixiemes / 10)}${NBSP}${Math.abs(e.dixiemes) >= 20 ? 'pts' : 'pt'}`;
}

/** The same evolution spelled out for screen readers and chart descriptions. */
export function describeEvolution(e: Evolution): string {
  if (e.kind === 'new') return 'pas de chiffre l’an passé';
  if (e.kind === 'unavailable') return 'pas de comparaison disponible';
  if (e.dixiemes === 0) return 'stable';
  return (
    `${e.dixiemes > 0 ? 'en hausse' : 'en baisse'} ` +
    `de ${formatEvolution({ kind: 'points', dixiemes: Math.abs(e.dixiemes) }).replace('+', '')}`
  );
}
