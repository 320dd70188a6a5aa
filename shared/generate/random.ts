import { fnv1a32, FNV_OFFSET } from '../domain/hash.js';

/** items[i], which the caller's arithmetic keeps in range. */
function at<T>(items: readonly T[], i: number): T {
  if (i < 0 || i >= items.length) throw new RangeError(`index ${i} outside 0-${items.length - 1}`);
  return items[i] as T;
}

/**
 * Seeded pseudo-random numbers (mulberry32): synthetic data must be the same
 * bytes for the same seed, on every machine, so no Math.random.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [at(out, j), at(out, i)];
    }
    return out;
  }
}

/**
 * One 32-bit seed from several parts (FNV-1a, then a murmur3 finaliser), so
 * that independent streams (each académie, lycées, each second-group
 * candidate) do not replay one another's numbers for the same user seed.
 */
export function mixSeed(...parts: readonly (number | string)[]): number {
  let h = FNV_OFFSET;
  for (const part of parts) h = fnv1a32(`${part}\u001f`, h);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws items in proportion to their weights, in O(log n) per draw. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      this.total += weight;
      this.items.push(item);
      this.cumulative.push(this.total);
    }
    if (this.items.length === 0) throw new Error('nothing to draw from');
  }

  draw(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.cumulative, mid) > target) hi = mid;
      else lo = mid + 1;
    }
    return at(this.items, lo);
  }
}
