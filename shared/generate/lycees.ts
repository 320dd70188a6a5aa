import { findAcademie } from '../domain/reference/academies.js';
import { uaiCheckLetter } from '../domain/reference/uai.js';
import { PATRONS } from './names.js';
import { Random } from './random.js';

export interface Lycee {
  uai: string;
  nom: string;
  departement: string;
  /** Lycées polyvalents teach every voie; lycées professionnels only the professional bac. */
  voies: readonly ('BCG' | 'BTN' | 'BCP')[];
}

/** UAI numbers start with the département code on 3 digits; Corse uses 620 and 720. */
function uaiPrefix(departement: string): string {
  if (departement === '2A') return '620';
  if (departement === '2B') return '720';
  return departement.padStart(3, '0');
}

/**
 * A stable, plausible set of lycées for an académie: about one lycée per
 * 300 candidates of each département, each with a valid UAI.
 */
export function lyceesOf(academie: string, candidatesPerDepartement: Record<string, number>, seed = 1): Lycee[] {
  const a = findAcademie(academie);
  if (!a) throw new Error(`unknown académie ${academie}`);
  const random = new Random(seed * 7919 + 17);
  const lycees: Lycee[] = [];
  for (const departement of a.departements) {
    const count = Math.max(2, Math.round((candidatesPerDepartement[departement] ?? 0) / 300));
    const prefix = uaiPrefix(departement);
    for (let i = 0; i < count; i++) {
      const digits = `${prefix}${String(1 + i * 7).padStart(7 - prefix.length, '0')}`;
      const professional = i % 4 === 3;
      lycees.push({
        uai: `${digits}${uaiCheckLetter(digits)}`,
        nom: `${professional ? 'Lycée professionnel' : 'Lycée'} ${random.pick(PATRONS)}`,
        departement,
        voies: professional ? ['BCP'] : ['BCG', 'BTN', 'BCP'],
      });
    }
  }
  return lycees;
}
