import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDecisionStore } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { CSV_V1_COLUMNS } from '../../shared/ingest/format-v1.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { fixedClock } from '../../shared/ports/clock.port.js';
import { clearTable } from '../support/clear-table.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../support/local-stack.js';
import { tableSnapshot } from '../support/table-snapshot.js';

/**
 * Throttling and UnprocessedItems cannot be produced by dynalite: they are
 * injected as raw HTTP answers inside the real SDK, on every third and every
 * fourth BatchWriteItem call. The table an ingest leaves must be exactly the
 * one a fault-free ingest leaves: nothing lost, nothing duplicated.
 */
function withFaults(client: DynamoDBDocumentClient) {
  let calls = 0;
  const seen = { throttled: 0, partial: 0 };
  const json = { 'content-type': 'application/x-amz-json-1.0' };
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body: string; headers: Record<string, string> };
      if (request.headers['x-amz-target'] !== 'DynamoDB_20120810.BatchWriteItem') return next(args);
      calls++;
      if (calls % 3 === 0) {
        seen.throttled++;
        const body = JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
          message: 'Rate exceeded',
        });
        return {
          response: { statusCode: 400, headers: json, body: Readable.from([Buffer.from(body)]) },
        };
      }
      if (calls % 4 === 0) {
        seen.partial++;
        const parsed = JSON.parse(request.body) as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(parsed.RequestItems)[0]!;
        const keep = requests.slice(0, Math.ceil(requests.length / 2));
        request.body = JSON.stringify({ RequestItems: { [table]: keep } });
        request.headers['content-length'] = String(Buffer.byteLength(request.body));
        const result = await next(args);
        const response = result.response as { body: Readable };
        for await (const _ of response.body);
        response.body = Readable.from([
          Buffer.from(
            JSON.stringify({ UnprocessedItems: { [table]: requests.slice(keep.length) } }),
          ),
        ]);
        return result;
      }
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'injectFaults' },
  );
  return seen;
}

let stack: TestStack;
let file: string;

// The stack stops after the file's tests; if it failed to start, there is nothing to stop.
beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
beforeAll(async () => {
  const rows = Array.from({ length: 600 }, (_, i) => {
    const admitted = i % 5 !== 0;
    return [
      '2024-06',
      'aix-marseille',
      String(24100000000 + i),
      'DURAND',
      'Camille',
      '14/02/2006',
      '0130040Y',
      '13',
      'BCG',
      '',
      '1',
      admitted ? 'ADMIS' : 'AJOURNE',
      admitted ? 'AB' : '',
      admitted ? '12,75' : '6,50',
      i % 2 ? 'O' : 'N',
      'J013-01',
      '2024-07-05T14:30:00+02:00',
    ].join(';');
  });
  file = join(await mkdtemp(join(tmpdir(), 'publibac-')), 'decisions.csv');
  await writeFile(file, `${CSV_V1_COLUMNS.join(';')}\n${rows.join('\n')}\n`);
});

describe('ingest under injected throttling and UnprocessedItems', () => {
  it('writes exactly what a fault-free ingest writes', async () => {
    const table = stack.env.PUBLIBAC_DECISIONS_TABLE!;
    const clock = fixedClock('2024-07-06T08:00:00Z');
    const plain = dynamoClientFor(stack.env);

    const clean = await ingestDecisions(
      { store: new DynamoDecisionStore({ client: plain, tableName: table }), clock },
      await fileSource(file),
    );
    const expected = await tableSnapshot(plain, table);
    await clearTable(plain, table);

    const faulty = dynamoClientFor(stack.env, { maxAttempts: 1 });
    const seen = withFaults(faulty);
    const store = new DynamoDecisionStore({
      client: faulty,
      tableName: table,
      writeOptions: { sleep: async () => {} },
    });
    const summary = await ingestDecisions({ store, clock }, await fileSource(file));

    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.partial).toBeGreaterThan(0);
    expect(summary).toEqual(clean);
    expect(summary.written).toBe(600);
    const after = await tableSnapshot(plain, table);
    expect(after).toBe(expected);
    expect(JSON.parse(after)).toHaveLength(600);
  });
});
