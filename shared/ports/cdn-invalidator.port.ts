/**
 * Drops cached copies of paths at the edge. CloudFront invalidations take
 * from a minute to tens of minutes, so nothing relies on them alone: the
 * short TTL of takedown-prone files bounds how long a copy survives anyway.
 */
export interface CdnInvalidator {
  /** Returns an id to follow the invalidation with `isComplete`. */
  invalidate(paths: readonly string[]): Promise<string>;
  isComplete(id: string): Promise<boolean>;
}
