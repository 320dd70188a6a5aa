import { decisionDigest } from '../domain/decision-digest.js';
import type { Decision } from '../domain/decision.schema.js';
import type { KnownVersion } from '../ports/decision-store.port.js';
import type { IngestIssue } from './ingest-issue.js';
import {
  FactColumns,
  GROUP_2,
  IDENTITY_COLUMNS,
  identityOf,
  SECOND_GROUPE,
  slotOf,
  type ChunkFacts,
} from './row-facts.js';
import { ruleMessage } from './rule-messages.js';
import { SlotTable } from './slot-table.js';

export type RowFate = 'new' | 'supersedes' | 'unchanged';
// fates[row]: NONE until classified (or refused), PENDING while a digest must decide.
const NONE = 0;
const PENDING = 4;
const FATES: readonly (RowFate | undefined)[] = [undefined, 'new', 'supersedes', 'unchanged'];
const FATE_CODE: Record<RowFate, number> = { new: 1, supersedes: 2, unchanged: 3 };

const IDENTITY_HEADERS: Record<(typeof IDENTITY_COLUMNS)[number], string> = {
  nom: 'nom',
  prenoms: 'prenoms',
  dateNaissance: 'date_naissance',
  uai: 'uai',
  examen: 'examen',
  serie: 'serie',
};

function issue(
  line: number,
  code: string,
  params?: Record<string, string | number>,
  column?: string,
): IngestIssue {
  return { line, ...(column ? { column } : {}), code, ...ruleMessage(code, params) };
}

/** `session|academie` of a slot `session|academie|numero|groupe`: the unit the store is read by. */
export function scopeOf(slot: string): string {
  return slot.slice(0, slot.indexOf('|', slot.indexOf('|') + 1));
}
const otherGroup = (slot: string) => `${slot.slice(0, -1)}${slot.endsWith('|1') ? 2 : 1}`;

/** What compareGroups needs of one side: a row of the file, or a stored decision (line 0). */
interface GroupSide {
  line: number;
  secondGroupe: boolean;
  identity: string;
}

/**
 * Rules across the rows of one file and against what the store already
 * holds. Keeps the facts of each distinct slot (row-facts.ts) as columns,
 * indexed by row number in file order, and finds slots in a SlotTable: no
 * string or object per row (a national file has 720,000).
 */
export class FileChecks extends FactColumns {
  readonly issues: IngestIssue[] = [];
  private readonly table: SlotTable;
  private readonly identities = new Map<number, string>();
  private readonly oddDeliberations = new Map<number, string>();
  private readonly scopeIds = new Map<string, number>();
  private scopeOfRow: Uint16Array;
  /** Group-2 rows, in file order. */
  private readonly group2: number[] = [];
  private fates = new Uint8Array(0);
  /** Rows the store holds at the same deliberation: the digests that would make them unchanged. */
  private readonly pending = new Map<number, string[]>();

  /** `rows`: how many are expected (a file's size / 100, say); the columns grow beyond. */
  constructor(rows = 1024) {
    super(rows);
    this.table = new SlotTable(rows);
    this.scopeOfRow = new Uint16Array(rows);
  }

  /** Adds the facts of one chunk. */
  addChunk(f: ChunkFacts): void {
    if (f.count === 0) return;
    this.reserve(f.count);
    if (this.scopeOfRow.length < this.lines.length) {
      const grown = new Uint16Array(this.lines.length);
      grown.set(this.scopeOfRow);
      this.scopeOfRow = grown;
    }
    const scopeIds = f.scopes.map((scope) => {
      if (!this.scopeIds.has(scope)) this.scopeIds.set(scope, this.scopeIds.size);
      return this.scopeIds.get(scope)!;
    });
    const text = this.table.addText(f.slots);
    let identityAt = 0;
    for (let i = 0; i < f.count; i++) {
      const flags = f.flags[i]!;
      let identity: string | undefined;
      if (flags !== 0) {
        const nl = f.identities.indexOf('\n', identityAt);
        identity = f.identities.slice(identityAt, nl === -1 ? undefined : nl);
        identityAt = nl + 1;
      }
      const row = this.count;
      const first = this.table.add(
        row,
        f.keys[2 * i]!,
        f.keys[2 * i + 1]!,
        flags & GROUP_2 ? 2 : 1,
        text,
        f.slotAt[i]!,
      );
      if (first !== -1) {
        this.issues.push(
          issue(f.lines[i]!, 'duplicate-row', { first: this.lines[first]! }, 'numero_candidat'),
        );
        continue;
      }
      this.count++;
      this.lines[row] = f.lines[i]!;
      this.deliberations[row] = f.deliberations[i]!;
      this.flags[row] = flags;
      this.scopeOfRow[row] = scopeIds[f.scopeOfRow[i]!]!;
      if (identity !== undefined) this.identities.set(row, identity);
      if (i in f.oddDeliberations) this.oddDeliberations.set(row, f.oddDeliberations[i]!);
      if (flags & GROUP_2) this.group2.push(row);
    }
  }

  /** Académie sessions present in the file. */
  scopes(): Set<string> {
    return new Set(this.scopeIds.keys());
  }

  private side(row: number): GroupSide {
    return {
      line: this.lines[row]!,
      secondGroupe: (this.flags[row]! & SECOND_GROUPE) !== 0,
      identity: this.identities.get(row) ?? '',
    };
  }

