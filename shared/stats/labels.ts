// French labels of statistics lines, as press releases word them.
import type { Examen } from '../domain/decision.schema.js';
import { departementName } from '../domain/reference/departements.js';

export const VOIES: readonly Examen[] = ['BCG', 'BTN', 'BCP'];

export const LIBELLE_VOIE: Record<Examen, string> = {
  BCG: 'Voie générale',
  BTN: 'Voie technologique',
  BCP: 'Voie professionnelle',
};

/** Short names used in sentences: "bac général". */
export const BAC_COURT: Record<Examen, string> = {
  BCG: 'bac général',
  BTN: 'bac technologique',
  BCP: 'bac professionnel',
};

/**
 * Technological séries in the wording of the Amiens 2024 release (its table order first), then the
 * rest.
 */
export const LIBELLE_SERIE: Record<string, string> = {
  STHR: 'Hôtellerie et restauration',
  STI2D: 'Industrie et développement durable',
  ST2S: 'Santé et social',
  STD2A: 'Design et arts appliqués',
  STMG: 'Management et gestion',
  STL: 'Laboratoire',
  S2TMD: 'Théâtre, musique et danse',
  ES: 'Économique et social',
  L: 'Littéraire',
  S: 'Scientifique',
};

/** Série order in tables: the press release's, then the pre-2021 général séries. */
export const SERIE_ORDER: readonly string[] = [
  'STHR',
  'STI2D',
  'ST2S',
  'STD2A',
  'STMG',
  'STL',
  'S2TMD',
  'ES',
  'L',
  'S',
];

/** The release lists Services before Production. */
export const DOMAINE_ORDER: readonly string[] = ['Services', 'Production'];

export function serieLabel(serie: string): string {
  const name = LIBELLE_SERIE[serie];
  return name ? `${name} – ${serie}` : serie;
}

export function departementLabel(code: string): string {
  return departementName(code) ?? `Département ${code}`;
}
