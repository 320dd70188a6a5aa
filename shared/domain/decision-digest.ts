import { createHash } from 'node:crypto';
import type { Decision } from './decision.schema.js';

// Fixed field order: the digest must not depend on object key order.
const FIELDS = [
  'session', 'academie', 'numero', 'nom', 'prenoms', 'dateNaissance', 'uai', 'departement',
  'examen', 'serie', 'groupe', 'decision', 'mention', 'moyenne', 'accordPublication', 'jury', 'deliberation',
] as const satisfies readonly (keyof Decision)[];

/** Content digest of a decision (16 hex chars): equal digests mean the same decision. */
export function decisionDigest(d: Decision): string {
  const canonical = JSON.stringify(FIELDS.map((f) => d[f]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
