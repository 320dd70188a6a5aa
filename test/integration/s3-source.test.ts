import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDecisionStore } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { s3ObjectSource } from '../../shared/adapters/s3/object-source.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { IngestRejectedError } from '../../shared/ingest/ingest-issue.js';
import { fixedClock } from '../../shared/ports/clock.port.js';
import {
  dynamoClientFor,
  s3ClientFor,
  startTestStack,
  type TestStack,
} from '../support/local-stack.js';

const fixtures = join(import.meta.dirname, '../fixtures/decisions');
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await stack.stop();
  };
});

describe('ingest from the ingest bucket', () => {
  it('reads an S3 object twice (check, then write) and stores its decisions', async () => {
    const s3 = s3ClientFor(stack.env);
    const bucket = stack.env.PUBLIBAC_INGEST_BUCKET!;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'aix-marseille/2024-06/good.csv',
        Body: await readFile(join(fixtures, 'good.csv')),
      }),
    );
    const store = new DynamoDecisionStore({
      client: dynamoClientFor(stack.env),
      tableName: stack.env.PUBLIBAC_DECISIONS_TABLE!,
    });
    const source = await s3ObjectSource(s3, bucket, 'aix-marseille/2024-06/good.csv');
    expect(source).toMatchObject({
      name: 'good.csv',
      size: (await readFile(join(fixtures, 'good.csv'))).length,
    });
    const summary = await ingestDecisions(
      { store, clock: fixedClock('2024-07-06T08:00:00Z') },
      source,
    );
    expect(summary).toMatchObject({ rows: 6, new: 6, written: 6 });
    expect((await store.currentDecisions('2024-06', 'aix-marseille')).length).toBe(6);
  });

  it('rejects a bad object with the same report as a local file', async () => {
    const s3 = s3ClientFor(stack.env);
    const bucket = stack.env.PUBLIBAC_INGEST_BUCKET!;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'bad/many-errors.csv',
        Body: await readFile(join(fixtures, 'bad/many-errors.csv')),
      }),
    );
    const store = new DynamoDecisionStore({
      client: dynamoClientFor(stack.env),
      tableName: stack.env.PUBLIBAC_DECISIONS_TABLE!,
    });
    const err = await ingestDecisions(
      { store, clock: fixedClock('2024-07-06T08:00:00Z') },
      await s3ObjectSource(s3, bucket, 'bad/many-errors.csv'),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestRejectedError);
    expect((err as IngestRejectedError).issues.map((i) => `${i.line}:${i.code}`)).toEqual([
      '2:uai-check-letter',
      '4:numero-format',
      '4:mention-average',
      '5:jury-format',
    ]);
  });
});
