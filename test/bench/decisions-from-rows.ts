// Benchmarks need Decision objects by the tens of thousands without timing
// the ingest: generated first-group rows mapped as the stats fixtures do.
import type { Decision } from '../../shared/domain/decision.schema.js';
import { generateFirstGroup } from '../../shared/generate/decisions.generator.js';
import { rowToDecision } from '../fixtures/stats/synthetic.js';

export function generatedDecisions(
  academie: string,
  candidates: number,
  session = '2024-06',
): Decision[] {
  return [...generateFirstGroup({ academie, session, candidates, seed: 1 })].map(rowToDecision);
}
