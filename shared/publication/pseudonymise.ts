// Rehearsal pseudonyms: the real decisions with every identity replaced, so
// that a dress run shows the real structure and counts (statistics, lists,
// shard sizes) and no real person. Lille 2019 leaked results during a "test":
// a leaked rehearsal link must leak no one.
//
// Kept: everything that is not an identity (académie, session, UAI,
// département, examen, série, groupe, decision, mention, moyenne, consent,
// jury, deliberation). Replaced, the same way on a candidate's group-1 and
// group-2 rows: number, name, first names, birth date.
//
// Every choice is an HMAC of the seed (chosen per rehearsal by the caller)
// and the real number: deterministic for one seed, unrelated across seeds,
// and not invertible without the seed (a plain hash of a sequential number
// would be, by enumeration).
import { createHmac } from 'node:crypto';
import { Decision } from '../domain/decision.schema.js';
import { CANDIDATE_NUMBER, CandidateNumber, type Groupe } from '../domain/vocabulary.js';
import { NOMS, PRENOMS_F, PRENOMS_M } from '../generate/names.js';

export type PseudonymSeed = string | Uint8Array;

/** Below this a seed could be guessed, and with it every real number behind a pseudonym. */
export const MIN_SEED_BYTES = 16;
/**
 * Pseudonyms are drawn until one fits; the pools dwarf any académie, so this bound is never reached
 * in practice.
 */
const MAX_DRAWS = 1_000;
const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = DIGITS + LETTERS;
const DAY_MS = 86_400_000;

type Identity = Pick<Decision, 'numero' | 'nom' | 'prenoms' | 'dateNaissance'>;
type Draw = (label: string, numero: string, counter: number) => Buffer;

/**
 * Returns the decisions in the same order with the same fields, every
 * identity replaced. Guarantees, for any input:
 * - a candidate (real number) has one pseudonymous number, name and birth
 *   date on all their rows; two candidates never share a number;
 * - a pseudonymous number matches CANDIDATE_NUMBER, keeps the real one's
 *   shape (digits and letters by position) and is no real number of the input;
 * - a name is never the candidate's own; the (nom, prénoms) pair is no real
 *   candidate's; names come from shared/generate/names.ts, avoiding every
 *   real nom and prénom of the input when the lists have some left;
 * - a birth date is never the candidate's own; its year is drawn from the
 *   input's birth years (so ages keep their real spread), and it avoids
 *   every real birth date of the input where they are sparse;
 * - each output row passes the Decision schema.
 * Drop withheld candidates before calling (their real numbers are gone after).
 */
export function pseudonymiseDecisions(
  decisions: readonly Decision[],
  seed: PseudonymSeed,
): Decision[] {
  const key = typeof seed === 'string' ? Buffer.from(seed, 'utf8') : Buffer.from(seed);
  if (key.length < MIN_SEED_BYTES)
    throw new Error(`a pseudonym seed needs at least ${MIN_SEED_BYTES} bytes`);
  const draw: Draw = (label, numero, counter) =>
    createHmac('sha256', key).update(`${label}\0${numero}\0${counter}`).digest();

  const own = new Map<string, Identity[]>();
  for (const d of decisions) own.set(d.numero, [...(own.get(d.numero) ?? []), d]);
  const real = {
    numbers: new Set(own.keys()),
    dates: new Set(decisions.map((d) => d.dateNaissance)),
    pairs: new Set(decisions.map((d) => `${d.nom}|${d.prenoms}`)),
  };
  const tokens = new Set(decisions.flatMap((d) => splitPrenoms(d.prenoms)));
  const nomsOf = new Set(decisions.map((d) => d.nom));
  const pools = {
    noms: unlessEmpty(
      NOMS.filter((n) => !nomsOf.has(n)),
      NOMS,
    ),
    f: unlessEmpty(
      PRENOMS_F.filter((p) => !tokens.has(p)),
      PRENOMS_F,
    ),
    m: unlessEmpty(
      PRENOMS_M.filter((p) => !tokens.has(p)),
      PRENOMS_M,
    ),
  };
  // One birth year per candidate, sorted: pseudonymous years follow the real
  // distribution, whatever the input's order.
  const birthYears = new Map<string, number>();
  for (const d of decisions)
    if (!birthYears.has(d.numero)) birthYears.set(d.numero, Number(d.dateNaissance.slice(0, 4)));
  const years = [...birthYears.values()].sort((a, b) => a - b);

  const taken = new Set<string>();
  const identities = new Map<string, Identity>();
  // Sorted, so that which candidate wins a (never expected) collision does not depend on the
  // input's order.
  for (const [numero, rows] of [...own].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pseudo = pseudonymousNumber(draw, numero, (n) => !real.numbers.has(n) && !taken.has(n));
    taken.add(pseudo);
    const name = firstFit(
      draw,
      'name',
      numero,
      (bytes) => nameFrom(bytes, pools),
      (n) =>
        rows.every((r) => r.nom !== n.nom && r.prenoms !== n.prenoms) &&
        !real.pairs.has(`${n.nom}|${n.prenoms}`),
    );
    identities.set(numero, {
      numero: pseudo,
      ...name,
      dateNaissance: birthDate(draw('birth', numero, 0), years, rows, real.dates),
    });
  }
  return decisions.map((d) => {
    const identity = identities.get(d.numero);
    if (!identity) throw new Error('unreachable: every candidate was given a pseudonym above');
    return Decision.parse({ ...d, ...identity });
  });
}

