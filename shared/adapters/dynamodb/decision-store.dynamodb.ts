import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  paginateQuery,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DecisionVersion, slotKey } from '../../domain/decision.schema.js';
import type { DecisionStore, KnownVersion } from '../../ports/decision-store.port.js';
import { batchWriteAll, WriteSlots, type BatchWriteOptions } from './batch-write.js';
import { fnv1a32 } from '../../domain/hash.js';

/**
 * Key layout (append-only, one item per decision version):
 *   pk = `${session}#${academie}#${shard}`, shard = FNV-1a-32(numero) % 16, "00".."15"
 *   sk = `${numero}#${groupe}#${deliberation}#${digest}`
 * An académie holds tens of thousands of candidates: 16 partitions spread
 * its writes on AWS, and a reader fetches it with 16 parallel Queries. A
 * candidate always lands in the same shard, and deliberation is a
 * fixed-width UTC string, so a slot's versions are contiguous and in time
 * order. The digest in the key makes a re-append of the same version hit
 * the same item.
 */
export const SHARD_COUNT = 16;
const SHARDS = Array.from({ length: SHARD_COUNT }, (_, i) => i);

export function shardOf(numero: string): number {
  return fnv1a32(numero) % SHARD_COUNT;
}

export function partitionKey(session: string, academie: string, shard: number): string {
  return `${session}#${academie}#${String(shard).padStart(2, '0')}`;
}

export function sortKey(
  v: Pick<DecisionVersion, 'numero' | 'groupe' | 'deliberation' | 'digest'>,
): string {
  return `${v.numero}#${v.groupe}#${v.deliberation}#${v.digest}`;
}

/** What the document client would make of a value, or undefined when it is not that simple. */
function attributeOf(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      // The SDK refuses NaN, infinities and integers beyond 2^53: those go its way, to be refused.
      return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
        ? { N: value.toString() }
        : undefined;
    case 'object': {
      if (value === null) return { NULL: true };
      if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
      const M = mapOf(value as Record<string, unknown>);
      return M && { M };
    }
    default:
      return undefined;
  }
}

function mapOf(object: Record<string, unknown>): Record<string, AttributeValue> | undefined {
  const map: Record<string, AttributeValue> = {};
  for (const key in object) {
    const value = object[key];
    if (value === undefined) continue; // removeUndefinedValues, as the client is set up
    const attribute = attributeOf(value);
    if (!attribute) return undefined;
    map[key] = attribute;
  }
  return map;
}

/**
 * The item of one decision version, in DynamoDB's own form (AttributeValue maps): exactly what
 * the document client (client.ts: removeUndefinedValues) would send for `{ pk, sk, ...v }`. Built
 * here because the client's generic conversion (type probes and copies for every attribute) was
 * about a third of the writer's SDK CPU per item once the log filter was gone (client.ts;
 * measured, issue 14), CPU taken from the emulator it shares the machine with. A version is flat
 * text, numbers, booleans and nulls, plus its source; undefined for anything else (never a valid
 * version), which is then left to the document client, errors included.
 */
export function decisionItem(v: DecisionVersion): Record<string, AttributeValue> | undefined {
  return mapOf(documentItem(v));
}

/** The item as the document client takes it. */
function documentItem(v: DecisionVersion): Record<string, unknown> {
  return { pk: partitionKey(v.session, v.academie, shardOf(v.numero)), sk: sortKey(v), ...v };
}

