import type { Release } from '../render/release.js';

export type ReleasePrefix = 'releases' | 'rehearsals';

export interface ReleaseCheck {
  complete: boolean;
  /** Paths (relative to the release root) absent, of the wrong size or with another sha256. */
  missing: string[];
}

/** The private site bucket, as publication sees it. */
export interface ReleaseStorage {
  write(release: Release, prefix: ReleasePrefix): Promise<void>;
  verify(id: string, prefix: ReleasePrefix): Promise<ReleaseCheck>;
  /** The page served before the instant, outside any release. */
  writeAnnouncement(slug: string, html: string): Promise<void>;
}
