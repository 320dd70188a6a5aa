// A release's render inputs, kept privately beside it so that a takedown on
// results day re-renders from them in about a second: reading a 30,000-
// candidate académie back from the decision store took most of a takedown,
// and so did deriving and sealing every lookup entry again. Holds the
// decisions as rendered (personal data: private storage only, never a
// public path) and each shown candidate's sealed entry (public ciphertext;
// no key material, so the snapshot opens nothing). Withholding is not
// frozen in it: a takedown applies the flags of the moment.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { SealedEntry } from '../render/lookup/lookup-shards.js';
import type { RenderInput } from '../render/release.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** What a takedown re-renders from: the input without what changes or must not be kept. */
export type SnapshotInput = Omit<
  RenderInput,
  'lookup' | 'withheld' | 'nationalPeers' | 'lists' | 'siteRoot'
> & { lookup: { params: RenderInput['lookup']['params'] } };

export interface RenderSnapshot {
  input: SnapshotInput;
  /** numero → its entry, sealed for this release's scope from `text`. */
  entries: Map<string, SealedEntry & { text: string }>;
}

const VERSION = 1;

// Maps and Sets (établissements, communes...) survive JSON as tagged entry lists.
const replacer = (_key: string, value: unknown): unknown =>
  value instanceof Map
    ? { $map: [...(value as Map<unknown, unknown>)] }
    : value instanceof Set
      ? { $set: [...(value as Set<unknown>)] }
      : value;
const reviver = (_key: string, value: unknown): unknown => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { $map?: [unknown, unknown][]; $set?: unknown[] };
    if (Array.isArray(v.$map)) return new Map(v.$map);
    if (Array.isArray(v.$set)) return new Set(v.$set);
  }
  return value;
};

export async function encodeSnapshot(snapshot: RenderSnapshot): Promise<Uint8Array> {
  // Entry texts repeat (a few hundred distinct ones): stored once, referenced by index.
  const texts = new Map<string, number>();
  const entries: [string, string, string, number][] = [];
  for (const [numero, e] of snapshot.entries) {
    let t = texts.get(e.text);
    if (t === undefined) texts.set(e.text, (t = texts.size));
    entries.push([numero, e.id, e.sealed, t]);
  }
  const json = JSON.stringify(
    { v: VERSION, input: snapshot.input, texts: [...texts.keys()], entries },
    replacer,
  );
  // Level 1: the sealed text is incompressible anyway; speed is what a render pays.
  return gzipAsync(json, { level: 1 });
}

/** The snapshot, or undefined for one of another format version (the caller renders afresh). */
export async function decodeSnapshot(body: Uint8Array): Promise<RenderSnapshot | undefined> {
  const raw = JSON.parse((await gunzipAsync(body)).toString('utf8'), reviver) as {
    v: number;
    input: SnapshotInput;
    texts: string[];
    entries: [string, string, string, number][];
  };
  if (raw.v !== VERSION) return undefined;
  const entries = new Map<string, SealedEntry & { text: string }>();
  for (const [numero, id, sealed, t] of raw.entries)
    entries.set(numero, { id, sealed, text: raw.texts[t] ?? '' });
  return { input: raw.input, entries };
}

/** What of a render's input a snapshot keeps: the flags, peers and lists are read again. */
export function snapshotOf(
  input: RenderInput,
  entries: Map<string, SealedEntry & { text: string }>,
): RenderSnapshot {
  const {
    lookup,
    withheld: _withheld,
    nationalPeers: _peers,
    lists: _lists,
    siteRoot: _siteRoot,
    ...rest
  } = input;
  return { input: { ...rest, lookup: { params: lookup.params } }, entries };
}
