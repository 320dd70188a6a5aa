import { userInfo } from 'node:os';
import { dynamoDocumentClient } from '../adapters/dynamodb/client.js';
import { controlTableAdapters } from '../adapters/dynamodb/control-adapters.js';
import { DynamoArmTriggers } from '../adapters/dynamodb/arm-triggers.dynamodb.js';
import { DynamoEdgeKeyValueStore } from '../adapters/dynamodb/edge-kvs.dynamodb.js';
import { LocalCdnInvalidator } from '../adapters/local-cdn-invalidator.js';
import { s3Client } from '../adapters/s3/client.js';
import { S3ReleaseStorage } from '../adapters/s3/release-writer.s3.js';
import { ConfigError } from '../config.js';
import { systemClock } from '../ports/clock.port.js';
import type { PublicationDeps } from '../publication/publication.deps.js';
import { awsContext, type AwsContext } from './aws-context.js';

export interface PublicationContext extends AwsContext {
  deps: PublicationDeps;
  triggers: DynamoArmTriggers;
  /** Who is acting, for the audit log: PUBLIBAC_ACTOR, else the OS user. */
  actor: string;
}

/**
 * The publication use cases' adapters for the CLI. The edge pointer store
 * and the arm triggers are the local stand-ins (tables of the local stack);
 * against AWS they are the CloudFront KeyValueStore and EventBridge
 * Scheduler, which the deployed functions use (infra/).
 */
export function publicationContext(): PublicationContext {
  const ctx = awsContext();
  const kvsTable = process.env.PUBLIBAC_EDGE_KVS_TABLE;
  if (!kvsTable) {
    throw new ConfigError('No edge pointer store: PUBLIBAC_EDGE_KVS_TABLE is unset. Start the local stack (publibac local); on AWS, publication runs in the deployed functions.');
  }
  const client = dynamoDocumentClient();
  const tableName = ctx.config.tables.control;
  const triggers = new DynamoArmTriggers({ client, tableName });
  return {
    ...ctx,
    triggers,
    actor: process.env.PUBLIBAC_ACTOR || userInfo().username,
    deps: {
      decisions: ctx.store,
      ...controlTableAdapters(client, tableName),
      storage: new S3ReleaseStorage({ client: s3Client(), bucket: ctx.config.buckets.site }),
      kvs: new DynamoEdgeKeyValueStore({ client, tableName: kvsTable }),
      scheduler: triggers,
      clock: systemClock,
      // The local CDN keeps no cache; on AWS the deployed functions invalidate CloudFront.
      invalidator: new LocalCdnInvalidator(),
    },
  };
}
