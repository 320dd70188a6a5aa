import { hash } from 'node:crypto';
import type { Decision } from './decision.schema.js';

// Fixed field order: the digest must not depend on object key order.
const FIELDS = [
  'session',
  'academie',
  'numero',
  'nom',
  'prenoms',
  'dateNaissance',
  'uai',
  'departement',
  'examen',
  'serie',
  'groupe',
  'decision',
  'mention',
  'moyenne',
  'accordPublication',
  'jury',
  'deliberation',
] as const satisfies readonly (keyof Decision)[];

/** Content digest of a decision (16 hex chars): equal digests mean the same decision. */
export function decisionDigest(d: Decision): string {
  // Fields joined by a separator no valid value contains; null is marked apart from any text.
  let canonical = '';
  for (const f of FIELDS) canonical += `${d[f] ?? '\u0000'}\u001f`;
  // One-shot hash: about three times faster than createHash for short inputs (it runs once per
  // row).
  return hash('sha256', canonical).slice(0, 16);
}
