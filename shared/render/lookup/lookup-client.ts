// What the public lookup page runs (isomorphic: bundled for the browser,
// tested in Node). One derivation, one small static file, one decryption.
import {
  deriveEntryKeys,
  deriveRoot,
  entryId,
  FORMAT_VERSION,
  lookupSecret,
  openEntry,
  shardName,
  type LookupParams,
} from './lookup-crypto.js';
import { LookupEntry } from './lookup-entry.schema.js';

export type LookupOutcome = { found: true; entry: LookupEntry } | { found: false };

/**
 * Shown for every miss whatever its cause (typo, result not online yet,
 * withheld result, network): distinguishing them would let anyone infer that
 * a given person is under a fraud procedure.
 */
export const NEUTRAL_MESSAGE_FR =
  "Aucun résultat n'est disponible en ligne pour ces informations. " +
  "Vérifiez votre numéro de candidat et votre code d'accès, ou rapprochez-vous de votre " +
  'établissement.';

// One frozen object for every miss, so no cause can differ even by identity.
const NOT_FOUND: LookupOutcome = Object.freeze({ found: false as const });

/** params.json read strictly: anything else is treated as "no lookup available". */
export function readParams(json: unknown): LookupParams | null {
  if (typeof json !== 'object' || json === null) return null;
  const p = json as Record<string, unknown>;
  const ok =
    p.v === FORMAT_VERSION &&
    typeof p.salt === 'string' &&
    typeof p.scope === 'string' &&
    Number.isSafeInteger(p.iterations) &&
    Number.isInteger(p.shardChars);
  return ok
    ? {
        v: FORMAT_VERSION,
        salt: p.salt as string,
        iterations: p.iterations as number,
        shardChars: p.shardChars as number,
        scope: p.scope as string,
      }
    : null;
}

/**
 * Derives the keys, fetches `${baseUrl}/${shard}.json`, opens the entry. Any
 * failure (unusable input, 404, wrong key, corrupt file, network) gives
 * `{ found: false }` and never throws.
 */
export async function lookupResult(
  numero: string,
  code: string,
  params: LookupParams,
  options: { baseUrl: string; fetch: typeof fetch },
): Promise<LookupOutcome> {
  try {
    const secret = lookupSecret(numero, code);
    if (secret === null) return NOT_FOUND;
    const keys = await deriveEntryKeys(await deriveRoot(secret, params), params.scope);
    const id = entryId(keys);
    const url = `${options.baseUrl.replace(/\/+$/, '')}/${shardName(id, params.shardChars)}.json`;
    // Called unbound: browsers throw "Illegal invocation" when window.fetch
    // runs with `this` set to another object, such as `options`.
    const fetchFn = options.fetch;
    const res = await fetchFn(url, { credentials: 'omit' });
    if (!res.ok) return NOT_FOUND;
    const sealed = sealedFor(await res.json(), id);
    if (sealed === null) return NOT_FOUND;
    const plaintext = await openEntry(keys, sealed);
    if (plaintext === null) return NOT_FOUND;
    const parsed = LookupEntry.safeParse(JSON.parse(plaintext));
    return parsed.success ? { found: true, entry: parsed.data } : NOT_FOUND;
  } catch {
    return NOT_FOUND;
  }
}

/**
 * The sealed string for `id` in a shard file, or null; own keys only, so "constructor" and friends
 * never match.
 */
function sealedFor(shard: unknown, id: string): string | null {
  if (typeof shard !== 'object' || shard === null) return null;
  const { v, entries } = shard as { v?: unknown; entries?: unknown };
  if (
    v !== FORMAT_VERSION ||
    typeof entries !== 'object' ||
    entries === null ||
    !Object.hasOwn(entries, id)
  )
    return null;
  const sealed = (entries as Record<string, unknown>)[id];
  return typeof sealed === 'string' ? sealed : null;
}
