// The two entry points of the statistics domain: an académie's figures,
// and the national figures across académies.
import { ACADEMIES, findAcademie } from '../domain/reference/academies.js';
import { aggregate, type AggregateInput } from './aggregate.js';
import { addInto, emptyCounts, ratioDixiemes, tauxReussite } from './counts.js';
import { LIBELLE_VOIE } from './labels.js';
import {
  evolutionOf,
  figuresFromLines,
  withPrevious,
  type PreviousFigures,
} from './previous-figures.js';
import { DEFAULT_SECRECY_THRESHOLD, SecrecyThreshold, withSecrecy } from './secrecy.js';
import type { AcademieStats, NationalStats, PreviousFigure, StatLine } from './stats.types.js';

export interface AcademieStatsInput extends AggregateInput {
  /**
   * The previous session's figures (imported, or figuresFromDecisions of its decisions); none:
   * evolutions unavailable.
   */
  previous?: PreviousFigures;
  /**
   * Établissement figures resting on fewer présents than this are secret (default 10; see
   * secrecy.ts).
   */
  secrecyThreshold?: number;
}

export function academieStatistics(input: AcademieStatsInput): AcademieStats {
  const { academieName, lines, etablissements } = aggregate(input);
  const secrecyThreshold = SecrecyThreshold.parse(
    input.secrecyThreshold ?? DEFAULT_SECRECY_THRESHOLD,
  );
  if (
    input.previous &&
    (input.previous.academie !== input.academie || input.previous.groupe !== input.groupe)
  ) {
    throw new Error(
      `previous figures of ${input.previous.academie} groupe ${input.previous.groupe} cannot be ` +
        `compared with ${input.academie} groupe ${input.groupe}`,
    );
  }
  return {
    academie: input.academie,
    academieName,
    session: input.session,
    groupe: input.groupe,
    previousSession: input.previous?.session ?? null,
    lines: withPrevious(lines, input.previous),
    secrecyThreshold,
    etablissements: withSecrecy(etablissements, input.session, secrecyThreshold),
  };
}

/**
 * A previous session's figures from its stored decisions (nothing withheld any more: it is closed).
 */
export function figuresFromDecisions(
  input: Omit<AggregateInput, 'withheld' | 'etablissements'>,
): PreviousFigures {
  return {
    academie: input.academie,
    session: input.session,
    groupe: input.groupe,
    source: 'decisions',
    rows: figuresFromLines(aggregate(input).lines),
  };
}

const NATIONAL_NIVEAUX = new Set(['voie', 'serie', 'domaine']);

/**
 * National figures: the sum of the académies given. The caller passes only
 * académies whose results are public at the time the page goes live (an
 * académie's figures must not appear before its own publication instant).
 * A national previous figure is the sum of the académies' previous counts,
 * so it exists only when every académie has one with counts (a rate alone
 * cannot be summed); an académie that lacked the line counts as zero.
 */
export function nationalStatistics(academies: readonly AcademieStats[]): NationalStats {
  const first = academies[0];
  if (!first) throw new Error('national statistics need at least one académie');
  for (const a of academies) {
    if (a.session !== first.session || a.groupe !== first.groupe)
      throw new Error(
        `${a.academie} is ${a.session} groupe ${a.groupe}, not ${first.session} ` +
          `groupe ${first.groupe}`,
      );
  }
  const order = (slug: string) => ACADEMIES.findIndex((a) => a.slug === slug);
  const sorted = [...academies].sort((a, b) => order(a.academie) - order(b.academie));

  const groups = new Map<string, { template: StatLine; parts: StatLine[] }>();
  const add = (k: string, template: StatLine, part: StatLine) => {
    const g = groups.get(k) ?? { template, parts: [] };
    g.parts.push(part);
    groups.set(k, g);
  };
  for (const a of sorted) {
    for (const l of a.lines) {
      if (l.niveau === 'academie') {
        add('total', { ...l, code: 'france', label: 'France' }, l);
        add(`academie|${l.code}`, { ...l, label: findAcademie(l.code)?.name ?? l.code }, l);
      } else if (NATIONAL_NIVEAUX.has(l.niveau)) {
        add(
          `${l.niveau}|${l.code}`,
          l.niveau === 'voie' && l.examen ? { ...l, label: LIBELLE_VOIE[l.examen] } : l,
          l,
        );
      }
    }
  }
  const everyPrevious = sorted.every((a) => a.previousSession !== null);
  const lines = [...groups.values()].map(({ template, parts }) => {
    const counts = emptyCounts();
    for (const p of parts) addInto(counts, p.counts);
    const previous = everyPrevious ? sumPrevious(parts) : ({ kind: 'none' } as const);
    const line: StatLine = { ...template, counts, previous, evolution: { kind: 'unavailable' } };
    return { ...line, evolution: evolutionOf(tauxReussite(counts), previous) };
  });
  const sessions = new Set(sorted.map((a) => a.previousSession));
  return {
    session: first.session,
    groupe: first.groupe,
    academies: sorted.map((a) => a.academie),
    previousSession: sessions.size === 1 ? (first.previousSession ?? null) : null,
    lines,
  };
}

/**
 * Sum of the académies' previous counts; each line that existed must carry counts (a rate alone
 * cannot be summed).
 */
function sumPrevious(parts: readonly StatLine[]): PreviousFigure {
  let presents = 0;
  let admitted = 0;
  let any = false;
  for (const p of parts) {
    if (p.previous.kind !== 'figure') continue;
    if (p.previous.presents === null || p.previous.admis === null) return { kind: 'none' };
    presents += p.previous.presents;
    admitted += p.previous.admis;
    any = true;
  }
  if (!any) return { kind: 'absent' };
  return {
    kind: 'figure',
    presents,
    admis: admitted,
    tauxDixiemes: ratioDixiemes(admitted, presents) ?? 0,
  };
}
