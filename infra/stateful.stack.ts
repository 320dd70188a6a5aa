import { Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLES, type KeyAttribute, type TableDefinition, type TableKey } from '../shared/adapters/dynamodb/tables.js';
import type { StageConfig } from './stage-config.js';

const ATTRIBUTE_TYPE: Record<KeyAttribute['type'], AttributeType> = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY };
type AwsTableKey = Exclude<TableKey, 'edgeKvs'>;
const key = (k: KeyAttribute) => ({ name: k.name, type: ATTRIBUTE_TYPE[k.type] });

/**
 * Stateful resources, apart from the functions that use them: tables built
 * from the same definitions the local stack creates (shared/adapters/dynamodb/tables.ts).
 * Buckets, the distribution and the functions come with the AWS deployment issue.
 */
export class StatefulStack extends Stack {
  readonly tables: Record<AwsTableKey, TableV2>;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
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
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.config.deletionProtection,
        removalPolicy: props.config.removalPolicy,
      });
    // Local-only tables stand in for services AWS provides (edgeKvs: the CloudFront KeyValueStore).
    const onAws = Object.entries(TABLES).filter(([, def]: [string, TableDefinition]) => !def.localOnly);
    this.tables = Object.fromEntries(onAws.map(([name, def]) => [name, table(def)])) as Record<AwsTableKey, TableV2>;
  }
}
