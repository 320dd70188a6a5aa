import type { Decision } from '../domain/decision.schema.js';
import type { KnownVersion } from '../ports/decision-store.port.js';
import type { IngestIssue } from './ingest-issue.js';
import { IDENTITY_COLUMNS, packFacts, slotOf, unpackFacts, type RowFacts } from './row-facts.js';
import { ruleMessage } from './rule-messages.js';

export type RowFate = 'new' | 'supersedes' | 'unchanged';
const FATE_CODE: Record<RowFate, string> = { new: 'n', supersedes: 's', unchanged: 'u' };
const FATE_OF_CODE: Record<string, RowFate> = { n: 'new', s: 'supersedes', u: 'unchanged' };

const IDENTITY_HEADERS: Record<(typeof IDENTITY_COLUMNS)[number], string> = {
  nom: 'nom', prenoms: 'prenoms', dateNaissance: 'date_naissance', uai: 'uai', examen: 'examen', serie: 'serie',
};

function issue(line: number, code: string, params?: Record<string, string | number>, column?: string): IngestIssue {
  return { line, ...(column ? { column } : {}), code, ...ruleMessage(code, params) };
}

/** `session|academie` of a slot `session|academie|numero|groupe`: the unit the store is read by. */
export function scopeOf(slot: string): string {
  return slot.slice(0, slot.indexOf('|', slot.indexOf('|') + 1));
}
const otherGroup = (slot: string) => `${slot.slice(0, -1)}${slot.endsWith('|1') ? 2 : 1}`;

/**
 * Rules across the rows of one file and against what the store already
 * holds. Keeps one packed record per row (see row-facts.ts), in file order.
 */
export class FileChecks {
  private readonly slots = new Map<string, string>();
  readonly issues: IngestIssue[] = [];
  /** slot → fate code and digest, for the writing pass. */
  private readonly fates = new Map<string, string>();

  /** Adds the packed records of one chunk, newline-separated. */
  addPacked(records: string): void {
    if (records === '') return;
    for (const record of records.split('\n')) {
      const slot = record.slice(0, record.indexOf('\t'));
      const first = this.slots.get(slot);
      if (first) {
        this.issues.push(issue(unpackFacts(record).line, 'duplicate-row', { first: unpackFacts(first).line }, 'numero_candidat'));
      } else this.slots.set(slot, record);
    }
  }

  /** Académie sessions present in the file. */
  scopes(): Set<string> {
    const scopes = new Set<string>();
    for (const slot of this.slots.keys()) scopes.add(scopeOf(slot));
    return scopes;
  }

  /**
   * Group-2 rows need the candidate's group-1 SECOND_GROUPE, in this file or
   * already stored. Returns the scopes whose stored decisions must be read.
   */
  checkGroups(): Set<string> {
    const needStore = new Set<string>();
    for (const [slot, record] of this.slots) {
      if (!slot.endsWith('|2')) continue;
      const g1 = this.slots.get(otherGroup(slot));
      if (g1) this.compareGroups(unpackFacts(g1), unpackFacts(record));
      else needStore.add(scopeOf(slot));
    }
    return needStore;
  }

  /** Checks the group-2 rows whose group 1 is not in the file against the stored current decisions. */
  checkGroupsAgainstStore(scope: string, stored: readonly Decision[]): void {
    const g1BySlot = new Map(stored.filter((d) => d.groupe === 1).map((d) => [slotOf(d), d]));
    for (const [slot, record] of this.slots) {
      if (!slot.endsWith('|2') || scopeOf(slot) !== scope || this.slots.has(otherGroup(slot))) continue;
      const g1 = g1BySlot.get(otherGroup(slot));
      const g2 = unpackFacts(record);
      if (!g1) this.issues.push(issue(g2.line, 'group2-without-group1', {}, 'groupe'));
      else this.compareGroups(unpackFacts(packFacts(g1, 0)), g2);
    }
  }

  private compareGroups(g1: RowFacts, g2: RowFacts): void {
    if (g1.decision !== 'SECOND_GROUPE') {
      this.issues.push(issue(g2.line, 'group2-without-group1', {}, 'groupe'));
      return;
    }
    const a = g1.identity.split('\u001f');
    const b = g2.identity.split('\u001f');
    IDENTITY_COLUMNS.forEach((c, i) => {
      if (a[i] !== b[i]) {
        const column = IDENTITY_HEADERS[c];
        this.issues.push(issue(g2.line, 'identity-mismatch', { column, other: g1.line || 'stored' }, column));
      }
    });
  }

  /**
   * Decides each row's fate against the versions already stored: new slot,
   * later deliberation (supersedes), same version (unchanged, a no-op), or
   * refused (older deliberation, or a different decision at the same instant).
   */
  classify(scope: string, known: Map<string, KnownVersion[]>): void {
    for (const [slot, record] of this.slots) {
      if (scopeOf(slot) !== scope) continue;
      const f = unpackFacts(record);
      const versions = known.get(slot.slice(scope.length + 1).replace('|', '#')) ?? [];
      const latest = versions[versions.length - 1];
      let fate: RowFate;
      if (!latest) fate = 'new';
      else if (versions.some((v) => v.deliberation === f.deliberation && v.digest === f.digest)) fate = 'unchanged';
      else if (versions.some((v) => v.deliberation === f.deliberation)) {
        this.issues.push(issue(f.line, 'conflicting-deliberation', {}, 'deliberation'));
        continue;
      } else if (f.deliberation < latest.deliberation) {
        this.issues.push(issue(f.line, 'older-deliberation', { stored: latest.deliberation }, 'deliberation'));
        continue;
      } else fate = 'supersedes';
      this.fates.set(slot, `${FATE_CODE[fate]}${f.digest}`);
    }
  }

  /** How many rows of each fate, once classified. */
  fateCounts(): Record<RowFate, number> {
    const counts = { new: 0, supersedes: 0, unchanged: 0 };
    for (const code of this.fates.values()) counts[FATE_OF_CODE[code[0]!]!]++;
    return counts;
  }

  /** Distinct candidates in the file. */
  candidateCount(): number {
    const candidates = new Set<string>();
    for (const slot of this.slots.keys()) candidates.add(slot.slice(0, -2));
    return candidates.size;
  }

  fateOf(d: Decision): { fate: RowFate; digest: string } | undefined {
    const code = this.fates.get(slotOf(d));
    return code ? { fate: FATE_OF_CODE[code[0]!]!, digest: code.slice(1) } : undefined;
  }
}
