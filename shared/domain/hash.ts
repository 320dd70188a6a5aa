/**
 * 32-bit FNV-1a over UTF-16 code units, stable across runtimes and
 * processes: the one hash the project spreads and seeds with (decision
 * shards, generator seeds, the ingest's slot table). Not for secrets.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Continues `hash` over `text` (start from FNV_OFFSET); unsigned 32-bit. */
export function fnv1a32(text: string, hash = FNV_OFFSET): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
