// What the render pool and its workers send each other. A function cannot
// cross a thread, so the lookup roots travel as a Map; file bodies come back
// packed in one transferred buffer (no copy, and no risk of detaching a
// buffer the worker still uses, such as its cached site assets).
import { deserialize, serialize } from 'node:v8';
import type { LookupParams } from '../lookup/lookup-crypto.js';
import type { Release, RenderInput } from '../release.js';

export interface PooledRenderInput extends Omit<RenderInput, 'lookup'> {
  lookup: { params: LookupParams; roots: ReadonlyMap<string, string> };
}

/**
 * An input already in the structured-clone format postMessage would produce
 * (node:v8's serialize): sent by transfer, so the sender neither copies it
 * again nor keeps its objects. A national render holds 720,000 candidates'
 * inputs: as objects they were 480 MB of the main thread's heap and a
 * serialisation on the main thread (while both cores render) per académie;
 * as bytes, about a quarter of that, serialised before the render starts.
 */
export interface SerializedRenderInput {
  academie: string;
  /** Its decisions' count: what the pool balances threads on. */
  candidates: number;
  bytes: ArrayBuffer;
}

export type RenderJob =
  { id: number; input: PooledRenderInput } | { id: number; serialized: ArrayBuffer };

export function serializeRenderInput(input: PooledRenderInput): SerializedRenderInput {
  const buffer = serialize(input);
  // A buffer of its own, exactly the bytes: what is transferred is the whole ArrayBuffer.
  const bytes = new ArrayBuffer(buffer.length);
  new Uint8Array(bytes).set(buffer);
  return { academie: input.academie, candidates: input.decisions.length, bytes };
}

/** The worker's side of a job: the input itself, whichever way it came. */
export function jobInput(job: RenderJob): PooledRenderInput {
  return 'input' in job
    ? job.input
    : (deserialize(new Uint8Array(job.serialized)) as PooledRenderInput);
}

export type RenderReply =
  { id: number; ok: true; release: PackedRelease } | { id: number; ok: false; message: string };

/** A release with its file bodies laid end to end in `bytes`, in file order. */
export interface PackedRelease extends Omit<Release, 'files'> {
  files: { path: string; contentType: string; sha256: string; length: number }[];
  bytes: ArrayBuffer;
}

export function packRelease(release: Release): PackedRelease {
  const total = release.files.reduce((n, f) => n + f.body.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  const files = release.files.map((f) => {
    bytes.set(f.body, at);
    at += f.body.length;
    return { path: f.path, contentType: f.contentType, sha256: f.sha256, length: f.body.length };
  });
  return { ...release, files, bytes: bytes.buffer };
}

export function unpackRelease(packed: PackedRelease): Release {
  let at = 0;
  const files = packed.files.map(({ length, ...f }) => {
    const body = new Uint8Array(packed.bytes, at, length);
    at += length;
    return { ...f, body };
  });
  return { id: packed.id, manifest: packed.manifest, statistics: packed.statistics, files };
}
