import type { Academie } from '../domain/reference/academies.js';
import { Examen } from '../domain/vocabulary.js';
import { EFFECTIFS_AIX_MARSEILLE_2020 } from '../domain/reference/exams.js';

/** The voie of a candidate is the exam they sit: général, technologique, professionnel. */
export type Voie = Examen;
export const VOIES: readonly Voie[] = Examen.options;

/**
 * Rough population by département, in thousands (INSEE, early 2020s). Only
 * the press kit gives candidate counts, and for Aix-Marseille alone: the
 * other académies are sized, and their candidates spread over départements,
 * in proportion to population. Good enough for synthetic data: Lille comes
 * out near 48,000 candidates, Paris 23,000, Mayotte 3,200.
 */
const POPULATION: Record<string, number> = {
  '01': 657,
  '02': 529,
  '03': 335,
  '04': 165,
  '05': 141,
  '06': 1_097,
  '07': 329,
  '08': 270,
  '09': 154,
  '10': 311,
  '11': 375,
  '12': 280,
  '13': 2_043,
  '14': 697,
  '15': 144,
  '16': 352,
  '17': 654,
  '18': 300,
  '19': 240,
  '2A': 160,
  '2B': 182,
  '21': 535,
  '22': 601,
  '23': 116,
  '24': 414,
  '25': 544,
  '26': 519,
  '27': 600,
  '28': 431,
  '29': 916,
  '30': 752,
  '31': 1_415,
  '32': 192,
  '33': 1_637,
  '34': 1_186,
  '35': 1_096,
  '36': 217,
  '37': 611,
  '38': 1_276,
  '39': 259,
  '40': 419,
  '41': 329,
  '42': 766,
  '43': 228,
  '44': 1_450,
  '45': 682,
  '46': 174,
  '47': 331,
  '48': 77,
  '49': 822,
  '50': 496,
  '51': 567,
  '52': 170,
  '53': 307,
  '54': 733,
  '55': 183,
  '56': 762,
  '57': 1_047,
  '58': 202,
  '59': 2_610,
  '60': 830,
  '61': 278,
  '62': 1_462,
  '63': 662,
  '64': 687,
  '65': 229,
  '66': 482,
  '67': 1_143,
  '68': 767,
  '69': 1_883,
  '70': 233,
  '71': 550,
  '72': 566,
  '73': 438,
  '74': 829,
  '75': 2_133,
  '76': 1_254,
  '77': 1_427,
  '78': 1_451,
  '79': 374,
  '80': 568,
  '81': 392,
  '82': 262,
  '83': 1_085,
  '84': 562,
  '85': 690,
  '86': 439,
  '87': 372,
  '88': 360,
  '89': 333,
  '90': 140,
  '91': 1_306,
  '92': 1_625,
  '93': 1_655,
  '94': 1_408,
  '95': 1_249,
  '971': 384,
  '972': 361,
  '973': 286,
  '974': 871,
  '975': 6,
  '976': 299,
  '986': 11,
  '987': 279,
  '988': 271,
};

/**
 * Aix-Marseille had 32,199 inscrits in 2020, about 31,000 présents: that ratio to its
 * population sizes the rest.
 */
const AIX_MARSEILLE_PRESENTS = 31_000;
const AIX_MARSEILLE_POPULATION = ['04', '05', '13', '84'].reduce(
  (sum, d) => sum + (POPULATION[d] ?? 0),
  0,
);
const CANDIDATES_PER_THOUSAND = AIX_MARSEILLE_PRESENTS / AIX_MARSEILLE_POPULATION;

/** A realistic number of candidates present for the académie (about 31,000 for Aix-Marseille). */
export function expectedCandidates(academie: Academie): number {
  const population = academie.departements.reduce((sum, d) => sum + (POPULATION[d] ?? 100), 0);
  return Math.max(50, Math.round((population * CANDIDATES_PER_THOUSAND) / 10) * 10);
}

/**
 * Share of the académie's candidates in each (département, voie). The press
 * kit's own table for Aix-Marseille; elsewhere population times the
 * Aix-Marseille mix of voies (54 % général, 21 % techno, 24 % pro).
 */
export function candidateShares(
  academie: Academie,
): { departement: string; voie: Voie; share: number }[] {
  const table = EFFECTIFS_AIX_MARSEILLE_2020.parDepartement;
  const known = academie.departements.every((d) => table[d] !== undefined);
  const totals = { BCG: 0, BTN: 0, BCP: 0 };
  for (const counts of Object.values(table)) for (const v of VOIES) totals[v] += counts[v];
  const all = totals.BCG + totals.BTN + totals.BCP;
  const cells = academie.departements.flatMap((departement) =>
    VOIES.map((voie) => ({
      departement,
      voie,
      share: known
        ? (table[departement]?.[voie] ?? 0)
        : (POPULATION[departement] ?? 100) * (totals[voie] / all),
    })),
  );
  const sum = cells.reduce((s, c) => s + c.share, 0);
  return cells.map((c) => ({ ...c, share: c.share / sum }));
}
