import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * The one description of the project's tables, as plain data: the local
 * stack creates tables from it, and the CDK stacks are to build their
 * `Table` constructs from it, so the emulator and AWS cannot drift apart.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface GlobalIndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  /** CDK construct id. */
  logicalId: string;
  /** Physical name is `<prefix>-<nameSuffix>` locally; CDK generates its own on AWS. */
  nameSuffix: string;
  /**
   * Variable through which functions and the CLI learn the physical name (see shared/config.ts).
   */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes: readonly GlobalIndexDefinition[];
  /** On demand: traffic is a few bursts a year (ingest nights, 10:00 on results day). */
  billingMode: 'PAY_PER_REQUEST';
  /** Stands in locally for a service that has no emulator here; AWS needs no such table. */
  localOnly?: boolean;
  /** Encrypted on AWS with a KMS key of its own, whose use is granted function by function. */
  customerManagedKey?: boolean;
}

export const TABLES = {
  /** Decision versions; key layout in decision-store.dynamodb.ts. */
  decisions: {
    logicalId: 'DecisionsTable',
    nameSuffix: 'decisions',
    envVar: 'PUBLIBAC_DECISIONS_TABLE',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [],
    billingMode: 'PAY_PER_REQUEST',
  },
  /**
   * Small, rarely-written records of the rectorat's side, one item family per
   * pk prefix: publication plans and their state, the audit log, fraud
   * flags, takedowns, releases rendered, imported previous figures.
   * Kept apart from the decisions so that a scan of either stays cheap.
   */
  control: {
    logicalId: 'ControlTable',
    nameSuffix: 'control',
    envVar: 'PUBLIBAC_CONTROL_TABLE',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [],
    billingMode: 'PAY_PER_REQUEST',
  },
  /**
   * The private lookup's secrets, apart from everything else because they
   * open every result: per académie and session the lookup parameters, the
   * access-code secret, and each candidate's derived root
   * (lookup-keys.dynamodb.ts). On AWS it is encrypted with a key of its own
   * (customer-managed KMS) and only the functions that render (render,
   * publish, fraud) may read it: never the admin API.
   */
  keys: {
    logicalId: 'KeysTable',
    nameSuffix: 'keys',
    envVar: 'PUBLIBAC_KEYS_TABLE',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [],
    billingMode: 'PAY_PER_REQUEST',
    customerManagedKey: true,
  },
  /** Local stand-in for the CloudFront KeyValueStore of edge pointers; see edge-kvs.dynamodb.ts. */
  edgeKvs: {
    logicalId: 'EdgeKvsTable',
    nameSuffix: 'edge-kvs',
    envVar: 'PUBLIBAC_EDGE_KVS_TABLE',
    partitionKey: { name: 'pk', type: 'S' },
    globalSecondaryIndexes: [],
    billingMode: 'PAY_PER_REQUEST',
    localOnly: true,
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;
export type TableNames = Record<TableKey, string>;

/**
 * Local physical names; spelled out per table so that a new table without a name fails to compile.
 */
export function tableNames(prefix: string): TableNames {
  return {
    decisions: `${prefix}-${TABLES.decisions.nameSuffix}`,
    control: `${prefix}-${TABLES.control.nameSuffix}`,
    keys: `${prefix}-${TABLES.keys.nameSuffix}`,
    edgeKvs: `${prefix}-${TABLES.edgeKvs.nameSuffix}`,
  };
}

export function createTableInput(def: TableDefinition, tableName: string): CreateTableCommandInput {
  const keys = (pk: KeyAttribute, sk?: KeyAttribute) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  const attributes = new Map<string, KeyAttribute>();
  for (const a of [
    def.partitionKey,
    def.sortKey,
    ...def.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ]) {
    if (a) attributes.set(a.name, a);
  }
  return {
    TableName: tableName,
    BillingMode: def.billingMode,
    KeySchema: keys(def.partitionKey, def.sortKey),
    AttributeDefinitions: [...attributes.values()].map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    ...(def.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: keys(g.partitionKey, g.sortKey),
        Projection: { ProjectionType: g.projection },
      })),
    }),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Creates every table that does not exist yet and waits until all are ACTIVE. Safe to run on every
 * start.
 */
export async function createTables(
  client: DynamoDBClient,
  names: TableNames,
  timeoutMs = 30_000,
): Promise<void> {
  await Promise.all(
    (Object.keys(TABLES) as TableKey[]).map(async (key) => {
      const TableName = names[key];
      try {
        await client.send(new CreateTableCommand(createTableInput(TABLES[key], TableName)));
      } catch (err) {
        // Already there (a restart on a persistent data directory): keep its data.
        if (!(err instanceof ResourceInUseException)) throw err;
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName }));
        if (Table?.TableStatus === 'ACTIVE') return;
        if (Date.now() > deadline)
          throw new Error(`Table ${TableName} not ACTIVE after ${timeoutMs} ms`);
        await sleep(50);
      }
    }),
  );
}
