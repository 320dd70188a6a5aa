import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePointer, EdgePointer, encodePointer, liveRelease, pointerKey } from '../../../shared/edge/pointer.js';
import { loadViewerRequest } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { memoryKvs } from './memory-kvs.js';

const T = Date.parse('2024-07-05T08:00:00.000Z');
const clock = fixedClock(new Date(T));
const kvs = memoryKvs();
const handler = await loadViewerRequest({ kvs, clock });

/** What the edge function makes public for this pointer at this instant: the release id, or null. */
async function edgeLive(pointer: EdgePointer, nowMs: number): Promise<string | null> {
  kvs.values.set(pointerKey('aix-marseille'), encodePointer(pointer));
  clock.set(new Date(nowMs));
  const result = await handler({
    version: '1.0',
    context: { distributionDomainName: 'localhost', distributionId: 'TEST', eventType: 'viewer-request', requestId: 'r' },
    viewer: { ip: '127.0.0.1' },
    request: { method: 'GET', uri: '/aix-marseille/a.html', querystring: {}, headers: {}, cookies: {} },
  });
  if ('statusCode' in result) return null;
  const match = /^\/releases\/([^/]+)\/aix-marseille\/a\.html$/.exec(result.uri);
  if (!match) throw new Error(`unexpected rewrite ${result.uri}`);
  return match[1] ?? null;
}

describe('EdgePointer', () => {
  it('accepts the shapes a publication writes and refuses the rest', () => {
    expect(EdgePointer.safeParse({ v: 1, current: null, next: 'r-1', notBefore: T }).success).toBe(true);
    expect(EdgePointer.safeParse({ v: 1, current: 'r-1', next: null, notBefore: null }).success).toBe(true);
    for (const bad of [
      { v: 2, current: 'r-1', next: null, notBefore: null },
      { v: 1, current: 'R-1', next: null, notBefore: null },
      { v: 1, current: '../x', next: null, notBefore: null },
      { v: 1, current: null, next: 'r-1', notBefore: null },
      { v: 1, current: null, next: null, notBefore: T },
      { v: 1, current: null, next: 'r-1', notBefore: 1.5 },
      { v: 1, current: null, next: null, notBefore: null, extra: 1 },
    ]) {
      expect(EdgePointer.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('round-trips through its stored form; anything unreadable decodes to undefined', () => {
    const p: EdgePointer = { v: 1, current: 'r-1', next: 'r-2', notBefore: T };
    expect(decodePointer(encodePointer(p))).toEqual(p);
    expect(decodePointer(undefined)).toBeUndefined();
    expect(decodePointer('{')).toBeUndefined();
    expect(decodePointer('{"v":1}')).toBeUndefined();
    expect(() => encodePointer({ v: 1, current: 'R', next: null, notBefore: null })).toThrow();
  });

  it('keys pointers by académie slug only', () => {
    expect(pointerKey('aix-marseille')).toBe('pointer:aix-marseille');
    for (const bad of ['', 'Aix', 'aix/../x', 'aix-', 'a b']) expect(() => pointerKey(bad)).toThrow();
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
    expect([liveRelease(p, T - 1), liveRelease(p, T), liveRelease(p, T + 1)]).toEqual(['r-1', 'r-2', 'r-2']);
    expect(liveRelease({ v: 1, current: null, next: 'r-2', notBefore: T }, T - 1)).toBeNull();
  });

  it('for any valid pointer and instant', async () => {
    const id = fc.stringMatching(/^[a-z0-9-]{1,80}$/);
    const pointer = fc.oneof(
      fc.record({ v: fc.constant(1 as const), current: fc.option(id), next: fc.constant(null), notBefore: fc.constant(null) }),
      fc.record({ v: fc.constant(1 as const), current: fc.option(id), next: id, notBefore: fc.integer({ min: T - 5000, max: T + 5000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(pointer, fc.integer({ min: T - 10_000, max: T + 10_000 }), async (p, now) => {
        expect(await edgeLive(p, now)).toBe(liveRelease(p, now));
      }),
      { numRuns: 300 },
    );
  });
});
