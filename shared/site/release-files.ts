// What a release is made of, as the renderer writes it and storage checks
// it: files with their sha256, and a manifest whose hash names the release.
// Below the renderer (shared/render), which makes releases, and the storage
// adapters (shared/adapters/s3), which write and verify them: neither needs
// the other's code for it.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AcademieSlug, Groupe, Session } from '../domain/vocabulary.js';

export interface ReleaseFile {
  /** Relative to the release root, e.g. "aix-marseille/index.html". */
  path: string;
  body: Uint8Array;
  contentType: string;
  /** Lowercase hex. */
  sha256: string;
}

/** At the release's root, outside every académie's folder: no public path leads there. */
export const MANIFEST_PATH = 'manifest.json';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The manifest, as read back from storage (parsed, never cast). */
export const ReleaseManifest = z.object({
  version: z.literal(1),
  academie: AcademieSlug,
  session: Session,
  groupe: Groupe,
  /** Every file but the manifest itself, sorted by path. */
  files: z.array(
    z.object({ path: z.string().min(1), sha256: Sha256Hex, bytes: z.number().int().min(0) }),
  ),
});
export type ReleaseManifest = z.infer<typeof ReleaseManifest>;

/** A release's id and files, the manifest among them: what storage writes. */
export interface ReleaseContent {
  id: string;
  files: readonly ReleaseFile[];
}

/** The manifest's bytes as written: deterministic, one key per line. */
export function manifestBytes(manifest: ReleaseManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * `<session>-<slug>-g<groupe>-<12 hex of the manifest's sha256>`: verifiable
 * from the manifest alone.
 */
export function releaseId(
  session: string,
  slug: string,
  groupe: Groupe,
  manifest: Uint8Array,
): string {
  return `${session}-${slug}-g${groupe}-${sha256Hex(manifest).slice(0, 12)}`;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
