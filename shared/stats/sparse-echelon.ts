// Exact row reduction of sparse integer vectors, for the secrecy auditor:
// it answers "is this vector in the span of the rows added so far?" with
// no rounding, so that a figure is never called safe by a floating-point
// accident.
//
// Rows are kept in echelon form by their leading (lowest) column: a row
// added is first reduced by the rows already there, and what remains, if
// anything, leads with a column no other row leads with. A vector is in
// the span exactly when it reduces to nothing. Reduction works on a dense
// scratch vector, taking columns in increasing order from a heap, so that
// eliminating an entry costs the length of the leading row only (the
// auditor's rows are mostly a few columns of one établissement).
//
// Arithmetic stays in integers: stored rows lead with a positive
// coefficient, and the scratch vector is scaled rather than divided when
// that coefficient does not divide the entry. The secrecy relations have
// 0/1 coefficients and keep entries tiny; should they ever outgrow exact
// doubles, the reduction throws rather than answer wrongly.

import { at } from './indexed.js';

/** A sparse vector: ascending columns and their non-zero integer coefficients. */
export interface SparseRow {
  cols: number[];
  vals: number[];
}

export class SparseEchelon {
  /** Leading column → the row it leads. */
  private readonly rows = new Map<number, SparseRow>();
  private scratch = new Float64Array(64);
  private queued = new Uint8Array(64);

  /** Adds a row to the span; false when it was already in it. */
  add(row: SparseRow): boolean {
    const r = this.reduce(row, false);
    if (!r) return false;
    this.rows.set(at(r.cols, 0), r);
    return true;
  }

  /** Whether a vector is a linear combination of the rows added. */
  spans(v: SparseRow): boolean {
    return this.reduce(v, true) === null;
  }

  /**
   * What is left of v once every entry that leads a row is eliminated, null for nothing; with
   * stopAtFirstLeft, returns at the first entry left (a non-null, incomplete answer).
   */
  private reduce(v: SparseRow, stopAtFirstLeft: boolean): SparseRow | null {
    this.fit(v.cols[v.cols.length - 1] ?? 0);
    const { scratch, queued } = this;
    const heap: number[] = [];
    for (let k = 0; k < v.cols.length; k++) {
      scratch[at(v.cols, k)] = at(v.vals, k);
      queued[at(v.cols, k)] = 1;
      heapPush(heap, at(v.cols, k));
    }
    const left: SparseRow = { cols: [], vals: [] };
    while (heap.length) {
      const col = heapPop(heap);
      queued[col] = 0;
      const x = at(scratch, col);
      scratch[col] = 0;
      if (x === 0) continue;
      const lead = this.rows.get(col);
      if (!lead) {
        if (stopAtFirstLeft) {
          for (const c of heap) [scratch[c], queued[c]] = [0, 0];
          return left;
        }
        left.cols.push(col);
        left.vals.push(x);
        continue;
      }
      const g = gcd(at(lead.vals, 0), Math.abs(x));
      const scale = at(lead.vals, 0) / g;
      if (scale !== 1) {
        for (const c of heap) scratch[c] = exact(at(scratch, c) * scale);
        for (let k = 0; k < left.vals.length; k++) left.vals[k] = exact(at(left.vals, k) * scale);
      }
      const times = x / g;
      for (let k = 1; k < lead.cols.length; k++) {
        const c = at(lead.cols, k);
        scratch[c] = exact(at(scratch, c) - times * at(lead.vals, k));
        if (!queued[c]) {
          queued[c] = 1;
          heapPush(heap, c);
        }
      }
    }
    return left.cols.length ? normalised(left) : null;
  }

  /**
   * Room for columns up to `col`, and for every column a stored row holds (they are at most the
   * largest seen).
   */
  private fit(col: number): void {
    if (col < this.scratch.length) return;
    const size = Math.max(col + 1, this.scratch.length * 2);
    const scratch = new Float64Array(size);
    scratch.set(this.scratch);
    const queued = new Uint8Array(size);
    queued.set(this.queued);
    [this.scratch, this.queued] = [scratch, queued];
  }
}

/** Divided by the gcd of its entries, leading with a positive coefficient. */
function normalised(r: SparseRow): SparseRow {
  let g = 0;
  for (const x of r.vals) g = gcd(g, Math.abs(x));
  const f = at(r.vals, 0) < 0 ? -g : g;
  return f === 1 ? r : { cols: r.cols, vals: r.vals.map((x) => x / f) };
}

function exact(x: number): number {
  if (!Number.isSafeInteger(x))
    throw new Error(
      'secrecy audit: a coefficient outgrew exact integers; the result would not be exact',
    );
  return x;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function heapPush(heap: number[], x: number): void {
  let i = heap.push(x) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (at(heap, parent) <= x) break;
    heap[i] = at(heap, parent);
    i = parent;
  }
  heap[i] = x;
}

function heapPop(heap: number[]): number {
  const top = at(heap, 0);
  const last = at(heap, heap.length - 1);
  heap.pop();
  if (heap.length) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const child = l + 1 < heap.length && at(heap, l + 1) < at(heap, l) ? l + 1 : l;
      if (at(heap, child) >= last) break;
      heap[i] = at(heap, child);
      i = child;
    }
    heap[i] = last;
  }
  return top;
}