function pseudonymousNumber(draw: Draw, numero: string, free: (n: string) => boolean): string {
  // A real number of an unexpected format gets the longest valid shape.
  const shape = CANDIDATE_NUMBER.test(numero) ? numero : 'X'.repeat(15);
  return firstFit(
    draw,
    'numero',
    numero,
    (bytes, counter) => {
      // After many collisions (a tiny, crowded shape), widen to 15 of any of 36 characters.
      const wide = counter >= 32;
      return Array.from(wide ? 'X'.repeat(15) : shape, (c, i) => {
        const alphabet = wide ? ALNUM : DIGITS.includes(c) ? DIGITS : LETTERS;
        return pick(alphabet, bytes.readUInt16BE(i * 2));
      }).join('');
    },
    (n) => CandidateNumber.safeParse(n).success && free(n),
  );
}

function nameFrom(
  bytes: Buffer,
  pools: { noms: readonly string[]; f: readonly string[]; m: readonly string[] },
): Pick<Identity, 'nom' | 'prenoms'> {
  const given = bytes.readUInt8(0) & 1 ? pools.f : pools.m;
  // As many prénoms as the generator gives: one, two (45 %) or three (10 %).
  const percentile = bytes.readUInt8(1) % 100;
  const count = percentile < 10 ? 3 : percentile < 45 ? 2 : 1;
  const prenoms = [
    ...new Set([0, 1, 2].slice(0, count).map((i) => pick(given, bytes.readUInt16BE(4 + i * 2)))),
  ];
  return { nom: pick(pools.noms, bytes.readUInt16BE(2)), prenoms: prenoms.join(', ') };
}

function birthDate(
  bytes: Buffer,
  years: readonly number[],
  rows: readonly Identity[],
  realDates: ReadonlySet<string>,
): string {
  const year = pick(years, bytes.readUInt32BE(0));
  const first = Date.UTC(year, 0, 1);
  const span = Math.round((Date.UTC(year + 1, 0, 1) - first) / DAY_MS);
  const at = (offset: number) =>
    new Date(first + (offset % span) * DAY_MS).toISOString().slice(0, 10);
  const notOwn = (date: string) => rows.every((r) => r.dateNaissance !== date);
  // Sparse real dates (a small académie) are all avoided; in a crowded year,
  // only the candidate's own.
  const draws = [4, 10, 16, 22].map((at6) => bytes.readUIntBE(at6, 6));
  const sparse = draws.map(at).find((date) => !realDates.has(date) && notOwn(date));
  if (sparse) return sparse;
  const base = bytes.readUIntBE(4, 6); // the first draw
  for (let step = 0; step <= rows.length; step++)
    if (notOwn(at(base + step))) return at(base + step);
  throw new Error('unreachable: a candidate has fewer birth dates than a year has days');
}

function firstFit<T>(
  draw: Draw,
  label: string,
  numero: string,
  make: (bytes: Buffer, counter: number) => T,
  fits: (value: T) => boolean,
): T {
  for (let counter = 0; counter < MAX_DRAWS; counter++) {
    const value = make(draw(label, numero, counter), counter);
    if (fits(value)) return value;
  }
  throw new Error(`no free pseudonymous ${label} after ${MAX_DRAWS} draws`);
}

/** The element a draw selects (modulo the pool's size); pools are never empty. */
function pick<T>(pool: ArrayLike<T>, n: number): T {
  const value = pool[n % pool.length];
  if (value === undefined) throw new Error('unreachable: a pseudonym drawn from an empty pool');
  return value;
}

const splitPrenoms = (prenoms: string) => prenoms.split(',').map((p) => p.trim());
const unlessEmpty = <T>(pool: readonly T[], fallback: readonly T[]) =>
  pool.length > 0 ? pool : fallback;

/**
 * A few candidates for the officer to try on a rehearsal (numbers only; their
 * codes are derived elsewhere): one per outcome shown at this groupe, the best
 * outcomes first, then others, in the (pseudonymous, hence arbitrary) order of
 * their numbers. REMPLACEMENT decisions are never shown, so never offered.
 */
export function sampleCandidates(
  decisions: readonly Pick<Decision, 'numero' | 'groupe' | 'decision' | 'mention'>[],
  groupe: Groupe,
  count = 3,
): string[] {
  const latest = new Map<string, Pick<Decision, 'numero' | 'groupe' | 'decision' | 'mention'>>();
  for (const d of decisions)
    if (d.groupe <= groupe && (latest.get(d.numero)?.groupe ?? 0) < d.groupe)
      latest.set(d.numero, d);
  const shown = [...latest.values()]
    .filter((d) => d.decision !== 'REMPLACEMENT')
    .sort((a, b) => (a.numero < b.numero ? -1 : 1));
  const rank = (d: (typeof shown)[number]) =>
    ['ADMIS+', 'ADMIS', 'SECOND_GROUPE', 'AJOURNE', 'ELIMINE'].indexOf(
      d.decision + (d.mention ? '+' : ''),
    );
  const firstOfEach = new Map<number, string>();
  for (const d of shown) if (!firstOfEach.has(rank(d))) firstOfEach.set(rank(d), d.numero);
  const best = [...firstOfEach].sort(([a], [b]) => a - b).map(([, numero]) => numero);
  return [...new Set([...best, ...shown.map((d) => d.numero)])].slice(0, count);
}
