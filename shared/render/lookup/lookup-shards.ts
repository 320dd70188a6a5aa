// Node-side rendering of the lookup shard files (format in lookup-crypto.ts).
// Pure and deterministic: the same sealed entries give byte-identical files,
// which is what lets a test prove that a withheld candidate leaves no trace.

export interface SealedEntry {
  /** 32 lowercase hex chars, from entryId(keys). */
  id: string;
  /** base64, from sealEntry(keys, serializeEntry(entry)). */
  sealed: string;
}

/**
 * Average entries per shard we aim under: ~24 entries of about 500 bytes (id and 464 chars of
 * sealed base64) keep a shard to about 12 KB.
 */
const TARGET_PER_SHARD = 24;
const MAX_SHARD_CHARS = 4;

/**
 * The fewest hex chars (1..4) for which shards average at most ~24 entries.
 * Fewer chars mean fewer files to upload per release; more mean smaller
 * downloads. 30,000 candidates give 3 chars (4,096 shards, ~7 entries each).
 */
export function chooseShardChars(candidateCount: number): number {
  let chars = 1;
  while (chars < MAX_SHARD_CHARS && candidateCount / 16 ** chars > TARGET_PER_SHARD) chars++;
  return chars;
}

const ID = /^[0-9a-f]{32}$/;
const SEALED_START = /^[A-Za-z0-9+/]{2}[A-Za-z0-9+/=]{2}/;

/**
 * Every shard name from 0 to 16^chars-1 gets a file: a missing file would
 * answer 404 and so reveal that nobody's id starts with that prefix, and a
 * lookup for a withheld candidate must look exactly like any other miss.
 * Entries are sorted by id; the text is canonical JSON
 * `{"v":2,"entries":{"<id>":"<sealed>",...}}` without whitespace.
 * Throws on a malformed or duplicate id: two candidates sharing an id (a
 * duplicate render, or a 128-bit collision) must stop the render.
 */
export function renderShards(
  entries: readonly SealedEntry[],
  shardChars: number,
): Map<string, string> {
  if (!Number.isInteger(shardChars) || shardChars < 1 || shardChars > MAX_SHARD_CHARS)
    throw new Error('shardChars must be 1..4');
  const byShard = new Map<string, SealedEntry[]>();
  for (let i = 0; i < 16 ** shardChars; i++)
    byShard.set(i.toString(16).padStart(shardChars, '0'), []);

  const seen = new Set<string>();
  for (const e of entries) {
    if (!ID.test(e.id))
      throw new Error(`lookup entry id is not 32 lowercase hex chars: ${JSON.stringify(e.id)}`);
    // Length and first characters only: a full pattern test of every ~600-char string cost a tenth
    // of a render.
    if (typeof e.sealed !== 'string' || e.sealed.length % 4 !== 0 || !SEALED_START.test(e.sealed))
      throw new Error(`lookup entry ${e.id} is not sealed base64`);
    if (seen.has(e.id)) throw new Error(`duplicate lookup entry id ${e.id}`);
    seen.add(e.id);
    // Every prefix has its shard (made above); a miss would be a bug here.
    const shard = byShard.get(e.id.slice(0, shardChars));
    if (!shard) throw new Error(`no shard for lookup entry ${e.id}`);
    shard.push(e);
  }

  const files = new Map<string, string>();
  for (const [name, list] of byShard) {
    // Plain code-unit comparison: ids are ASCII, and localeCompare would depend on the runtime's
    // ICU.
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Built by hand rather than JSON.stringify(object) so the order is ours, not the engine's key
    // order.
    const body = list.map((e) => `${JSON.stringify(e.id)}:${JSON.stringify(e.sealed)}`).join(',');
    files.set(name, `{"v":2,"entries":{${body}}}`);
  }
  return files;
}
