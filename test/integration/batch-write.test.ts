import { Readable } from 'node:stream';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batchWriteAll, BatchWriteError } from '../../shared/adapters/dynamodb/batch-write.js';
import { clearTable } from '../support/clear-table.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../support/local-stack.js';

/**
 * Faults the emulator cannot produce, injected at the HTTP layer of the real
 * SDK (just inside its deserializer): a partial batch is really sent short
 * and answered with the rest as UnprocessedItems, and throttling or a 500 is
 * an HTTP response the SDK parses into its own error, as from AWS. The
 * clients here have SDK retries off (maxAttempts 1), so batchWriteAll's own
 * retries are what is tested.
 */
type Fault = 'pass' | 'unprocessed' | 'throttle' | 'server-error';

const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.0' };
const errorResponse = (statusCode: number, type: string, message: string) => ({
  statusCode,
  headers: JSON_HEADERS,
  body: Readable.from([
    Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message })),
  ]),
});

/**
 * Decides each call's fate from the first item it carries (its `n`) and how many calls started with
 * that item.
 */
type Plan = (firstItem: number, attempt: number) => Fault;

function faultyClient(env: Record<string, string>, plan: Plan) {
  const client = dynamoClientFor(env, { maxAttempts: 1 });
  const seen = { pass: 0, unprocessed: 0, throttle: 0, 'server-error': 0 };
  const attempts = new Map<number, number>();
  // Low priority in the deserialize step: inside the SDK's deserializer, so it sees raw HTTP.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as {
        body: string | Uint8Array;
        headers: Record<string, string>;
      };
      const text =
        typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      const body = JSON.parse(text) as {
        RequestItems: Record<string, { PutRequest: { Item: { n: { N: string } } } }[]>;
      };
      const [table, requests] = Object.entries(body.RequestItems)[0]!;
      const first = Number(requests[0]!.PutRequest.Item.n.N);
      const attempt = (attempts.get(first) ?? 0) + 1;
      attempts.set(first, attempt);
      const fault = plan(first, attempt);
      seen[fault] += 1;
      if (fault === 'throttle')
        return {
          response: errorResponse(
            400,
            'ThrottlingException',
            'Rate of requests exceeds the allowed throughput.',
          ),
        };
      if (fault === 'server-error')
        return { response: errorResponse(500, 'InternalServerError', 'Internal server error') };
      if (fault === 'pass') return next(args);
      // Send only the first half; answer the second half as unprocessed.
      const keep = requests.slice(0, Math.floor(requests.length / 2));
      const unprocessed = () =>
        Readable.from([
          Buffer.from(
            JSON.stringify({ UnprocessedItems: { [table]: requests.slice(keep.length) } }),
          ),
        ]);
      // DynamoDB rejects an empty batch: a lone item is answered without a call.
      if (keep.length === 0)
        return { response: { statusCode: 200, headers: JSON_HEADERS, body: unprocessed() } };
      request.body = JSON.stringify({ ...body, RequestItems: { [table]: keep } });
      request.headers['content-length'] = String(Buffer.byteLength(request.body));
      const result = await next(args);
      const response = result.response as { body: Readable };
      for await (const _ of response.body); // drain the real answer, free the socket
      response.body = unprocessed();
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'injectFaults' },
  );
  return { client, seen };
}

let stack: TestStack;
let client: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  stack = await startTestStack();
  client = dynamoClientFor(stack.env);
  table = stack.env.PUBLIBAC_DECISIONS_TABLE!;
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    client.destroy();
    await stack.stop();
  };
});
beforeEach(async () => clearTable(client, table));

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    pk: `batch#${i % 7}`,
    sk: String(i).padStart(6, '0'),
    nom: `NOM-${i}`,
    n: i,
  }));

async function scanAll(): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    all.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return all.sort((a, b) => Number(a.n) - Number(b.n));
}

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe('batchWriteAll', () => {
  it('writes every item exactly once through partial batches, throttling and 500s', async () => {
    // First attempts fault in a mix, some second ones too, then calls pass: a burst that subsides.
    const kinds = ['unprocessed', 'throttle', 'pass', 'server-error'] as const;
    const { client: faulty, seen } = faultyClient(stack.env, (n, attempt) =>
      attempt === 1 ? kinds[n % 4]! : attempt === 2 && n % 3 === 0 ? 'throttle' : 'pass',
    );
    const wanted = items(1_000);
    const { sleeps, sleep } = recorder();
    await batchWriteAll(faulty, table, wanted, { sleep, random: () => 0.5, maxAttempts: 20 });
    faulty.destroy();

    expect(seen.unprocessed).toBeGreaterThan(10);
    expect(seen.throttle).toBeGreaterThan(5);
    expect(seen['server-error']).toBeGreaterThan(5);
    // One backoff per faulted call, each half its ceiling (random 0.5, base 50 ms, cap 5 s).
    expect(sleeps).toHaveLength(seen.unprocessed + seen.throttle + seen['server-error']);
    const halfCeilings = Array.from({ length: 20 }, (_, k) => Math.min(5_000, 50 * 2 ** k) / 2);
    for (const ms of sleeps) expect(halfCeilings).toContain(ms);
    expect(await scanAll()).toEqual(wanted);
  });

  it('backs off exponentially with full jitter, capped', async () => {
    const { client: faulty } = faultyClient(stack.env, () => 'throttle');
    const { sleeps, sleep } = recorder();
    const error = await batchWriteAll(faulty, table, items(3), {
      sleep,
      random: () => 0.999,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      maxAttempts: 6,
    }).catch((e: unknown) => e);
    faulty.destroy();
    expect(error).toBeInstanceOf(BatchWriteError);
    expect(sleeps.map(Math.round)).toEqual([100, 200, 400, 799, 999]);
  });

  it('fails with a typed error that counts, without naming, what was not written', async () => {
    // Every call is cut in half: each retry writes half of what is left, until attempts run out.
    const { client: faulty } = faultyClient(stack.env, () => 'unprocessed');
    const wanted = items(100);
    const error = await batchWriteAll(faulty, table, wanted, {
      sleep: async () => {},
      maxAttempts: 3,
    }).catch((e: unknown) => e);
    faulty.destroy();

    expect(error).toBeInstanceOf(BatchWriteError);
    const e = error as BatchWriteError;
    expect(e.name).toBe('BatchWriteError');
    const stored = await scanAll();
    expect(stored.length).toBeGreaterThan(0);
    expect(e.unwritten).toBe(wanted.length - stored.length);
    expect(e.total).toBe(100);
    expect(e.attempts).toBe(3);
    expect(e.message).toContain(`${e.unwritten} of 100 items`);
    expect(e.message).not.toMatch(/NOM-|batch#/);
  });

  it('gives up after maxAttempts of throttling, nothing written', async () => {
    const { client: faulty, seen } = faultyClient(stack.env, () => 'throttle');
    const error = await batchWriteAll(faulty, table, items(60), {
      sleep: async () => {},
      maxAttempts: 4,
      concurrency: 1,
    }).catch((e: unknown) => e);
    faulty.destroy();
    expect(error).toBeInstanceOf(BatchWriteError);
    expect((error as BatchWriteError).unwritten).toBe(60);
    // The first batch used its 4 attempts; the others were not started.
    expect(seen.throttle).toBe(4);
    expect(await scanAll()).toEqual([]);
  });

  it('does not retry what retrying cannot fix', async () => {
    const { sleeps, sleep } = recorder();
    const error = await batchWriteAll(client, 'no-such-table', items(30), { sleep }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('ResourceNotFoundException');
    expect(sleeps).toEqual([]);
  });
});
