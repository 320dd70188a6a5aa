import type { ApprovalRequests } from '../ports/approval-requests.port.js';
import type { ArmScheduler } from '../ports/arm-scheduler.port.js';
import type { AuditLog } from '../ports/audit-log.port.js';
import type { CdnInvalidator } from '../ports/cdn-invalidator.port.js';
import type { FraudFlags } from '../ports/fraud-flags.port.js';
import type { PreviousFiguresStore } from '../ports/previous-figures.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { DecisionStore } from '../ports/decision-store.port.js';
import type { EdgeKeyValueStore } from '../ports/edge-kvs.port.js';
import type { LookupKeyStore } from '../ports/lookup-keys.port.js';
import type { PublicationStore } from '../ports/publication-store.port.js';
import type { ReleaseReplica } from '../ports/release-replica.port.js';
import type { ReleaseStorage } from '../ports/release-storage.port.js';

/**
 * Everything the publication use cases act on; the CLI and the Lambda handlers build it from their
 * adapters.
 */
export interface PublicationDeps {
  decisions: DecisionStore;
  publications: PublicationStore;
  audit: AuditLog;
  lookupKeys: LookupKeyStore;
  storage: ReleaseStorage;
  kvs: EdgeKeyValueStore;
  scheduler: ArmScheduler;
  clock: Clock;
  /** Fraud procedures: flagged candidates are withheld from every public file. */
  fraud: FraudFlags;
  /** Drops cached copies after a takedown rewrote files of a live release. */
  invalidator: CdnInvalidator;
  /** Figures of previous sessions imported by the rectorat (evolutions). */
  figures: PreviousFiguresStore;
  /** Requests that open results early, waiting for a second officer (the two-person rule). */
  approvals: ApprovalRequests;
  /** The site bucket's replica in a second region, when there is one: arming waits for it. */
  replica?: ReleaseReplica;
}

/** Candidate numbers under a fraud procedure still open: withheld from every public artifact. */
export async function withheldNumbers(
  deps: Pick<PublicationDeps, 'fraud'>,
  session: string,
  academie: string,
): Promise<Set<string>> {
  return new Set(
    (await deps.fraud.list(session, academie))
      .filter((f) => f.state === 'flagged')
      .map((f) => f.numero),
  );
}

/**
 * A request the use cases refuse (unknown académie, nothing to publish, a time in the past):
 * nothing changed.
 */
export class PublicationError extends Error {
  override name = 'PublicationError';
}
