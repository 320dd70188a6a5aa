// How many BatchWriteItem calls one ingest keeps in flight, from the decisions
// table's capacity settings: enough to use the table's write budget, not so
// many that DynamoDB throttles and the retries (batch-write.ts) do the pacing.
import { z } from 'zod';

/** DynamoDB's limit per BatchWriteItem call. */
const BATCH_ITEMS = 25;
/**
 * What a new on-demand table serves at once (write request units/s) before DynamoDB adapts to
 * the traffic (AWS, "On-demand capacity mode": initial throughput of 4,000 writes per second).
 */
export const ON_DEMAND_INITIAL_WRITE_UNITS = 4_000;
/** The budget left to ingest: the rest is for the other writers of the table (none today). */
const SHARE = 0.8;
/** Beyond this, more calls in flight buy nothing in one Lambda (one vCPU marshalling). */
export const MAX_WRITE_CONCURRENCY = 32;

/**
 * The table's capacity as the stacks set it (PUBLIBAC_DECISIONS_WRITE_CAPACITY, JSON):
 * on-demand with, if set, its warm throughput or its maximum (MaxWriteRequestUnits), or
 * provisioned write capacity units; `writers` is how many ingests may run at once (the ingest
 * function's reserved concurrency), which share that budget.
 */
export const TableWriteCapacity = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('on-demand'),
    writeUnitsPerSecond: z.number().int().positive().optional(),
    writers: z.number().int().positive().default(1),
  }),
  z.object({
    mode: z.literal('provisioned'),
    writeUnitsPerSecond: z.number().int().positive(),
    writers: z.number().int().positive().default(1),
  }),
]);
export type TableWriteCapacity = z.input<typeof TableWriteCapacity>;

/** What one call costs and how long it takes (measured: see docs/national-scale.md). */
export interface WriteProfile {
  /** Write units per item: 1 per KB, rounded up (a decision version is under 1 KB). */
  unitsPerItem: number;
  /** Round trip of one BatchWriteItem of 25 from Lambda, in the table's region. */
  batchLatencyMs: number;
}
export const DEFAULT_WRITE_PROFILE: WriteProfile = { unitsPerItem: 1, batchLatencyMs: 25 };

/**
 * Batches in flight for one ingest: the share of the table's write budget
 * this ingest may use, divided by what one sequential caller consumes
 * (25 items per round trip), at least 1 and at most MAX_WRITE_CONCURRENCY.
 */
export function writeConcurrency(
  capacity: TableWriteCapacity,
  profile: WriteProfile = DEFAULT_WRITE_PROFILE,
): number {
  const c = TableWriteCapacity.parse(capacity);
  const budget =
    c.mode === 'provisioned'
      ? c.writeUnitsPerSecond
      : (c.writeUnitsPerSecond ?? ON_DEMAND_INITIAL_WRITE_UNITS);
  const perCaller = (BATCH_ITEMS * profile.unitsPerItem * 1000) / profile.batchLatencyMs;
  const share = (budget * SHARE) / c.writers;
  return Math.min(MAX_WRITE_CONCURRENCY, Math.max(1, Math.floor(share / perCaller)));
}

/** The variable's value, read once at start-up; undefined (unset) keeps the adapter's default. */
export function parseWriteCapacity(value: string | undefined): TableWriteCapacity | undefined {
  if (value === undefined) return undefined;
  return TableWriteCapacity.parse(JSON.parse(value));
}
