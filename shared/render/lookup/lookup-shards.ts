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
 * `{"v":2,"entries":{"<id>":"<sealed>",...}}` without whitespace, returned
 * as its UTF-8 bytes (all ASCII), each file written straight into its own
 * buffer: a national session seals 720,000 entries, and building each file
 * as strings first (entry, body, file) then encoding it tripled what the
 * collector had to move.
 * Throws on a malformed or duplicate id: two candidates sharing an id (a
 * duplicate render, or a 128-bit collision) must stop the render.
 */
export function renderShards(
  entries: readonly SealedEntry[],
  shardChars: number,
): Map<string, Uint8Array> {
  if (!Number.isInteger(shardChars) || shardChars < 1 || shardChars > MAX_SHARD_CHARS)
    throw new Error('shardChars must be 1..4');
  // Shard i holds the ids whose first shardChars hex digits read i.
  const byShard: SealedEntry[][] = Array.from({ length: 16 ** shardChars }, () => []);
  for (const e of entries) {
    if (!ID.test(e.id))
      throw new Error(`lookup entry id is not 32 lowercase hex chars: ${JSON.stringify(e.id)}`);
    // Length and first characters only: a full pattern test of every ~460-char string cost a tenth
    // of a render. The text is ours (Buffer's base64), so this catches mix-ups, not forgery.
    if (typeof e.sealed !== 'string' || e.sealed.length % 4 !== 0 || !SEALED_START.test(e.sealed))
      throw new Error(`lookup entry ${e.id} is not sealed base64`);
    // Every prefix has its shard (made above), since the id is hex; a miss would be a bug here.
    const shard = byShard[parseInt(e.id.slice(0, shardChars), 16)];
    if (!shard) throw new Error(`no shard for lookup entry ${e.id}`);
    shard.push(e);
  }

  const files = new Map<string, Uint8Array>();
  byShard.forEach((list, i) => {
    // Plain code-unit comparison: ids are ASCII, and localeCompare would depend on the runtime's
    // ICU.
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // `"<id>":"<sealed>"` per entry, a comma between entries; HEAD and TAIL around them.
    let size = HEAD.length + TAIL.length + Math.max(0, list.length - 1);
    for (const e of list) size += e.id.length + e.sealed.length + 5;
    const file = Buffer.allocUnsafe(size);
    let at = file.write(HEAD, 0, 'latin1');
    list.forEach((e, k) => {
      // Sorted, so a duplicate sits next to its twin: no set of every id in the release is needed.
      if (k > 0 && list[k - 1]?.id === e.id) throw new Error(`duplicate lookup entry id ${e.id}`);
      at += file.write(k > 0 ? ',"' : '"', at, 'latin1');
      at += file.write(e.id, at, 'latin1');
      at += file.write('":"', at, 'latin1');
      at += file.write(e.sealed, at, 'latin1');
      at += file.write('"', at, 'latin1');
    });
    at += file.write(TAIL, at, 'latin1');
    if (at !== size) throw new Error('lookup shard of an unexpected size');
    files.set(i.toString(16).padStart(shardChars, '0'), file);
  });
  return files;
}

const HEAD = '{"v":2,"entries":{';
const TAIL = '}}';
