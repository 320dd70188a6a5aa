import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePointer,
  EdgePointer,
  encodePointer,
  listsExpired,
  liveRelease,
  pointerKey,
} from '../../../shared/edge/pointer.js';
import { loadViewerRequest } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { memoryKvs } from './memory-kvs.js';
import { viewerEvent } from './viewer-event.js';

const T = Date.parse('2024-07-05T08:00:00.000Z');
const clock = fixedClock(new Date(T));
const kvs = memoryKvs();
const handler = await loadViewerRequest({ kvs, clock });

/**
 * What the edge function serves of `path` (under the académie) for this pointer at this instant:
 * the release id, or null.
 */
async function edgeLive(
  pointer: EdgePointer,
  nowMs: number,
  path = 'a.html',
): Promise<string | null> {
  kvs.values.set(pointerKey('aix-marseille'), encodePointer(pointer));
  clock.set(new Date(nowMs));
  const result = await handler(viewerEvent(`/aix-marseille/${path}`));
  if ('statusCode' in result) return null;
  const prefix = '/releases/';
  const suffix = `/aix-marseille/${path}`;
  if (!result.uri.startsWith(prefix) || !result.uri.endsWith(suffix))
    throw new Error(`unexpected rewrite ${result.uri}`);
  return result.uri.slice(prefix.length, -suffix.length);
}

/**
 * The rules of pointer.ts: a list is served when a release is live and the lists have not expired.
 */
const listServed = (p: EdgePointer, now: number) =>
  listsExpired(p, now) ? null : liveRelease(p, now);

