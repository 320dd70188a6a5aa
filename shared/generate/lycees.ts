import { ACADEMIES, findAcademie } from '../domain/reference/academies.js';
import type { Etablissement } from '../domain/reference/etablissements.js';
import { uaiCheckLetter } from '../domain/reference/uai.js';
import { COMMUNES } from './communes.js';
import { csvCell } from './csv-writer.js';
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

/**
 * Where each generated lycée is: a real commune of its département, the
 * préfecture most often (as in France, the larger towns have more lycées),
 * never where a lycée of the same name already stands (a reader tells
 * homonyms apart by their town), unless the département has no town left.
 * A stream of its own, so adding communes changed no generated decision.
 */
export function etablissementsReferenceOf(academie: string, seed = 1): Etablissement[] {
  const taken = new Set<string>();
  return lyceesOf(academie, seed).map((l) => {
    const communes = COMMUNES[l.departement] ?? [];
    if (!communes.length) throw new Error(`no commune known for département ${l.departement}`);
    const first = weightedIndex(communes.length, new Random(mixSeed(seed, l.uai, 'commune')));
    const free = communes.findIndex((_, k) => {
      const c = communes[(first + k) % communes.length];
      return !taken.has(`${l.nom}|${c}`);
    });
    const commune = communes[(first + Math.max(free, 0)) % communes.length] ?? '';
    taken.add(`${l.nom}|${commune}`);
    return { uai: l.uai, libelle: l.nom, commune };
  });
}

/** An index in [0, n): the i-th weighs n - i (the first is the likeliest, the last the rarest). */
function weightedIndex(n: number, random: Random): number {
  let draw = random.next() * ((n * (n + 1)) / 2);
  for (let i = 0; i < n; i++) if ((draw -= n - i) < 0) return i;
  return 0;
}

/** The reference as the rectorat's export writes it: `uai;libelle;commune`, UTF-8, `\n`. */
export function etablissementsCsv(rows: readonly Etablissement[]): string {
  const lines = rows.map((e) => [e.uai, e.libelle, e.commune].map(csvCell).join(';'));
  return `uai;libelle;commune\n${lines.join('\n')}\n`;
}
