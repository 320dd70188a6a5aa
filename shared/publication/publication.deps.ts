import type { ArmScheduler } from '../ports/arm-scheduler.port.js';
import type { AuditLog } from '../ports/audit-log.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { DecisionStore } from '../ports/decision-store.port.js';
import type { EdgeKeyValueStore } from '../ports/edge-kvs.port.js';
import type { LookupKeyStore } from '../ports/lookup-keys.port.js';
import type { PublicationStore } from '../ports/publication-store.port.js';
import type { ReleaseStorage } from '../ports/release-storage.port.js';

/** Everything the publication use cases act on; the CLI and the Lambda handlers build it from their adapters. */
export interface PublicationDeps {
  decisions: DecisionStore;
  publications: PublicationStore;
  audit: AuditLog;
  lookupKeys: LookupKeyStore;
  storage: ReleaseStorage;
  kvs: EdgeKeyValueStore;
  scheduler: ArmScheduler;
  clock: Clock;
  /** Candidate numbers whose result must not be public (fraud procedure); none when absent. */
  withheld?: (session: string, academie: string) => Promise<ReadonlySet<string>>;
}

/** A request the use cases refuse (unknown académie, nothing to publish, a time in the past): nothing changed. */
export class PublicationError extends Error {
  override name = 'PublicationError';
}
