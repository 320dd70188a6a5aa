// Child process of the benchmark: the embedded DynamoDB emulator's own
// BatchWriteItem rate, the ceiling any ingest into it can reach. Items are
// decision versions keyed and shaped as the decision store writes them, put
// with raw BatchWriteItem calls (25 items, `concurrency` in flight), under a
// session of their own so they do not mix with the ingest's.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import {
  partitionKey,
  shardOf,
  sortKey,
} from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { dynamoClientFor } from '../support/local-stack.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [count, concurrency] = [Number(process.argv[2] ?? 30_000), Number(process.argv[3] ?? 8)];
const env = process.env as Record<string, string>;
const client = dynamoClientFor(env);
const table = env.PUBLIBAC_DECISIONS_TABLE!;
const items = generatedDecisions('aix-marseille', count, '2099-06').map((d) => {
  const v = {
    ...d,
    digest: decisionDigest(d),
    source: {
      file: 'bench.csv',
      sha256: '0'.repeat(64),
      line: 2,
      ingestedAt: '2099-07-04T08:00:00.000Z',
    },
  };
  return { pk: partitionKey(v.session, v.academie, shardOf(v.numero)), sk: sortKey(v), ...v };
});
const batches: (typeof items)[] = [];
for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));

const started = performance.now();
let next = 0;
const lane = async () => {
  for (let b = batches[next++]; b; b = batches[next++]) {
    let pending: Record<string, unknown>[] = b;
    while (pending.length > 0) {
      const out = await client.send(
        new BatchWriteCommand({
          RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      pending = (out.UnprocessedItems?.[table] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [r.PutRequest.Item] : [],
      );
    }
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ items: items.length, seconds, concurrency })}\n`);