describe('EdgePointer', () => {
  it('accepts the shapes a publication writes and refuses the rest', () => {
    expect(EdgePointer.safeParse({ v: 1, current: null, next: 'r-1', notBefore: T }).success).toBe(
      true,
    );
    expect(
      EdgePointer.safeParse({ v: 1, current: 'r-1', next: null, notBefore: null }).success,
    ).toBe(true);
    // Lists expiry: optional, so pointers written before it existed still read.
    expect(
      EdgePointer.safeParse({ v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: T })
        .success,
    ).toBe(true);
    expect(
      EdgePointer.safeParse({ v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: null })
        .success,
    ).toBe(true);
    for (const bad of [
      { v: 2, current: 'r-1', next: null, notBefore: null },
      { v: 1, current: 'R-1', next: null, notBefore: null },
      { v: 1, current: '../x', next: null, notBefore: null },
      { v: 1, current: null, next: 'r-1', notBefore: null },
      { v: 1, current: null, next: null, notBefore: T },
      { v: 1, current: null, next: 'r-1', notBefore: 1.5 },
      { v: 1, current: null, next: null, notBefore: null, extra: 1 },
      { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: -1 },
      { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: 1.5 },
      { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: '2024-08-04' },
    ]) {
      expect(EdgePointer.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('round-trips through its stored form; anything unreadable decodes to undefined', () => {
    const p: EdgePointer = { v: 1, current: 'r-1', next: 'r-2', notBefore: T };
    expect(decodePointer(encodePointer(p))).toEqual(p);
    expect(encodePointer(p)).toBe(`{"v":1,"current":"r-1","next":"r-2","notBefore":${T}}`);
    const withLists: EdgePointer = { ...p, listsUntil: T + 1 };
    expect(decodePointer(encodePointer(withLists))).toEqual(withLists);
    expect(decodePointer(undefined)).toBeUndefined();
    expect(decodePointer('{')).toBeUndefined();
    expect(decodePointer('{"v":1}')).toBeUndefined();
    expect(() => encodePointer({ v: 1, current: 'R', next: null, notBefore: null })).toThrow();
  });

  it('keys pointers by académie slug only', () => {
    expect(pointerKey('aix-marseille')).toBe('pointer:aix-marseille');
    for (const bad of ['', 'Aix', 'aix/../x', 'aix-', 'a b'])
      expect(() => pointerKey(bad)).toThrow();
  });
});

describe('liveRelease agrees with the edge function', () => {
  const pointers: EdgePointer[] = [
    { v: 1, current: null, next: null, notBefore: null },
    { v: 1, current: 'r-1', next: null, notBefore: null },
    { v: 1, current: null, next: 'r-2', notBefore: T },
    { v: 1, current: 'r-1', next: 'r-2', notBefore: T },
    { v: 1, current: 'r-1', next: 'r-2', notBefore: 0 },
  ];
  const instants = [0, T - 1000, T - 1, T, T + 1, T + 1000];
  const table = pointers.flatMap((pointer) => instants.map((now) => ({ pointer, now })));

  it.each(table)('%j', async ({ pointer, now }) => {
    expect(await edgeLive(pointer, now)).toBe(liveRelease(pointer, now));
  });

  it('on the expected values at the instant', () => {
    const p: EdgePointer = { v: 1, current: 'r-1', next: 'r-2', notBefore: T };
    expect([liveRelease(p, T - 1), liveRelease(p, T), liveRelease(p, T + 1)]).toEqual([
      'r-1',
      'r-2',
      'r-2',
    ]);
    expect(liveRelease({ v: 1, current: null, next: 'r-2', notBefore: T }, T - 1)).toBeNull();
  });

  it('for any valid pointer and instant', async () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,80}$/);
    const pointer = fc.oneof(
      fc.record({
        v: fc.constant(1 as const),
        current: fc.option(id),
        next: fc.constant(null),
        notBefore: fc.constant(null),
      }),
      fc.record({
        v: fc.constant(1 as const),
        current: fc.option(id),
        next: id,
        notBefore: fc.integer({ min: T - 5000, max: T + 5000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        pointer,
        fc.integer({ min: T - 10_000, max: T + 10_000 }),
        async (p, now) => {
          expect(await edgeLive(p, now)).toBe(liveRelease(p, now));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('listsExpired agrees with the edge function', () => {
  const lists = 'listes/0130040Y.html';
  const pointers: EdgePointer[] = [
    { v: 1, current: 'r-1', next: null, notBefore: null },
    { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: null },
    { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: T },
    { v: 1, current: null, next: 'r-2', notBefore: T, listsUntil: T + 1000 },
    { v: 1, current: 'r-1', next: 'r-2', notBefore: T, listsUntil: T },
    { v: 1, current: null, next: null, notBefore: null, listsUntil: T },
  ];
  const instants = [0, T - 1, T, T + 1, T + 999, T + 1000, T + 1001];
  const table = pointers.flatMap((pointer) => instants.map((now) => ({ pointer, now })));

  it.each(table)('%j', async ({ pointer, now }) => {
    expect(await edgeLive(pointer, now, lists)).toBe(listServed(pointer, now));
    // Whatever the lists, the rest of the release is served as before.
    expect(await edgeLive(pointer, now, 'statistiques/index.html')).toBe(liveRelease(pointer, now));
  });

  it('on the expected values at the instant', () => {
    const p: EdgePointer = { v: 1, current: 'r-1', next: null, notBefore: null, listsUntil: T };
    expect([listsExpired(p, T - 1), listsExpired(p, T), listsExpired(p, T + 1)]).toEqual([
      false,
      true,
      true,
    ]);
    expect(
      listsExpired({ v: 1, current: 'r-1', next: null, notBefore: null }, Number.MAX_SAFE_INTEGER),
    ).toBe(false);
  });

  it('for any valid pointer and instant', async () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,80}$/);
    const pointer = fc.record({
      v: fc.constant(1 as const),
      current: fc.option(id),
      next: fc.constant(null),
      notBefore: fc.constant(null),
      listsUntil: fc.option(fc.integer({ min: T - 5000, max: T + 5000 })),
    });
    await fc.assert(
      fc.asyncProperty(
        pointer,
        fc.integer({ min: T - 10_000, max: T + 10_000 }),
        async (p, now) => {
          expect(await edgeLive(p, now, lists)).toBe(listServed(p, now));
        },
      ),
      { numRuns: 300 },
    );
  });
});