  /**
   * Group-2 rows need the candidate's group-1 SECOND_GROUPE, in this file or
   * already stored. Returns the scopes whose stored decisions must be read.
   */
  checkGroups(): Set<string> {
    const needStore = new Set<string>();
    for (const row of this.group2) {
      const g1 = this.table.otherGroup(row);
      if (g1 !== -1) this.compareGroups(this.side(g1), this.side(row));
      else needStore.add(scopeOf(this.table.slot(row)));
    }
    return needStore;
  }

  /** Checks the group-2 rows whose group 1 is not in the file against the stored current decisions. */
  checkGroupsAgainstStore(scope: string, stored: readonly Decision[]): void {
    const g1BySlot = new Map(stored.filter((d) => d.groupe === 1).map((d) => [slotOf(d), d]));
    for (const row of this.group2) {
      const slot = this.table.slot(row);
      if (scopeOf(slot) !== scope || this.table.otherGroup(row) !== -1) continue;
      const g1 = g1BySlot.get(otherGroup(slot));
      if (!g1) this.issues.push(issue(this.lines[row]!, 'group2-without-group1', {}, 'groupe'));
      else
        this.compareGroups(
          { line: 0, secondGroupe: g1.decision === 'SECOND_GROUPE', identity: identityOf(g1) },
          this.side(row),
        );
    }
  }

  private compareGroups(g1: GroupSide, g2: GroupSide): void {
    if (!g1.secondGroupe) {
      this.issues.push(issue(g2.line, 'group2-without-group1', {}, 'groupe'));
      return;
    }
    const a = g1.identity.split('\u001f');
    const b = g2.identity.split('\u001f');
    IDENTITY_COLUMNS.forEach((c, i) => {
      if (a[i] !== b[i]) {
        const column = IDENTITY_HEADERS[c];
        this.issues.push(
          issue(g2.line, 'identity-mismatch', { column, other: g1.line || 'stored' }, column),
        );
      }
    });
  }

  /** A row's deliberation as the store writes it (UTC ISO with milliseconds). */
  private deliberationOf(row: number): string {
    return this.oddDeliberations.get(row) ?? new Date(this.deliberations[row]!).toISOString();
  }

  /**
   * Decides each row's fate against the versions already stored: new slot,
   * later deliberation (supersedes), or refused (older deliberation). A row
   * the store holds at the same deliberation is unchanged (a no-op) if its
   * content digest is one of those versions', refused otherwise: those rows
   * wait for resolveDigest.
   */
  classify(scope: string, known: Map<string, KnownVersion[]>): void {
    if (this.fates.length < this.count) this.fates = new Uint8Array(this.count);
    const id = this.scopeIds.get(scope);
    for (let row = 0; row < this.count; row++) {
      if (this.scopeOfRow[row] !== id) continue;
      const versions =
        known.get(
          this.table
            .slot(row)
            .slice(scope.length + 1)
            .replace('|', '#'),
        ) ?? [];
      const latest = versions[versions.length - 1];
      if (!latest) {
        this.fates[row] = FATE_CODE.new;
        continue;
      }
      const deliberation = this.deliberationOf(row);
      const same = versions.filter((v) => v.deliberation === deliberation);
      if (same.length > 0) {
        this.fates[row] = PENDING;
        this.pending.set(
          row,
          same.map((v) => v.digest),
        );
      } else if (deliberation < latest.deliberation) {
        this.issues.push(
          issue(
            this.lines[row]!,
            'older-deliberation',
            { stored: latest.deliberation },
            'deliberation',
          ),
        );
      } else this.fates[row] = FATE_CODE.supersedes;
    }
  }

  /** Rows classify left waiting for their content digest. */
  pendingDigests(): number {
    return this.pending.size;
  }

  /** Settles a waiting row from its decision, read again: unchanged, or a conflicting deliberation. */
  resolveDigest(d: Decision, line: number): void {
    const row = this.table.rowOf(slotOf(d));
    if (row === -1 || this.lines[row] !== line) return; // not a waiting row (a duplicate, say)
    const digests = this.pending.get(row);
    if (!digests) return;
    this.pending.delete(row);
    if (digests.includes(decisionDigest(d))) this.fates[row] = FATE_CODE.unchanged;
    else {
      this.fates[row] = NONE;
      this.issues.push(issue(line, 'conflicting-deliberation', {}, 'deliberation'));
    }
  }

  /** How many rows of each fate, once classified. */
  fateCounts(): Record<RowFate, number> {
    const counts = { new: 0, supersedes: 0, unchanged: 0 };
    for (let row = 0; row < this.count; row++) {
      const fate = FATES[this.fates[row] ?? NONE];
      if (fate) counts[fate]++;
    }
    return counts;
  }

  /** Distinct candidates in the file: slots, less the group-2 rows whose group 1 is here too. */
  candidateCount(): number {
    return this.count - this.group2.filter((row) => this.table.otherGroup(row) !== -1).length;
  }

  /** The fate of a decision's slot. */
  fateOf(d: Decision): RowFate | undefined {
    const row = this.table.rowOf(slotOf(d));
    return row === -1 ? undefined : FATES[this.fates[row] ?? NONE];
  }
}
