// What the render pool and its workers send each other. A function cannot
// cross a thread, so the lookup roots travel as a Map; file bodies come back
// packed in one transferred buffer (no copy, and no risk of detaching a
// buffer the worker still uses, such as its cached site assets).
import type { LookupParams } from '../lookup/lookup-crypto.js';
import type { Release, RenderInput } from '../release.js';

export interface PooledRenderInput extends Omit<RenderInput, 'lookup'> {
  lookup: { params: LookupParams; roots: ReadonlyMap<string, string> };
}

export interface RenderJob {
  id: number;
  input: PooledRenderInput;
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
