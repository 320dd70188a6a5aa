import type { DecisionVersion } from '../domain/decision.schema.js';

/** What the store already knows of one (candidate, group) slot. */
export interface KnownVersion {
  deliberation: string;
  digest: string;
}

/**
 * Append-only store of decision versions. Nothing is ever overwritten: a
 * correction is a new version, and the current decision of a slot is the
 * version with the latest deliberation. This keeps every write idempotent
 * and order-independent without transactions (dynalite has none).
 */
export interface DecisionStore {
  /**
   * Every version already stored for an académie's session, by slot key
   * (`numero#groupe`, see slotKey), each list sorted by deliberation.
   */
  knownVersions(session: string, academie: string): Promise<Map<string, KnownVersion[]>>;

  /** Appends versions. Idempotent: appending a stored version again changes nothing. */
  appendVersions(versions: readonly DecisionVersion[]): Promise<void>;

  /** The current decision of every slot of an académie's session, in no particular order. */
  currentDecisions(session: string, academie: string): Promise<DecisionVersion[]>;

  /** Every version of one candidate (both groups), oldest deliberation first. */
  candidateHistory(session: string, academie: string, numero: string): Promise<DecisionVersion[]>;
}
