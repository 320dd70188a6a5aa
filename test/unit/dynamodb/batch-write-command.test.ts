// The batch writer's calls, against a client whose HTTP handler answers at
// once (what the emulator cannot show: the request as sent, and what the
// SDK's logger is given): what goes over the wire, and nothing for the
// logger (decisions are personal data).
import { Readable } from 'node:stream';
import type { Logger } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { batchWriteCommand } from '../../../shared/adapters/dynamodb/batch-write.js';
import { createDynamoDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import {
  decisionItem,
  DynamoDecisionStore,
} from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { DecisionVersion } from '../../../shared/domain/decision.schema.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';

const versions: DecisionVersion[] = syntheticDecisions('nice', '2024-06', 30, 4).map((d) => ({
  ...d,
  digest: decisionDigest(d),
  source: { file: 'nice.csv', sha256: 'b'.repeat(64), line: 2, ingestedAt: '2024-07-06T08:00Z' },
}));

/** A client that records each request body and what its logger is told, and writes everything. */
function recordingClient() {
  const bodies: { RequestItems: Record<string, { PutRequest: { Item: unknown } }[]> }[] = [];
  const logged: unknown[] = [];
  const logger: Logger = {
    debug: () => {},
    info: (entry: unknown) => logged.push(entry),
    warn: () => {},
    error: (entry: unknown) => logged.push(entry),
  };
  const client = createDynamoDocumentClient({
    endpoint: 'http://127.0.0.1:1',
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    logger,
    requestHandler: {
      handle: async (request: { body: string | Uint8Array }) => {
        const text =
          typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString();
        bodies.push(JSON.parse(text) as (typeof bodies)[number]);
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from('{"UnprocessedItems":{}}')]),
          },
        };
      },
    } as never,
  });
  return { client, bodies, logged };
}

describe('batchWriteCommand', () => {
  it('sends the same items either way, and no SDK logger is given any of them', async () => {
    const { client, bodies, logged } = recordingClient();
    const doc = versions.slice(0, 3).map((v) => ({ pk: 'p', sk: v.numero, ...v }));
    await client.send(batchWriteCommand('t', doc, { marshalled: false }));
    const items = versions.slice(0, 4).map((v) => decisionItem(v)!);
    await client.send(batchWriteCommand('t', items, { marshalled: true }));

    expect(bodies.map((b) => b.RequestItems.t!.length)).toEqual([3, 4]);
    // The same item on the wire either way: the document one converted by the client.
    expect(bodies[1]!.RequestItems.t![0]!.PutRequest.Item).toEqual(items[0]);
    // The client has no logger middleware (client.ts), even with a logger configured.
    expect(logged).toEqual([]);
  });
});

describe('DynamoDecisionStore.appendVersions', () => {
  it('writes what decisionItem makes, and leaves the rest to the document client', async () => {
    const { client, bodies } = recordingClient();
    const store = new DynamoDecisionStore({ client, tableName: 't' });
    await store.appendVersions(versions);
    const sent = bodies.flatMap((b) => b.RequestItems.t!.map((r) => r.PutRequest.Item));
    expect(sent).toEqual(versions.map((v) => decisionItem(v)));

    // Not a valid version: the client's conversion, a set as a set, and its refusals.
    bodies.length = 0;
    const odd = { ...versions[0]!, jury: new Set(['J1']) } as unknown as DecisionVersion;
    await store.appendVersions([odd]);
    expect(bodies[0]!.RequestItems.t![0]!.PutRequest.Item).toMatchObject({ jury: { SS: ['J1'] } });
    const refused = { ...versions[0]!, source: new Date(0) } as unknown as DecisionVersion;
    await expect(store.appendVersions([refused])).rejects.toThrow(/Unsupported type/);
  });
});
