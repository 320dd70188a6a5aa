import { decisionDigest } from '../domain/decision-digest.js';
import type { Decision, DecisionCode } from '../domain/decision.schema.js';

/**
 * What the whole-file rules need of a valid row, and nothing personal beyond
 * it. One is kept for every row of the file (720,000 in a national one), so
 * it is packed into a single string, `slot \t line \t decision \t
 * deliberation \t digest \t identity`: strings cross from worker threads
 * without per-object cloning and cost the garbage collector next to nothing.
 * The complete decisions are parsed again when written.
 */
export interface RowFacts {
  /** `session|academie|numero|groupe` */
  slot: string;
  line: number;
  decision: DecisionCode;
  deliberation: string;
  digest: string;
  /** Identity cells a candidate's two groups must share, joined by U+001F. */
  identity: string;
}

export const IDENTITY_COLUMNS = ['nom', 'prenoms', 'dateNaissance', 'uai', 'examen', 'serie'] as const;

export function slotOf(d: Pick<Decision, 'session' | 'academie' | 'numero' | 'groupe'>): string {
  return `${d.session}|${d.academie}|${d.numero}|${d.groupe}`;
}

export function packFacts(d: Decision, line: number): string {
  const identity = `${d.nom}\u001f${d.prenoms}\u001f${d.dateNaissance}\u001f${d.uai}\u001f${d.examen}\u001f${d.serie ?? ''}`;
  return `${slotOf(d)}\t${line}\t${d.decision}\t${d.deliberation}\t${decisionDigest(d)}\t${identity}`;
}

export function unpackFacts(packed: string): RowFacts {
  const [slot = '', line = '0', decision, deliberation = '', digest = '', identity = ''] = packed.split('\t');
  return { slot, line: Number(line), decision: decision as DecisionCode, deliberation, digest, identity };
}

/** The slot of a packed record, without unpacking the rest. */
export function packedSlot(packed: string): string {
  return packed.slice(0, packed.indexOf('\t'));
}
