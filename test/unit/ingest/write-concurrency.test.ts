import { describe, expect, it } from 'vitest';
import {
  MAX_WRITE_CONCURRENCY,
  parseWriteCapacity,
  writeConcurrency,
} from '../../../shared/ingest/write-concurrency.js';

describe('write concurrency from the table capacity', () => {
  it('uses 80 % of a new on-demand table (4,000 WRU/s) at 1,000 units/s per caller', () => {
    // 25 items of 1 unit every 25 ms = 1,000 units/s per caller; 3,200 / 1,000 -> 3.
    expect(writeConcurrency({ mode: 'on-demand' })).toBe(3);
  });

  it('grows with a warmed on-demand table, up to the cap', () => {
    expect(writeConcurrency({ mode: 'on-demand', writeUnitsPerSecond: 12_000 })).toBe(9);
    expect(writeConcurrency({ mode: 'on-demand', writeUnitsPerSecond: 400_000 })).toBe(
      MAX_WRITE_CONCURRENCY,
    );
  });

  it('follows provisioned capacity, never below one caller', () => {
    expect(writeConcurrency({ mode: 'provisioned', writeUnitsPerSecond: 5_000 })).toBe(4);
    expect(writeConcurrency({ mode: 'provisioned', writeUnitsPerSecond: 100 })).toBe(1);
  });

  it('splits the budget between the ingests that may run at once', () => {
    const alone = writeConcurrency({ mode: 'provisioned', writeUnitsPerSecond: 20_000 });
    const shared = writeConcurrency({
      mode: 'provisioned',
      writeUnitsPerSecond: 20_000,
      writers: 4,
    });
    expect([alone, shared]).toEqual([16, 4]);
  });

  it('accounts for larger items and slower round trips', () => {
    const capacity = { mode: 'provisioned', writeUnitsPerSecond: 10_000 } as const;
    expect(writeConcurrency(capacity, { unitsPerItem: 2, batchLatencyMs: 25 })).toBe(4);
    expect(writeConcurrency(capacity, { unitsPerItem: 1, batchLatencyMs: 50 })).toBe(16);
  });

  it('reads the variable the stacks set, and refuses a malformed one', () => {
    expect(parseWriteCapacity(undefined)).toBeUndefined();
    expect(parseWriteCapacity('{"mode":"on-demand","writers":10}')).toEqual({
      mode: 'on-demand',
      writers: 10,
    });
    expect(() => parseWriteCapacity('{"mode":"provisioned"}')).toThrow();
    expect(() => parseWriteCapacity('{"mode":"reserved","writeUnitsPerSecond":1}')).toThrow();
  });
});
