import type { PreviousFigures } from '../stats/previous-figures.js';
import type { Groupe } from '../domain/vocabulary.js';

/**
 * Figures of previous sessions imported by the rectorat (`publibac stats
 * import-previous`), one set per (académie, session, groupe), the base of
 * evolutions when they are preferred to, or there are no, stored decisions.
 */
export interface PreviousFiguresStore {
  /** Stores each set, replacing whatever was stored for the same académie, session and groupe. */
  save(sets: readonly PreviousFigures[]): Promise<void>;
  find(academie: string, session: string, groupe: Groupe): Promise<PreviousFigures | undefined>;
}
