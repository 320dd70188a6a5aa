import { decisionDigest } from '../domain/decision-digest.js';
import { slotKey, type Decision } from '../domain/decision.schema.js';
import type { Breach } from '../domain/rules/breach.js';
import {
  duplicateRow,
  group2NeedsSecondGroupe,
  identityOf,
  sameDeliberation,
  sameIdentityInBothGroups,
  standingAgainstStore,
  type Identity,
  type StoredVersion,
} from '../domain/rules/file.rules.js';
import type { Groupe } from '../domain/vocabulary.js';
import { issueAt, type IngestIssue } from './ingest-issue.js';
import { scopeOf, type ChunkFacts, type RowFacts } from './row-facts.js';

export type RowFate = 'new' | 'supersedes' | 'unchanged';

/** A row of the file as the whole-file rules left it. */
interface Row extends RowFacts {
  fate?: RowFate;
  /** Digests of the stored versions at this row's deliberation, until its own decides. */
  pending?: readonly string[];
}

/** The rows of one académie session, by group and candidate number. */
type ScopeRows = Record<Groupe, Map<string, Row>>;

/**
 * Applies the whole-file rules (shared/domain/rules/file.rules.ts) to the
 * valid rows of a file and keeps what each row will become. Rows are kept
 * by académie session (`session|academie`, the unit the store is read by),
 * group and candidate number.
 */
export class FileChecks {
  readonly issues: IngestIssue[] = [];
  private readonly rows = new Map<string, ScopeRows>();

  private readonly strings = new Map<string, string>();

  private intern<S extends string>(s: S): S {
    const held = this.strings.get(s);
    if (held !== undefined) return held as S;
    this.strings.set(s, s);
    return s;
  }

  private report(line: number, breach: Breach): void {
    this.issues.push(issueAt(line, breach));
  }

  /** Adds the valid rows of a chunk; one row per candidate and group (duplicate-row). */
  addChunk(facts: ChunkFacts): void {
    for (const [scope, rows] of facts) {
      let groups = this.rows.get(scope);
      if (!groups) this.rows.set(scope, (groups = { 1: new Map(), 2: new Map() }));
      for (const row of rows) {
        // 720,000 rows but a few thousand deliberation instants: one string for each.
        row.deliberation = this.intern(row.deliberation);
        row.decision = this.intern(row.decision);
        const first = groups[row.groupe].get(row.numero);
        if (first) this.report(row.line, duplicateRow(first.line));
        else groups[row.groupe].set(row.numero, row);
      }
    }
  }

  /** Académie sessions present in the file. */
  scopes(): Set<string> {
    return new Set(this.rows.keys());
  }

  private *group2Rows(): Generator<{ scope: string; row: Row; first: Row | undefined }> {
    for (const [scope, groups] of this.rows)
      for (const row of groups[2].values()) yield { scope, row, first: groups[1].get(row.numero) };
  }

  /**
   * The group rules for the group-2 rows whose group 1 is in this file.
   * Returns the scopes whose stored decisions must be read for the others.
   */
  checkGroups(): Set<string> {
    const needStore = new Set<string>();
    for (const { scope, row, first } of this.group2Rows()) {
      if (first) this.compareGroups(row, first, first.line);
      else needStore.add(scope);
    }
    return needStore;
  }

  /** The group rules for the group-2 rows whose group 1 is not in the file: against the store. */
  checkGroupsAgainstStore(scope: string, stored: readonly Decision[]): void {
    const firstGroups = new Map(stored.filter((d) => d.groupe === 1).map((d) => [d.numero, d]));
    for (const { scope: of, row, first } of this.group2Rows()) {
      if (of !== scope || first) continue;
      const g1 = firstGroups.get(row.numero);
      this.compareGroups(row, g1 && { decision: g1.decision, identity: identityOf(g1) }, 'stored');
    }
  }

  private compareGroups(
    second: Row,
    first: { decision: Decision['decision']; identity?: Identity } | undefined,
    firstLine: number | 'stored',
  ): void {
    const missing = group2NeedsSecondGroupe(first);
    if (missing) {
      this.report(second.line, missing);
      return;
    }
    // Group-2 and SECOND_GROUPE rows carry their identity (row-facts.ts).
    if (!second.identity || !first?.identity) throw new Error('group rows without identity');
    for (const breach of sameIdentityInBothGroups(second.identity, first.identity, firstLine))
      this.report(second.line, breach);
  }

  /**
   * Where each row of `scope` stands against the versions already stored
   * (`known`, by slot): new, superseding, refused, or waiting for its
   * content digest (resolveDigest) when the store holds its deliberation.
   */
  classify(scope: string, known: ReadonlyMap<string, readonly StoredVersion[]>): void {
    for (const row of this.rowsOf(scope)) {
      const standing = standingAgainstStore(row.deliberation, known.get(slotKey(row)) ?? []);
      if (standing.fate === 'refused') this.report(row.line, standing.breach);
      else if (standing.fate === 'same-deliberation') row.pending = standing.digests;
      else row.fate = standing.fate;
    }
  }

  /** Rows classify left waiting for their content digest. */
  pendingDigests(): number {
    let count = 0;
    for (const row of this.rowsOf()) if (row.pending) count++;
    return count;
  }

  /** Settles a waiting row from its decision, read again: unchanged, or conflicting. */
  resolveDigest(d: Decision, line: number): void {
    const row = this.rowOf(d);
    if (!row?.pending || row.line !== line) return; // not a waiting row (a duplicate, say)
    const outcome = sameDeliberation(decisionDigest(d), row.pending);
    delete row.pending;
    if (outcome === 'unchanged') row.fate = outcome;
    else this.report(line, outcome);
  }

  /** How many rows of each fate, once classified. */
  fateCounts(): Record<RowFate, number> {
    const counts = { new: 0, supersedes: 0, unchanged: 0 };
    for (const row of this.rowsOf()) if (row.fate) counts[row.fate]++;
    return counts;
  }

  /** Distinct candidates in the file: rows, less the group-2 rows whose group 1 is here too. */
  candidateCount(): number {
    let count = 0;
    for (const groups of this.rows.values()) count += groups[1].size;
    for (const { first } of this.group2Rows()) if (!first) count++;
    return count;
  }

  /** The fate of a decision's row. */
  fateOf(d: Decision): RowFate | undefined {
    return this.rowOf(d)?.fate;
  }

  private rowOf(d: Decision): Row | undefined {
    return this.rows.get(scopeOf(d))?.[d.groupe].get(d.numero);
  }

  /** The rows of one académie session, or of the whole file, in file order within each group. */
  private *rowsOf(scope?: string): Generator<Row> {
    const all = scope === undefined ? this.rows.values() : [this.rows.get(scope)];
    for (const groups of all)
      if (groups) for (const g of [1, 2] as const) yield* groups[g].values();
  }
}
