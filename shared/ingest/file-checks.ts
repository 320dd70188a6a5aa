import type { Decision } from '../domain/decision.schema.js';
import type { KnownVersion } from '../ports/decision-store.port.js';
import { IDENTITY_COLUMNS, rowFacts, type RowFacts } from './chunk-validation.js';
import type { IngestIssue } from './ingest-issue.js';
import { ruleMessage } from './rule-messages.js';

export type RowFate = 'new' | 'supersedes' | 'unchanged';

const IDENTITY_HEADERS: Record<(typeof IDENTITY_COLUMNS)[number], string> = {
  nom: 'nom', prenoms: 'prenoms', dateNaissance: 'date_naissance', uai: 'uai', examen: 'examen', serie: 'serie',
};

function issue(line: number, code: string, params?: Record<string, string | number>, column?: string): IngestIssue {
  return { line, ...(column ? { column } : {}), code, ...ruleMessage(code, params) };
}

/** `session|academie` — the unit the store is read by. */
export const scopeKey = (f: Pick<RowFacts, 'session' | 'academie'>) => `${f.session}|${f.academie}`;
const slotOf = (f: RowFacts, groupe: 1 | 2 = f.groupe) => `${f.session}|${f.academie}|${f.numero}|${groupe}`;

/**
 * Rules across the rows of one file and against what the store already holds.
 * Holds one RowFacts per row, in file order.
 */
export class FileChecks {
  private readonly slots = new Map<string, RowFacts>();
  readonly issues: IngestIssue[] = [];
  readonly fates = new Map<string, { fate: RowFate; digest: string }>();

  add(facts: RowFacts): void {
    const slot = slotOf(facts);
    const first = this.slots.get(slot);
    if (first) this.issues.push(issue(facts.line, 'duplicate-row', { first: first.line }, 'numero_candidat'));
    else this.slots.set(slot, facts);
  }

  /** Académie sessions present in the file. */
  scopes(): Set<string> {
    return new Set([...this.slots.values()].map(scopeKey));
  }

  /**
   * Group-2 rows need the candidate's group-1 SECOND_GROUPE, in this file or
   * already stored. Returns the scopes whose stored decisions must be read.
   */
  checkGroups(): Set<string> {
    const needStore = new Set<string>();
    for (const f of this.slots.values()) {
      if (f.groupe !== 2) continue;
      const g1 = this.slots.get(slotOf(f, 1));
      if (g1) this.compareGroups(g1, f);
      else needStore.add(scopeKey(f));
    }
    return needStore;
  }

  /** Checks the group-2 rows whose group 1 is not in the file against the stored current decisions. */
  checkGroupsAgainstStore(scope: string, stored: readonly Decision[]): void {
    const g1ByNumero = new Map(stored.filter((d) => d.groupe === 1).map((d) => [d.numero, d]));
    for (const f of this.slots.values()) {
      if (f.groupe !== 2 || scopeKey(f) !== scope || this.slots.has(slotOf(f, 1))) continue;
      const g1 = g1ByNumero.get(f.numero);
      if (!g1) this.issues.push(issue(f.line, 'group2-without-group1', {}, 'groupe'));
      else this.compareGroups(rowFacts(g1, 0), f);
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
    for (const [slot, f] of this.slots) {
      if (scopeKey(f) !== scope) continue;
      const versions = known.get(`${f.numero}#${f.groupe}`) ?? [];
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
      this.fates.set(slot, { fate, digest: f.digest });
    }
  }

  /** Distinct candidates in the file. */
  candidateCount(): number {
    return new Set([...this.slots.values()].map((f) => `${f.session}|${f.academie}|${f.numero}`)).size;
  }

  fateOf(d: Decision): { fate: RowFate; digest: string } | undefined {
    return this.fates.get(`${d.session}|${d.academie}|${d.numero}|${d.groupe}`);
  }
}
