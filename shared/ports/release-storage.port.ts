import type { ReleaseContent, ReleaseFile, ReleaseManifest } from '../site/release-files.js';
import type { AcademieStats } from '../stats/stats.types.js';

export type ReleasePrefix = 'releases' | 'rehearsals';

export interface ReleaseCheck {
  complete: boolean;
  /** Paths (relative to the release root) absent or of the wrong size (see verifyRelease). */
  missing: string[];
}

/** The private site bucket, as publication sees it. */
export interface ReleaseStorage {
  /** Every file of the release under `<prefix>/<id>/`, the manifest last. */
  write(release: ReleaseContent, prefix: ReleasePrefix): Promise<void>;
  verify(id: string, prefix: ReleasePrefix): Promise<ReleaseCheck>;
  /** What the release holds now: the manifest of its last patch, or its own. */
  currentManifest(id: string): Promise<ReleaseManifest | undefined>;
  /**
   * Rewrites files of a release in place (a takedown of a live release):
   * puts `files`, deletes `removed` paths, then records `manifest` as what
   * the release now holds. The release's own manifest.json stays as first
   * published, for the record.
   */
  patch(
    id: string,
    files: readonly ReleaseFile[],
    removed: readonly string[],
    manifest: ReleaseManifest,
  ): Promise<void>;
  /**
   * The figures a release publishes, kept beside it (outside every public
   * path) so that other académies' national pages can add them once it is live.
   */
  saveStatistics(releaseId: string, stats: AcademieStats): Promise<void>;
  statistics(releaseId: string): Promise<AcademieStats | undefined>;
  /**
   * A release's render inputs (render-snapshot.ts: decisions, sealed entries),
   * kept privately under `private/`, which no public path reaches, so that a
   * takedown re-renders without reading the académie back from the store.
   */
  saveRenderInputs(releaseId: string, body: Uint8Array): Promise<void>;
  renderInputs(releaseId: string): Promise<Uint8Array | undefined>;
  /** The page served before the instant, outside any release. */
  writeAnnouncement(slug: string, html: string): Promise<void>;
  /**
   * Files under `home/`, outside every release: the national home page
   * (`index.html`) and the fingerprinted assets it shares with the
   * announcements (`assets/<name>.<hash>.<css|js>`). Written in the order
   * given: assets before the pages that name them.
   */
  writeHome(files: readonly ReleaseFile[]): Promise<void>;
}
