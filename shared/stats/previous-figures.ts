// Figures of a previous session, the base of evolutions. They come either
// from that session's stored decisions (figuresFromLines) or from a table
// the rectorat imports (`publibac stats import-previous`, see
// previous-figures-file.ts): e.g. the final figures after the September
// session, or a year the system did not handle.
import { z } from 'zod';
import { Groupe, Session } from '../domain/vocabulary.js';
import { admis, tauxReussite } from './counts.js';
import {
  NIVEAUX,
  type Evolution,
  type Niveau,
  type PreviousFigure,
  type StatLine,
} from './stats.types.js';

export const PreviousFigureRow = z.object({
  niveau: z.enum(NIVEAUX as [Niveau, ...Niveau[]]),
  code: z.string().min(1),
  presents: z.number().int().nonnegative().nullable(),
  admis: z.number().int().nonnegative().nullable(),
  /** Success rate in tenths of a percent (895 = 89,5 %). */
  tauxDixiemes: z.number().int().min(0).max(1000),
});
export type PreviousFigureRow = z.infer<typeof PreviousFigureRow>;

/** Every figure of one académie's session and groupe; an import replaces the whole set. */
export const PreviousFigures = z.object({
  academie: z.string().min(1),
  session: Session,
  groupe: Groupe,
  source: z.enum(['import', 'decisions']),
  rows: z.array(PreviousFigureRow),
});
export type PreviousFigures = z.infer<typeof PreviousFigures>;

/** The session a session is compared with: the same month a year before. */
export function previousSession(session: string): string {
  const year = Number(session.slice(0, 4));
  return `${year - 1}${session.slice(4)}`;
}

/** Rows of a computed session, to compare a later one with. Lines with no présent say nothing. */
export function figuresFromLines(lines: readonly StatLine[]): PreviousFigureRow[] {
  return lines.flatMap((l) => {
    const taux = tauxReussite(l.counts);
    return taux === null
      ? []
      : [
          {
            niveau: l.niveau,
            code: l.code,
            presents: l.counts.presents,
            admis: admis(l.counts),
            tauxDixiemes: taux,
          },
        ];
  });
}

const key = (niveau: string, code: string) => `${niveau}|${code}`;

/**
 * Lines with their previous figure and evolution. Without `previous`, every evolution is
 * unavailable.
 */
export function withPrevious(
  lines: readonly StatLine[],
  previous: PreviousFigures | undefined,
): StatLine[] {
  const byKey = new Map(previous?.rows.map((r) => [key(r.niveau, r.code), r]));
  return lines.map((l) => {
    const row = byKey.get(key(l.niveau, l.code));
    const p: PreviousFigure = !previous
      ? { kind: 'none' }
      : row
        ? {
            kind: 'figure',
            tauxDixiemes: row.tauxDixiemes,
            presents: row.presents,
            admis: row.admis,
          }
        : { kind: 'absent' };
    return { ...l, previous: p, evolution: evolutionOf(tauxReussite(l.counts), p) };
  });
}

export function evolutionOf(current: number | null, previous: PreviousFigure): Evolution {
  if (current === null || previous.kind === 'none') return { kind: 'unavailable' };
  if (previous.kind === 'absent') return { kind: 'new' };
  return { kind: 'points', dixiemes: current - previous.tauxDixiemes };
}
