import type { Decision, DecisionCode } from '../domain/decision.schema.js';
import { hashChars } from './slot-table.js';

/**
 * What the whole-file rules need of each valid row, and nothing personal
 * beyond it. A national file has 720,000 rows, so a chunk's facts are
 * columns (typed arrays, and newline-joined strings), never an object per
 * row: they cross from worker threads as a few buffers and cost the garbage
 * collector next to nothing. No content digest here: only rows the store
 * already holds at the same deliberation need one, and ingest.usecase.ts
 * computes those in a pass of their own. The complete decisions are parsed
 * again when written.
 */
export interface ChunkFacts {
  count: number;
  /** `session|academie|numero|groupe` of each row, joined by newlines. */
  slots: string;
  /** Where each row's slot starts in `slots`. */
  slotAt: Int32Array;
  /** Two 32-bit hashes of each row's candidate (slot-table.ts candidateHash), side by side. */
  keys: Uint32Array;
  /** The académie sessions (`session|academie`) of the chunk, and each row's index in them. */
  scopes: string[];
  scopeOfRow: Uint16Array;
  lines: Int32Array;
  /** The deliberation instant in epoch ms; NaN when only `oddDeliberations` holds it exactly. */
  deliberations: Float64Array;
  /** UTC ISO deliberations that epoch ms would not give back to the character (far years). */
  oddDeliberations: Record<number, string>;
  /** GROUP_2 | SECOND_GROUPE */
  flags: Uint8Array;
  /** identityOf each flagged row, joined by newlines: the rows the group rules compare. */
  identities: string;
}

export const GROUP_2 = 1;
export const SECOND_GROUPE = 2;

export const IDENTITY_COLUMNS = [
  'nom',
  'prenoms',
  'dateNaissance',
  'uai',
  'examen',
  'serie',
] as const;

export function slotOf(d: Pick<Decision, 'session' | 'academie' | 'numero' | 'groupe'>): string {
  return `${d.session}|${d.academie}|${d.numero}|${d.groupe}`;
}

/** Identity cells a candidate's two groups must share, joined by U+001F (no valid value holds it). */
export function identityOf(d: Pick<Decision, (typeof IDENTITY_COLUMNS)[number]>): string {
  return `${d.nom}\u001f${d.prenoms}\u001f${d.dateNaissance}\u001f${d.uai}\u001f${d.examen}\u001f${d.serie ?? ''}`;
}

export function flagsOf(groupe: 1 | 2, decision: DecisionCode): number {
  return (groupe === 2 ? GROUP_2 : 0) | (decision === 'SECOND_GROUPE' ? SECOND_GROUPE : 0);
}

/** epoch ms of a UTC ISO deliberation, NaN when they would not give the same string back. */
export function deliberationMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : NaN;
}

function grown<T extends Int32Array | Float64Array | Uint32Array | Uint16Array | Uint8Array>(
  a: T,
  need: number,
): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Growable columns of facts, appended row by row (chunks) or chunk by chunk (the whole file). */
export class FactColumns {
  count = 0;
  lines: Int32Array;
  deliberations: Float64Array;
  flags: Uint8Array;

  constructor(capacity = 1024) {
    this.lines = new Int32Array(capacity);
    this.deliberations = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  protected reserve(n: number): void {
    const need = this.count + n;
    this.lines = grown(this.lines, need);
    this.deliberations = grown(this.deliberations, need);
    this.flags = grown(this.flags, need);
  }
}

/** Collects the facts of one chunk; `capacity`: rows expected (it grows beyond). */
export class ChunkFactsBuilder extends FactColumns {
  private readonly slots: string[] = [];
  private slotsLength = 0;
  private slotAt: Int32Array;
  private keys: Uint32Array;
  private scopeOfRow: Uint16Array;
  private readonly scopes: string[] = [];
  private scope = '';
  private scopeIndex = 0;
  private readonly scopeHash = new Uint32Array(2);
  private readonly identities: string[] = [];
  private readonly oddDeliberations: Record<number, string> = {};

  constructor(capacity = 1024) {
    super(capacity);
    this.slotAt = new Int32Array(capacity);
    this.keys = new Uint32Array(2 * capacity);
    this.scopeOfRow = new Uint16Array(capacity);
  }

  protected override reserve(n: number): void {
    super.reserve(n);
    if (this.slotAt.length < this.lines.length) {
      this.slotAt = grown(this.slotAt, this.lines.length);
      this.keys = grown(this.keys, this.lines.length * 2);
      this.scopeOfRow = grown(this.scopeOfRow, this.lines.length);
    }
  }

  /**
   * One valid row. `scope`: `session|academie|`. `deliberation`: epoch ms,
   * or the UTC ISO text. `identity` is called only for flagged rows.
   */
  add(
    scope: string,
    numero: string,
    groupe: 1 | 2,
    decision: DecisionCode,
    line: number,
    deliberation: number | string,
    identity: () => string,
  ): void {
    if (this.count === this.lines.length) this.reserve(1);
    const i = this.count++;
    if (scope !== this.scope) {
      this.scope = scope;
      hashChars(this.scopeHash, 0, scope, 0, scope.length);
      const name = scope.slice(0, -1);
      this.scopeIndex = this.scopes.indexOf(name);
      if (this.scopeIndex === -1) this.scopeIndex = this.scopes.push(name) - 1;
    }
    this.scopeOfRow[i] = this.scopeIndex;
    hashChars(this.keys, 2 * i, numero, 0, numero.length, this.scopeHash);
    const slot = `${scope}${numero}|${groupe}`;
    this.slotAt[i] = this.slotsLength;
    this.slots.push(slot);
    this.slotsLength += slot.length + 1;
    const flags = flagsOf(groupe, decision);
    this.lines[i] = line;
    const ms = typeof deliberation === 'number' ? deliberation : deliberationMs(deliberation);
    this.deliberations[i] = ms;
    if (Number.isNaN(ms)) this.oddDeliberations[i] = deliberation as string;
    this.flags[i] = flags;
    if (flags !== 0) this.identities.push(identity());
  }

  addDecision(d: Decision, line: number): void {
    this.add(
      `${d.session}|${d.academie}|`,
      d.numero,
      d.groupe,
      d.decision,
      line,
      d.deliberation,
      () => identityOf(d),
    );
  }

  finish(): ChunkFacts {
    const n = this.count;
    return {
      count: n,
      slots: this.slots.join('\n'),
      slotAt: this.slotAt.slice(0, n),
      keys: this.keys.slice(0, 2 * n),
      scopes: this.scopes,
      scopeOfRow: this.scopeOfRow.slice(0, n),
      lines: this.lines.slice(0, n),
      deliberations: this.deliberations.slice(0, n),
      oddDeliberations: this.oddDeliberations,
      flags: this.flags.slice(0, n),
      identities: this.identities.join('\n'),
    };
  }
}

/** The buffers of a chunk's facts, to transfer rather than copy to another thread. */
export function factBuffers(f: ChunkFacts): ArrayBuffer[] {
  return [f.slotAt, f.keys, f.scopeOfRow, f.lines, f.deliberations, f.flags].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
