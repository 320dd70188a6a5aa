import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../../shared/domain/hash.js';
import {
  partitionKey,
  SHARD_COUNT,
  shardOf,
  sortKey,
} from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('continues a hash: the hash of a prefix, fed the rest, is the hash of the whole', () => {
    expect(fnv1a32('bar', fnv1a32('foo'))).toBe(fnv1a32('foobar'));
  });
});

describe('shardOf', () => {
  it('spreads an académie of sequential candidate numbers evenly over the 16 shards', () => {
    const counts = new Array<number>(SHARD_COUNT).fill(0);
    for (let i = 0; i < 32_000; i++) counts[shardOf(`24${String(i).padStart(7, '0')}`)]! += 1;
    // 2,000 expected per shard; a skew of 10% would concentrate writes on AWS.
    for (const n of counts) expect(n).toBeGreaterThan(1_800);
    for (const n of counts) expect(n).toBeLessThan(2_200);
  });

  it('always puts a candidate in the same shard', () => {
    expect(shardOf('240012345')).toBe(shardOf('240012345'));
  });
});

describe('keys', () => {
  it('zero-pads the shard so partition keys have one width', () => {
    expect(partitionKey('2024-06', 'aix-marseille', 3)).toBe('2024-06#aix-marseille#03');
    expect(partitionKey('2024-06', 'aix-marseille', 15)).toBe('2024-06#aix-marseille#15');
  });

  it("sorts a slot's versions in time order", () => {
    const v = (deliberation: string, digest: string) =>
      sortKey({ numero: '240012345', groupe: 1, deliberation, digest });
    const keys = [
      v('2024-07-05T09:00:00.000Z', 'ffffffffffffffff'),
      v('2024-07-04T18:30:00.000Z', '0000000000000000'),
      v('2024-07-05T08:59:59.999Z', '1111111111111111'),
    ];
    expect([...keys].sort()).toEqual([keys[1], keys[2], keys[0]]);
    expect(keys[0]).toBe('240012345#1#2024-07-05T09:00:00.000Z#ffffffffffffffff');
  });
});
