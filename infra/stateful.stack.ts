import { Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  TABLES,
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
} from '../shared/adapters/dynamodb/tables.js';
import { accessLogBucket, privateBucket } from './constructs/private-bucket.js';
import { applyFeatureFlags, bucketName, type StageConfig } from './stage-config.js';

const ATTRIBUTE_TYPE: Record<KeyAttribute['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};
type AwsTableKey = Exclude<TableKey, 'edgeKvs'>;
const key = (k: KeyAttribute) => ({ name: k.name, type: ATTRIBUTE_TYPE[k.type] });

/**
 * Stateful resources, apart from the functions that use them: tables built
 * from the same definitions the local stack creates (shared/adapters/dynamodb/tables.ts),
 * and the ingest bucket where rectorats drop decision files.
 *
 * The site bucket is not here but in the edge stack: its policy must name
 * the distribution (OAC), and the distribution must name the bucket, which
 * across two stacks is a dependency cycle. It holds only rendered releases,
 * which can be rendered again from the tables.
 */
export class StatefulStack extends Stack {
  readonly tables: Record<AwsTableKey, TableV2>;
  readonly ingestBucket: Bucket;
  /**
   * The key of the lookup keys table: a grant on the table is not enough to read it, the function
   * must be allowed this key too.
   */
  readonly keysKey: Key;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    applyFeatureFlags(this);
    this.keysKey = new Key(this, 'KeysTableKey', {
      description:
        'Publibac lookup keys table: access-code secrets and derived roots (they open every ' +
        'result)',
      enableKeyRotation: true,
      removalPolicy: props.config.removalPolicy,
    });
    const table = (def: TableDefinition) =>
      new TableV2(this, def.logicalId, {
        partitionKey: key(def.partitionKey),
        ...(def.sortKey ? { sortKey: key(def.sortKey) } : {}),
        globalSecondaryIndexes: def.globalSecondaryIndexes.map((g) => ({
          indexName: g.indexName,
          partitionKey: key(g.partitionKey),
          ...(g.sortKey ? { sortKey: key(g.sortKey) } : {}),
        })),
        billing: Billing.onDemand(),
        ...(def.customerManagedKey
          ? { encryption: TableEncryptionV2.customerManagedKey(this.keysKey) }
          : {}),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.config.deletionProtection,
        removalPolicy: props.config.removalPolicy,
      });
    // Local-only tables stand in for services AWS provides (edgeKvs: the CloudFront KeyValueStore).
    const onAws = Object.entries(TABLES).filter(
      ([, def]: [string, TableDefinition]) => !def.localOnly,
    );
    this.tables = Object.fromEntries(onAws.map(([name, def]) => [name, table(def)])) as Record<
      AwsTableKey,
      TableV2
    >;

    const logs = accessLogBucket(this, 'AccessLogs', props.config);
    // Its ObjectCreated notification to the ingest function is set up by the stateless stack (see
    // there why).
    this.ingestBucket = privateBucket(this, 'IngestBucket', props.config, {
      bucketName: bucketName(props.config, 'ingest'),
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'ingest/',
    });
  }
}
