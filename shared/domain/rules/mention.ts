import type { Examen, Mention } from '../vocabulary.js';

export const LIBELLE_MENTION: Record<Mention, string> = {
  AB: 'Assez bien',
  B: 'Bien',
  TB: 'Très bien',
  TBF: 'Très bien avec félicitations du jury',
};

/** Félicitations du jury exist for the général and technological bacs only. */
export function mentionsAllowed(examen: Examen): readonly Mention[] {
  return examen === 'BCP' ? ['AB', 'B', 'TB'] : ['AB', 'B', 'TB', 'TBF'];
}

/**
 * The mention an average earns at the first group: AB 12-14, B 14-16,
 * TB ≥ 16, TBF ≥ 18 (not BCP).
 */
export function mentionForAverage(examen: Examen, moyenne: number): Mention | null {
  if (moyenne >= 18 && examen !== 'BCP') return 'TBF';
  if (moyenne >= 16) return 'TB';
  if (moyenne >= 14) return 'B';
  if (moyenne >= 12) return 'AB';
  return null;
}
