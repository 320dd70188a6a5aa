import { z } from 'zod';
import { cloudFrontKvsClient, CloudFrontKeyValueStore } from '../shared/adapters/aws/cloudfront-kvs.js';
import { EventBridgeArmScheduler, schedulerClient } from '../shared/adapters/aws/eventbridge-scheduler.js';
import { DynamoArmTriggers } from '../shared/adapters/dynamodb/arm-triggers.dynamodb.js';
import { controlTableAdapters } from '../shared/adapters/dynamodb/control-adapters.js';
import { dynamoDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoDecisionStore } from '../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { DynamoEdgeKeyValueStore } from '../shared/adapters/dynamodb/edge-kvs.dynamodb.js';
import { LocalCdnInvalidator } from '../shared/adapters/local-cdn-invalidator.js';
import { CloudFrontInvalidator, cloudFrontClient } from '../shared/adapters/aws/cloudfront-invalidator.js';
import type { CdnInvalidator } from '../shared/ports/cdn-invalidator.port.js';
import { s3Client } from '../shared/adapters/s3/client.js';
import { S3ReleaseStorage } from '../shared/adapters/s3/release-writer.s3.js';
import { ConfigError, loadConfig, type Config } from '../shared/config.js';
import type { ArmScheduler } from '../shared/ports/arm-scheduler.port.js';
import type { EdgeKeyValueStore } from '../shared/ports/edge-kvs.port.js';
import { systemClock } from '../shared/ports/clock.port.js';
import type { PublicationDeps } from '../shared/publication/publication.deps.js';

/**
 * Which pointer store and which scheduler: on AWS the stacks set
 * PUBLIBAC_EDGE_KVS_ARN and PUBLIBAC_SCHEDULE_GROUP (with the publish
 * function and the scheduler role); without them the handlers use the
 * local stand-ins (the edgeKvs table, triggers in the control table), so
 * the very same handlers run against the embedded emulators in tests.
 */
const EdgeEnv = z.union([
  z.object({ PUBLIBAC_EDGE_KVS_ARN: z.string().startsWith('arn:') }),
  z.object({ PUBLIBAC_EDGE_KVS_TABLE: z.string().min(1) }),
]);
const SchedulerEnv = z.object({
  PUBLIBAC_SCHEDULE_GROUP: z.string().min(1),
  PUBLIBAC_SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  /** Unset on the publish function itself (it would name itself): it passes its own ARN instead. */
  PUBLIBAC_PUBLISH_FUNCTION_ARN: z.string().startsWith('arn:').optional(),
});

export interface FunctionContext {
  config: Config;
  deps: PublicationDeps;
}

function edgeStore(env: NodeJS.ProcessEnv): EdgeKeyValueStore {
  const parsed = EdgeEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError('No edge pointer store: set PUBLIBAC_EDGE_KVS_ARN (AWS) or PUBLIBAC_EDGE_KVS_TABLE (local stack).');
  return 'PUBLIBAC_EDGE_KVS_ARN' in parsed.data
    ? new CloudFrontKeyValueStore({ client: cloudFrontKvsClient(), kvsArn: parsed.data.PUBLIBAC_EDGE_KVS_ARN })
    : new DynamoEdgeKeyValueStore({ client: dynamoDocumentClient(), tableName: parsed.data.PUBLIBAC_EDGE_KVS_TABLE });
}

function armScheduler(env: NodeJS.ProcessEnv, controlTable: string, selfArn: string | undefined): ArmScheduler {
  if (!env.PUBLIBAC_SCHEDULE_GROUP) return new DynamoArmTriggers({ client: dynamoDocumentClient(), tableName: controlTable });
  const parsed = SchedulerEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Scheduler configuration incomplete: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const targetArn = parsed.data.PUBLIBAC_PUBLISH_FUNCTION_ARN ?? selfArn;
  if (!targetArn) throw new ConfigError('PUBLIBAC_PUBLISH_FUNCTION_ARN is unset and no function ARN was given');
  return new EventBridgeArmScheduler({ client: schedulerClient(), groupName: parsed.data.PUBLIBAC_SCHEDULE_GROUP, roleArn: parsed.data.PUBLIBAC_SCHEDULER_ROLE_ARN, targetArn });
}

/** The distribution's invalidations on AWS (PUBLIBAC_DISTRIBUTION_ID); the local CDN keeps no cache. */
function invalidator(env: NodeJS.ProcessEnv): CdnInvalidator {
  const distributionId = env.PUBLIBAC_DISTRIBUTION_ID;
  return distributionId ? new CloudFrontInvalidator({ client: cloudFrontClient(), distributionId }) : new LocalCdnInvalidator();
}

let cached: FunctionContext | undefined;

/**
 * The adapters of a function, built once per process (a warm Lambda keeps
 * its clients and connections). `selfArn` is the invoked function's ARN,
 * which the publish function uses as its own retry target.
 */
export function functionContext(selfArn?: string, env: NodeJS.ProcessEnv = process.env): FunctionContext {
  if (cached) return cached;
  const config = loadConfig(env);
  const client = dynamoDocumentClient();
  const tableName = config.tables.control;
  const built: FunctionContext = {
    config,
    deps: {
      decisions: new DynamoDecisionStore({ client, tableName: config.tables.decisions }),
      ...controlTableAdapters(client, tableName),
      storage: new S3ReleaseStorage({ client: s3Client(), bucket: config.buckets.site }),
      kvs: edgeStore(env),
      scheduler: armScheduler(env, tableName, selfArn),
      clock: systemClock,
      invalidator: invalidator(env),
    },
  };
  cached = built;
  return built;
}
