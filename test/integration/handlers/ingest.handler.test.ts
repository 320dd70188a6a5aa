import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/ingest/handler.js';
import { InvalidEventError } from '../../../functions/parse-event.js';
import { DynamoDecisionStore } from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import {
  dynamoClientFor,
  s3ClientFor,
  startTestStack,
  type TestStack,
} from '../../support/local-stack.js';
import { clearTable } from '../../support/clear-table.js';
import { lambdaContext, s3Created } from './events.js';

const fixtures = join(import.meta.dirname, '../../fixtures/decisions');
const context = lambdaContext('ingest');
let stack: TestStack;
let bucket: string;

beforeAll(async () => {
  stack = await startTestStack();
  // Forked worker, one file per process: the handler's clients read this env on first use.
  Object.assign(process.env, stack.env);
  bucket = stack.env.PUBLIBAC_INGEST_BUCKET!;
});
afterAll(async () => stack.stop());

async function drop(key: string, file: string) {
  const body = await readFile(join(fixtures, file));
  await s3ClientFor(stack.env).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return s3Created(bucket, key, body.length);
}
const text = async (key: string) =>
  await (
    await s3ClientFor(stack.env).send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  ).Body!.transformToString();
const store = () =>
  new DynamoDecisionStore({
    client: dynamoClientFor(stack.env),
    tableName: stack.env.PUBLIBAC_DECISIONS_TABLE!,
  });

describe('ingest handler (S3 ObjectCreated)', () => {
  it('stores the decisions of a file dropped under incoming/ and reports beside it', async () => {
    // Its own set-up: an empty store, whatever ran before.
    await clearTable(dynamoClientFor(stack.env), stack.env.PUBLIBAC_DECISIONS_TABLE!);
    const event = await drop('incoming/aix-marseille 2024-06.csv', 'good.csv');
    const outcomes = await handler(event, context);
    expect(outcomes).toEqual([
      {
        key: 'incoming/aix-marseille 2024-06.csv',
        status: 'ingested',
        rows: 6,
        new: 6,
        superseded: 0,
        unchanged: 0,
        report: 'reports/aix-marseille 2024-06.csv.txt',
      },
    ]);
    expect((await store().currentDecisions('2024-06', 'aix-marseille')).length).toBe(6);
    expect(JSON.parse(await text('reports/aix-marseille 2024-06.csv.txt'))).toMatchObject({
      rows: 6,
      new: 6,
      written: 6,
    });
  });

  it('is idempotent: the same file notified again changes nothing', async () => {
    // Its own set-up: the file stored once, whatever ran before.
    await handler(await drop('incoming/once.csv', 'good.csv'), context);
    const event = await drop('incoming/again.csv', 'good.csv');
    const [outcome] = await handler(event, context);
    expect(outcome).toMatchObject({ status: 'ingested', new: 0, unchanged: 6 });
  });

  it(
    'rejects a bad file whole: nothing written, the issues in the report, counts only in the ' +
      'result',
    async () => {
      const before = await store().currentDecisions('2024-06', 'aix-marseille');
      const event = await drop('incoming/formula.csv', 'bad/formula-name.csv');
      const [outcome] = await handler(event, context);
      expect(outcome).toMatchObject({
        key: 'incoming/formula.csv',
        status: 'rejected',
        report: 'reports/formula.csv.txt',
      });
      expect(outcome!.status === 'rejected' && outcome!.issues).toBeGreaterThan(0);
      expect(await text('reports/formula.csv.txt')).toMatch(/formula\.csv.*nothing was written/s);
      expect(await store().currentDecisions('2024-06', 'aix-marseille')).toEqual(before);
    },
  );

  it('refuses an event that is not an S3 ObjectCreated notification', async () => {
    await expect(
      handler({ Records: [{ eventSource: 'aws:sqs' }] } as never, context),
    ).rejects.toBeInstanceOf(InvalidEventError);
  });
});
