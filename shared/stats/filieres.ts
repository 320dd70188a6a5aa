// The filières of the ministry's open dataset of lycée results, which the
// établissement table breaks its figures down by, and the voie of each.
import type { Examen } from '../domain/decision.schema.js';
import { SERIES_BTN } from '../domain/reference/exams.js';

/** The général bac's séries until the 2021 reform; one filière "gnle" since. */
function filieresGenerales(session: string): string[] {
  return Number(session.slice(0, 4)) < 2021 ? ['l', 'es', 's'] : ['gnle'];
}

/**
 * Filières of the open dataset: the général bac (séries before 2021), techno séries, pro domains.
 */
export function filieres(session: string): string[] {
  return [
    ...filieresGenerales(session),
    ...SERIES_BTN.map((s) => s.toLowerCase()),
    'production',
    'services',
  ];
}

/**
 * The voie of a published filière of the session; null for a key the table does not publish
 * ("autre").
 */
export function voieOfFiliere(session: string, filiere: string): Examen | null {
  if (filieresGenerales(session).includes(filiere)) return 'BCG';
  if (SERIES_BTN.some((s) => s.toLowerCase() === filiere)) return 'BTN';
  return filiere === 'production' || filiere === 'services' ? 'BCP' : null;
}