/** A sort key read back; numero cannot contain '#' (format v1: [0-9A-Z]). */
const SortKey = z
  .string()
  .regex(/^[^#]+#[12]#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f]{16}$/)
  .transform((sk) => {
    const [numero = '', groupe = '', deliberation = '', digest = ''] = sk.split('#');
    return { slot: `${numero}#${groupe}`, deliberation, digest };
  });
const KeyOnlyItem = z.object({ sk: SortKey });

const byDeliberation = (a: { deliberation: string }, b: { deliberation: string }) =>
  a.deliberation < b.deliberation ? -1 : a.deliberation > b.deliberation ? 1 : 0;

/** Calls in flight when the table's capacity is not configured (batch-write.ts's default). */
const DEFAULT_CONCURRENCY = 8;

export class DynamoDecisionStore implements DecisionStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly writeOptions: BatchWriteOptions & { slots: WriteSlots };

  constructor(deps: {
    client: DynamoDBDocumentClient;
    tableName: string;
    writeOptions?: BatchWriteOptions;
  }) {
    this.client = deps.client;
    this.tableName = deps.tableName;
    const options = deps.writeOptions ?? {};
    // One budget of calls in flight for all of this store's appends, even several at once.
    const slots = options.slots ?? new WriteSlots(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.writeOptions = { ...options, slots, concurrency: slots.size };
  }

  async knownVersions(session: string, academie: string): Promise<Map<string, KnownVersion[]>> {
    // Both fields are in the sort key: reading `sk` alone keeps the read small.
    const known = new Map<string, KnownVersion[]>();
    for (const shard of await this.queryShards(session, academie, { ProjectionExpression: 'sk' })) {
      for (const item of shard) {
        const { slot, deliberation, digest } = KeyOnlyItem.parse(item).sk;
        const list = known.get(slot);
        if (list) list.push({ deliberation, digest });
        else known.set(slot, [{ deliberation, digest }]);
      }
    }
    for (const list of known.values()) list.sort(byDeliberation);
    return known;
  }

  async appendVersions(versions: readonly DecisionVersion[]): Promise<void> {
    // Plain puts, no condition: an item's key includes its digest, so a put of
    // a stored key writes back the same decision (idempotent). One put per key:
    // BatchWriteItem rejects a batch that names a key twice.
    const items = new Map<string, Record<string, AttributeValue>>();
    for (const v of versions) {
      const item = decisionItem(v);
      if (!item) return this.appendDocuments(versions);
      items.set(`${item.pk?.S ?? ''}\n${item.sk?.S ?? ''}`, item);
    }
    await batchWriteAll(this.client, this.tableName, [...items.values()], {
      ...this.writeOptions,
      marshalled: true,
    });
  }

  /** The same through the document client's conversion, for what decisionItem leaves to it. */
  private async appendDocuments(versions: readonly DecisionVersion[]): Promise<void> {
    const items = new Map<string, Record<string, unknown>>();
    for (const v of versions) {
      const item = documentItem(v);
      items.set(`${String(item.pk)}\n${String(item.sk)}`, item);
    }
    await batchWriteAll(this.client, this.tableName, [...items.values()], this.writeOptions);
  }

  async currentDecisions(session: string, academie: string): Promise<DecisionVersion[]> {
    const current = new Map<string, DecisionVersion>();
    for (const shard of await this.queryShards(session, academie)) {
      for (const item of shard) {
        const v = DecisionVersion.parse(item);
        const slot = slotKey(v);
        const held = current.get(slot);
        // Ties cannot come from ingest (it refuses two decisions with one deliberation); sk order
        // breaks them.
        if (!held || v.deliberation >= held.deliberation) current.set(slot, v);
      }
    }
    return [...current.values()];
  }

  async candidateHistory(
    session: string,
    academie: string,
    numero: string,
  ): Promise<DecisionVersion[]> {
    const items = await this.queryShard(partitionKey(session, academie, shardOf(numero)), {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':prefix': `${numero}#` },
    });
    return items
      .map((item) => DecisionVersion.parse(item))
      .sort((a, b) => byDeliberation(a, b) || a.groupe - b.groupe);
  }

  private queryShards(session: string, academie: string, extra: Partial<QueryCommandInput> = {}) {
    return Promise.all(
      SHARDS.map((shard) => this.queryShard(partitionKey(session, academie, shard), extra)),
    );
  }

  /** Every item of one partition (or of a key range in it), all pages. */
  private async queryShard(
    pk: string,
    extra: Partial<QueryCommandInput>,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ...extra,
        ExpressionAttributeValues: { ':pk': pk, ...extra.ExpressionAttributeValues },
        // Strongly consistent: an ingest reads what the previous one just wrote (group 2 after
        // group 1).
        ConsistentRead: true,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}
