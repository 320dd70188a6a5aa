import type { ReleaseCheck } from './release-storage.port.js';

/**
 * The site bucket's copy in a second region (S3 Replication), which the
 * distribution falls back to when the primary region fails. Only the arm
 * check reads it: a pointer may name a release only once the release is
 * complete in both buckets, or a failover at the instant would serve 404s.
 */
export interface ReleaseReplica {
  /** The replica bucket, named in the reason a plan waits. */
  readonly bucket: string;
  /** The same check as ReleaseStorage.verify, against the replica's `releases/<id>/`. */
  verify(id: string): Promise<ReleaseCheck>;
}
