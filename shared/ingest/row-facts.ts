import type { Decision } from '../domain/decision.schema.js';
import { identityOf, type Identity } from '../domain/rules/file.rules.js';
import type { DecisionCode, Groupe } from '../domain/vocabulary.js';

/**
 * What the whole-file rules (file-checks.ts) need of one valid row, and
 * nothing personal beyond it: the identity only for the rows the group
 * rules compare (group 2, and group-1 SECOND_GROUPE). No content digest:
 * only rows the store already holds at the same deliberation need one, and
 * ingest.usecase.ts computes those in a pass of their own; the complete
 * decisions are read again when written.
 */
export interface RowFacts {
  line: number;
  numero: string;
  groupe: Groupe;
  decision: DecisionCode;
  /** UTC ISO, as stored: such strings sort in time order. */
  deliberation: string;
  identity?: Identity;
}

/** A chunk's facts by académie session, the unit the store is read by (scopeOf). */
export type ChunkFacts = Map<string, RowFacts[]>;

/** `session|academie`: the académie session of a decision. */
export const scopeOf = (d: Pick<Decision, 'session' | 'academie'>) => `${d.session}|${d.academie}`;

export function factsOf(d: Decision, line: number): RowFacts {
  const { numero, groupe, decision, deliberation } = d;
  const facts: RowFacts = { line, numero, groupe, decision, deliberation };
  if (groupe === 2 || decision === 'SECOND_GROUPE') facts.identity = identityOf(d);
  return facts;
}

export function addFacts(facts: ChunkFacts, d: Decision, line: number): void {
  const scope = scopeOf(d);
  let rows = facts.get(scope);
  if (!rows) facts.set(scope, (rows = []));
  rows.push(factsOf(d, line));
}
