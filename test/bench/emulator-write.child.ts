// Child process of the benchmark: the embedded DynamoDB emulator's own
// BatchWriteItem rate, the ceiling any ingest into it can reach. Items are
// decision versions made into items by the decision store's own decisionItem
// (same keys, same attributes, same DynamoDB form, source included: the
// emulator's cost grows with an item's attributes and size, so the ingest is
// compared with items of its own shape), put with raw BatchWriteItem calls
// (25 items, `concurrency` in flight) built as the store builds them
// (batchWriteCommand, through the project's client, which logs nothing:
// client.ts), so that this client costs what the ingest's costs per item and
// the two share the machine's cores alike; under a session of their own so
// they do not mix with the ingest's. The items are made before the clock
// starts.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { batchWriteCommand } from '../../shared/adapters/dynamodb/batch-write.js';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { decisionItem } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { dynamoClientFor } from '../support/local-stack.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [count, concurrency] = [Number(process.argv[2] ?? 30_000), Number(process.argv[3] ?? 8)];
const env = process.env as Record<string, string>;
const client = dynamoClientFor(env);
const table = env.PUBLIBAC_DECISIONS_TABLE!;
const items = generatedDecisions('aix-marseille', count, '2099-06').map((d) => {
  const item = decisionItem({
    ...d,
    digest: decisionDigest(d),
    source: {
      file: 'bench.csv',
      sha256: '0'.repeat(64),
      line: 2,
      ingestedAt: '2099-07-04T08:00:00.000Z',
    },
  });
  if (!item) throw new Error('a generated decision the store cannot write as is');
  return item;
});
const batches: (typeof items)[] = [];
for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));

const started = performance.now();
let next = 0;
const lane = async () => {
  for (let b = batches[next++]; b; b = batches[next++]) {
    let pending: Record<string, AttributeValue>[] = b;
    while (pending.length > 0) {
      const out = await client.send(batchWriteCommand(table, pending, { marshalled: true }));
      pending = (out.UnprocessedItems?.[table] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [r.PutRequest.Item as Record<string, AttributeValue>] : [],
      );
    }
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage();
const cpuSeconds = (user + system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ items: items.length, seconds, concurrency, cpuSeconds })}\n`,
);
