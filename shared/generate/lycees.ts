import { ACADEMIES, findAcademie } from '../domain/reference/academies.js';
import { uaiCheckLetter } from '../domain/reference/uai.js';
import { PATRONS } from './names.js';
import { Random, mixSeed } from './random.js';
import { candidateShares, expectedCandidates, type Voie } from './sizes.js';

export interface Lycee {
  uai: string;
  nom: string;
  departement: string;
  /** Général et technologique, professionnel, or polyvalent (every voie). */
  voies: readonly Voie[];
  /** The jury that deliberates on its candidates, shared by a few neighbouring lycées. */
  jury: string;
  /** Relative number of candidates: lycées differ in size. */
  weight: number;
}

/** UAI numbers start with the département code on 3 digits; Corse uses 620 and 720. */
export function uaiPrefix(departement: string): string {
  if (departement === '2A') return '620';
  if (departement === '2B') return '720';
  return departement.padStart(3, '0');
}

/** About one lycée per 170 candidates présents, as in France (~4,200 for ~720,000 candidates). */
const CANDIDATES_PER_LYCEE = 170;
const LYCEES_PER_JURY = 3;

const POLYVALENT = {
  label: 'Lycée polyvalent',
  voies: ['BCG', 'BTN', 'BCP'] as const,
  weight: 1.2,
};
const KINDS = [
  { label: 'Lycée', voies: ['BCG', 'BTN'] as const, weight: 1.4 },
  POLYVALENT,
  { label: 'Lycée professionnel', voies: ['BCP'] as const, weight: 0.7 },
];

const cache = new Map<string, readonly Lycee[]>();

/**
 * A stable, plausible set of lycées for an académie: the same for the same
 * seed whatever the number of candidates generated, so later pages (lists
 * per établissement, statistics) can name them. Every département has at
 * least one lycée per voie; UAIs are valid and unique.
 */
export function lyceesOf(academie: string, seed = 1): readonly Lycee[] {
  const key = `${academie}|${seed}`;
  const known = cache.get(key);
  if (known) return known;
  const a = findAcademie(academie);
  if (!a) throw new Error(`unknown académie "${academie}"`);
  const random = new Random(mixSeed(seed, ACADEMIES.indexOf(a), 'lycees'));
  const candidates = expectedCandidates(a);
  const lycees: Lycee[] = [];
  for (const departement of a.departements) {
    const share = candidateShares(a)
      .filter((c) => c.departement === departement)
      .reduce((s, c) => s + c.share, 0);
    const count = Math.max(2, Math.round((candidates * share) / CANDIDATES_PER_LYCEE));
    const prefix = uaiPrefix(departement);
    // Distinct 4-digit numbers, in UAI order as in the official directory.
    const numbers = random
      .shuffled(Array.from({ length: 999 }, (_, i) => i + 1))
      .slice(0, count)
      .sort((x, y) => x - y);
    const names = random.shuffled(PATRONS);
    // The first lycée is polyvalent, so that every voie has somewhere to sit in the smallest
    // département.
    const kinds = numbers.map((n, i) => ({ n, kind: i === 0 ? POLYVALENT : random.pick(KINDS) }));
    kinds.forEach(({ n, kind }, i) => {
      const digits = `${prefix}${String(n).padStart(4, '0')}`;
      lycees.push({
        uai: `${digits}${uaiCheckLetter(digits)}`,
        nom: `${kind.label} ${names[i % names.length]}`,
        departement,
        voies: kind.voies,
        jury: `J${prefix}-${String(Math.floor(i / LYCEES_PER_JURY) + 1).padStart(2, '0')}`,
        weight: kind.weight * (0.5 + random.next()),
      });
    });
  }
  cache.set(key, lycees);
  return lycees;
}
