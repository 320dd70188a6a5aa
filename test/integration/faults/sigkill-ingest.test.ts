// Issue 14, faults: `publibac ingest`, the real command in a child process,
// killed (SIGKILL) at seeded points of its writes, three times over, then run
// again to the end. The decisions stored must be exactly those of a clean
// run on another stack: nothing lost, nothing twice.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../shared/adapters/fs/file-source.js';
import {
  partitionKey,
  SHARD_COUNT,
} from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { runCli, spawnCli } from '../../support/cli-child.js';
import { seededRandom } from '../../support/fault-injection.js';
import { decisionFiles, depsWith, stackState } from '../../support/fault-scenario.js';
import { faultCandidates, faultTimeout } from '../../support/fault-size.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';

const SESSION = '2024-06';
const ACADEMIE = 'lille';
const CANDIDATES = faultCandidates(2_000);
const SEED = Number(process.env.FAULT_SEED ?? 14);
/** Three kills, each later in the writes than the last (a seeded point within each band). */
const BANDS = [0.15, 0.4, 0.65];
/**
 * The killed runs write one call at a time (a small provisioned table: write-concurrency.ts), as
 * a throttled table would: an ingest's pipelined writes otherwise end between two polls of a
 * small file, and a kill would find nothing left to interrupt. The final run is not paced.
 */
const PACED = {
  PUBLIBAC_DECISIONS_WRITE_CAPACITY: JSON.stringify({
    mode: 'provisioned',
    writeUnitsPerSecond: 25,
  }),
};

let reference: TestStack;
let victim: TestStack;
/** Stacks started, stopped after the file's tests whatever happened. */
const started: TestStack[] = [];
const stack = () => startTestStack().then((s) => (started.push(s), s));
let files: Awaited<ReturnType<typeof decisionFiles>>;

beforeAll(async () => {
  const generated = decisionFiles(ACADEMIE, SESSION, CANDIDATES);
  [reference, victim] = await Promise.all([stack(), stack()]);
  files = await generated;
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

async function countPartition(db: DynamoDBDocumentClient, table: string, pk: string) {
  const { Count } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return Count ?? 0;
}

async function countAcademie(db: DynamoDBDocumentClient, table: string) {
  const shards = Array.from({ length: SHARD_COUNT }, (_, s) =>
    countPartition(db, table, partitionKey(SESSION, ACADEMIE, s)),
  );
  return (await Promise.all(shards)).reduce((a, b) => a + b, 0);
}

/** When each row was ingested differs from run to run: everything else must be the same. */
function withoutIngestTime(item: Record<string, unknown>): Record<string, unknown> {
  const source = item.source as { M?: Record<string, unknown> } | undefined;
  return source?.M ? { ...item, source: { M: { ...source.M, ingestedAt: null } } } : item;
}

interface IngestSummary {
  rows: number;
  new: number;
  unchanged: number;
  written: number;
}

describe('publibac ingest killed at random points of its writes, then run again', () => {
  it(
    'stores exactly the decisions of an uninterrupted run',
    async () => {
      const table = victim.env.PUBLIBAC_DECISIONS_TABLE!;
      const clean = depsWith(reference.env, systemClock);
      for (const path of [files.group1, files.group2])
        await ingestDecisions(
          { store: clean.decisions, clock: systemClock },
          await fileSource(path),
        );
      const refDb = dynamoClientFor(reference.env);
      const db = dynamoClientFor(victim.env);

      // The writes go in file order, to every shard at once: the first shard's count tells how far
      // they are.
      const firstShard = partitionKey(SESSION, ACADEMIE, 0);
      const shardTotal = await countPartition(refDb, table, firstShard);
      const random = seededRandom(SEED);
      const stored: number[] = [];
      for (const band of BANDS) {
        const threshold = Math.floor((band + 0.2 * random()) * shardTotal);
        // Each run starts with what the killed ones stored, and is killed in turn.
        const run = spawnCli(['ingest', files.group1], { ...victim.env, ...PACED });
        while (run.running()) {
          if ((await countPartition(db, table, firstShard)) >= threshold) {
            run.kill('SIGKILL');
            break;
          }
          await new Promise((done) => setTimeout(done, 10));
        }
        const ended = await run.ended;
        expect(ended.signal, ended.stderr).toBe('SIGKILL');
        stored.push(await countAcademie(db, table));
      }
      // Every kill came half-way through the writes: more stored each time, never everything.
      expect(stored[0]).toBeGreaterThan(0);
      for (let i = 1; i < stored.length; i++) expect(stored[i]).toBeGreaterThan(stored[i - 1]!);
      expect(stored[stored.length - 1]).toBeLessThan(files.group1Rows);

      // Run to the end: what the killed runs stored is recognised, the rest written, once.
      const again = JSON.parse(
        await runCli(['ingest', files.group1, '--json'], victim.env),
      ) as IngestSummary;
      expect(again).toMatchObject({
        rows: files.group1Rows,
        unchanged: stored[stored.length - 1],
        new: files.group1Rows - stored[stored.length - 1]!,
        written: files.group1Rows - stored[stored.length - 1]!,
      });
      // The second group's decisions, which rest on the first group's, go in after.
      await ingestDecisions(
        { store: depsWith(victim.env, systemClock).decisions, clock: systemClock },
        await fileSource(files.group2),
      );
      refDb.destroy();
      db.destroy();

      const [want, got] = await Promise.all([
        stackState(reference.env, withoutIngestTime),
        stackState(victim.env, withoutIngestTime),
      ]);
      expect(JSON.parse(got.decisions)).toHaveLength(files.rows);
      expect(got.decisions).toBe(want.decisions);
    },
    faultTimeout(120_000),
  );
});
