/**
 * The slots (`session|academie|numero|groupe`) of every row of a file, to
 * find duplicates and a candidate's other group. A Map of 720,000 string
 * keys costs about a microsecond a row on the main thread (hashing, growth,
 * and the garbage collector moving the keys); this table holds only numbers:
 * each row's candidate hash (two 32-bit halves, computed on the worker
 * threads), its group, and where its slot text is, to confirm a match
 * character by character. Open addressing, linear probing.
 */

const SEED_1 = 0x811c9dc5;
const SEED_2 = 0x9747b28c;

/**
 * Two 32-bit hashes of text[start..end), written to out[at] and out[at + 1];
 * `from` continues the hashes of a prefix (FNV-1a and a murmur-like mix).
 */
export function hashChars(
  out: Uint32Array,
  at: number,
  text: string,
  start: number,
  end: number,
  from?: Uint32Array,
): void {
  let a = from ? from[0]! : SEED_1;
  let b = from ? from[1]! : SEED_2;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[at] = a;
  out[at + 1] = b;
}

/** Hash of a candidate, `session|academie|numero`: what a slot is without its group. */
export function candidateHash(slot: string): Uint32Array {
  const out = new Uint32Array(2);
  hashChars(out, 0, slot, 0, slot.length - 2);
  return out;
}

const EMPTY = -1;

export class SlotTable {
  private size = 0;
  /** Pairs (row, first hash): a probe reads the hash beside the row rather than far away in h1. */
  private table: Int32Array;
  private h1: Uint32Array;
  private h2: Uint32Array;
  private group: Uint8Array;
  /** Each row's slot text: chunk number, and offset in that chunk's slots string. */
  private chunk: Uint32Array;
  private at: Int32Array;
  private readonly texts: string[] = [];

  /** `rows`: how many are expected (the table grows beyond). */
  constructor(rows = 1024) {
    let slots = 1 << 12;
    while (slots < rows * 2) slots *= 2;
    this.table = new Int32Array(2 * slots).fill(EMPTY);
    this.h1 = new Uint32Array(rows);
    this.h2 = new Uint32Array(rows);
    this.group = new Uint8Array(rows);
    this.chunk = new Uint32Array(rows);
    this.at = new Int32Array(rows);
  }

  /** Registers the slots string of a chunk; rows then refer to it by the returned number. */
  addText(slots: string): number {
    this.texts.push(slots);
    return this.texts.length - 1;
  }

  /** Slot text of a row. */
  slot(row: number): string {
    const text = this.texts[this.chunk[row]!]!;
    const at = this.at[row]!;
    return text.slice(at, lineEnd(text, at));
  }

  /** Whether two slot texts are equal; `ignoreGroup`: but for the group digit, their last character. */
  private sameSlot(row: number, b: string, at: number, ignoreGroup: boolean): boolean {
    const a = this.texts[this.chunk[row]!]!;
    const i = this.at[row]!;
    const length = lineEnd(a, i) - i;
    if (lineEnd(b, at) - at !== length) return false;
    for (let n = 0; n < length - (ignoreGroup ? 1 : 0); n++)
      if (a.charCodeAt(i + n) !== b.charCodeAt(at + n)) return false;
    return true;
  }

  private slotIndex(h1: number, group: number): number {
    return (h1 ^ Math.imul(group, 0x9e3779b1)) & (this.table.length / 2 - 1);
  }

  /**
   * Adds row `row` (rows are added in order, 0, 1, 2...) unless a row with
   * the same slot is already there: returns that row then, else -1.
   */
  add(row: number, h1: number, h2: number, group: number, chunk: number, at: number): number {
    const found = this.find(h1, h2, group, this.texts[chunk]!, at, false);
    if (found !== EMPTY) return found;
    if ((this.size + 1) * 2 > this.table.length / 2) this.rehash();
    this.reserve(row + 1);
    this.h1[row] = h1;
    this.h2[row] = h2;
    this.group[row] = group;
    this.chunk[row] = chunk;
    this.at[row] = at;
    this.place(row);
    this.size++;
    return EMPTY;
  }

  /** The row of the same candidate in the other group, or -1. */
  otherGroup(row: number): number {
    return this.find(
      this.h1[row]!,
      this.h2[row]!,
      3 - this.group[row]!,
      this.texts[this.chunk[row]!]!,
      this.at[row]!,
      true,
    );
  }

  /** The row of a slot given as text, or -1. */
  rowOf(slot: string): number {
    const [h1, h2] = candidateHash(slot);
    return this.find(h1!, h2!, slot.charCodeAt(slot.length - 1) - 48, slot, 0, false);
  }

  /** The row whose slot is text[at..] (to its newline or end), ignoring its group digit if `otherGroup`. */
  private find(
    h1: number,
    h2: number,
    group: number,
    text: string,
    at: number,
    otherGroup: boolean,
  ): number {
    const table = this.table;
    const mask = table.length / 2 - 1;
    for (let i = this.slotIndex(h1, group); ; i = (i + 1) & mask) {
      const r = table[2 * i]!;
      if (r === EMPTY) return EMPTY;
      if (
        table[2 * i + 1] === (h1 | 0) &&
        this.h2[r] === h2 &&
        this.group[r] === group &&
        this.sameSlot(r, text, at, otherGroup)
      )
        return r;
    }
  }

  private place(row: number): void {
    const table = this.table;
    const mask = table.length / 2 - 1;
    let i = this.slotIndex(this.h1[row]!, this.group[row]!);
    while (table[2 * i] !== EMPTY) i = (i + 1) & mask;
    table[2 * i] = row;
    table[2 * i + 1] = this.h1[row]!;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) this.place(old[i]!);
  }

  private reserve(n: number): void {
    if (n <= this.h1.length) return;
    const size = Math.max(n, this.h1.length * 2);
    const grow = <T extends Uint32Array | Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.h1 = grow(this.h1);
    this.h2 = grow(this.h2);
    this.group = grow(this.group);
    this.chunk = grow(this.chunk);
    this.at = grow(this.at);
  }
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl;
}
