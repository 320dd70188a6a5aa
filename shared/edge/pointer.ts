import { z } from 'zod';
import { ACADEMIE_SLUG_PATTERN } from '../domain/vocabulary.js';

/**
 * The pointer of an académie, as stored in the edge KeyValueStore under
 * `pointer:<slug>` and read by functions/edge/viewer-request.js. `current`
 * is what is public now; `next` becomes public at `notBefore` (epoch ms), so
 * a pointer can be armed minutes ahead (scheduler jitter, KVS propagation)
 * and still open to the second. `listsUntil` (epoch ms, optional) is when the
 * name lists expire: from then on the edge answers 404 under `/<slug>/listes/`
 * even if the scheduled step that takes them out of the release has not run
 * (scheduler down, late). Optional so that pointers written before it still
 * read; an edge function that predates it ignores it. The rules live twice,
 * here and in the edge function (which cannot import); test/unit/edge checks
 * that they agree.
 */

/** Release ids are also path segments of the bucket: lowercase, digits and hyphens only. */
export const RELEASE_ID = /^[a-z0-9-]{1,80}$/;

const ReleaseId = z.string().regex(RELEASE_ID);

export const EdgePointer = z
  .object({
    v: z.literal(1),
    current: ReleaseId.nullable(),
    next: ReleaseId.nullable(),
    notBefore: z.number().int().nonnegative().nullable(),
    listsUntil: z.number().int().nonnegative().nullable().optional(),
  })
  .strict()
  // A next release without an instant would be ignored by the function: refuse to write one.
  .refine((p) => (p.next === null) === (p.notBefore === null), {
    error: 'next and notBefore are set together or not at all',
    path: ['notBefore'],
  });
export type EdgePointer = z.infer<typeof EdgePointer>;

export function pointerKey(slug: string): string {
  if (!ACADEMIE_SLUG_PATTERN.test(slug)) throw new Error(`not an académie slug: "${slug}"`);
  return `pointer:${slug}`;
}

/**
 * The release the public sees at `nowMs`, or null: nothing is public (the announcement page only).
 */
export function liveRelease(pointer: EdgePointer, nowMs: number): string | null {
  const id =
    pointer.next !== null && pointer.notBefore !== null && nowMs >= pointer.notBefore
      ? pointer.next
      : pointer.current;
  return id !== null && RELEASE_ID.test(id) ? id : null;
}

/**
 * The name lists have expired at `nowMs`: the edge refuses `/<slug>/listes/...`, whatever the
 * release.
 */
export function listsExpired(pointer: EdgePointer, nowMs: number): boolean {
  return typeof pointer.listsUntil === 'number' && nowMs >= pointer.listsUntil;
}

/** The stored form (JSON, validated first so that nothing unreadable reaches the edge). */
export function encodePointer(pointer: EdgePointer): string {
  return JSON.stringify(EdgePointer.parse(pointer));
}

/**
 * A stored value read back; undefined when absent or not a valid pointer (the edge then shows
 * nothing).
 */
export function decodePointer(value: string | undefined): EdgePointer | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = EdgePointer.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
