// The one place where ports meet adapters: the Lambda functions, the CLI and
// the tests all build their dependencies here, from a validated
// configuration (shared/config.ts). A port whose capability the process was
// not given answers every call with a ConfigError that names it: the admin
// API, for one, is never wired to the lookup keys.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CloudFrontInvalidator, cloudFrontClient } from './adapters/aws/cloudfront-invalidator.js';
import { CloudFrontKeyValueStore, cloudFrontKvsClient } from './adapters/aws/cloudfront-kvs.js';
import { EventBridgeArmScheduler, schedulerClient } from './adapters/aws/eventbridge-scheduler.js';
import { DynamoArmTriggers } from './adapters/dynamodb/arm-triggers.dynamodb.js';
import { dynamoDocumentClient } from './adapters/dynamodb/client.js';
import { controlTableAdapters } from './adapters/dynamodb/control-adapters.js';
import { DynamoDecisionStore } from './adapters/dynamodb/decision-store.dynamodb.js';
import { DynamoEdgeKeyValueStore } from './adapters/dynamodb/edge-kvs.dynamodb.js';
import { DynamoLookupKeyStore } from './adapters/dynamodb/lookup-keys.dynamodb.js';
import { LocalCdnInvalidator } from './adapters/local-cdn-invalidator.js';
import { s3Client } from './adapters/s3/client.js';
import { S3ReleaseReplica, replicaS3Client } from './adapters/s3/release-replica.s3.js';
import { S3ReleaseStorage } from './adapters/s3/release-writer.s3.js';
import {
  ConfigError,
  optionalSetting,
  setting,
  type Capability,
  type RuntimeConfig,
} from './config.js';
import {
  parseWriteCapacity,
  writeConcurrency,
  type TableWriteCapacity,
} from './ingest/write-concurrency.js';
import type { DueTriggers } from './ports/arm-scheduler.port.js';
import { systemClock, type Clock } from './ports/clock.port.js';
import type { PublicationDeps } from './publication/publication.deps.js';

export interface CompositionOptions {
  clock?: Clock;
  /**
   * Clients to use instead of the process's own (tests point them at their stack, or inject
   * faults).
   */
  clients?: { dynamo?: DynamoDBDocumentClient; s3?: S3Client; replicaS3?: S3Client };
  /** Adapters to use instead of the ones built (tests only). */
  overrides?: Partial<PublicationDeps>;
}

export interface Composed {
  config: RuntimeConfig;
  deps: PublicationDeps;
  /**
   * Local mode: the triggers the in-process scheduler fires (EventBridge Scheduler does it on AWS).
   */
  triggers: DueTriggers | null;
  clients: { dynamo: DynamoDBDocumentClient; s3: S3Client };
}

/**
 * A stand-in that refuses: every method throws. Used for a port the process
 * has no capability for, so that reaching it is a loud error naming what is
 * missing, never a silent local substitute.
 */
// T is the port the caller expects: one Proxy stands in for any of them, which is the point.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
function unavailable<T extends object>(port: string, capability: Capability): T {
  const refuse = () => {
    throw new ConfigError(
      `${port} is not available to this process (capability "${capability}" not configured)`,
    );
  };
  // A Proxy so that any method of the port refuses, whatever its interface.
  return new Proxy({}, { get: (_target, prop) => (prop === 'then' ? undefined : refuse) }) as T;
}

export function compose(config: RuntimeConfig, options: CompositionOptions = {}): Composed {
  const has = (c: Capability) => config.capabilities.has(c);
  const aws = config.mode === 'aws';
  const dynamo = options.clients?.dynamo ?? dynamoDocumentClient();
  const s3 = options.clients?.s3 ?? s3Client();
  const table = (c: Capability, name: string) => ({
    client: dynamo,
    tableName: setting(config, c, name),
  });

  const control = has('control')
    ? controlTableAdapters(dynamo, setting(config, 'control', 'PUBLIBAC_CONTROL_TABLE'))
    : undefined;
  const writeCapacity = readWriteCapacity(config);
  // Optional: without a replica bucket, arming checks the primary bucket only.
  const replicaBucket = optionalSetting(config, 'replica', 'PUBLIBAC_SITE_REPLICA_BUCKET');
  const localTriggers =
    !aws && has('scheduler')
      ? new DynamoArmTriggers(table('scheduler', 'PUBLIBAC_CONTROL_TABLE'))
      : null;
  const deps: PublicationDeps = {
    decisions: has('decisions')
      ? new DynamoDecisionStore({
          ...table('decisions', 'PUBLIBAC_DECISIONS_TABLE'),
          ...(writeCapacity && { writeOptions: { concurrency: writeConcurrency(writeCapacity) } }),
        })
      : unavailable('the decision store', 'decisions'),
    publications: control?.publications ?? unavailable('the publication store', 'control'),
    audit: control?.audit ?? unavailable('the audit log', 'control'),
    fraud: control?.fraud ?? unavailable('the fraud procedures', 'control'),
    figures: control?.figures ?? unavailable('the previous figures', 'control'),
    approvals: control?.approvals ?? unavailable('the approval requests', 'control'),
    lookupKeys: has('keys')
      ? new DynamoLookupKeyStore(table('keys', 'PUBLIBAC_KEYS_TABLE'))
      : unavailable('the lookup keys', 'keys'),
    storage: has('site')
      ? new S3ReleaseStorage({
          client: s3,
          bucket: setting(config, 'site', 'PUBLIBAC_SITE_BUCKET'),
        })
      : unavailable('the site bucket', 'site'),
    kvs: !has('pointers')
      ? unavailable('the pointer store', 'pointers')
      : aws
        ? new CloudFrontKeyValueStore({
            client: cloudFrontKvsClient(),
            kvsArn: setting(config, 'pointers', 'PUBLIBAC_EDGE_KVS_ARN'),
          })
        : new DynamoEdgeKeyValueStore(table('pointers', 'PUBLIBAC_EDGE_KVS_TABLE')),
    scheduler: !has('scheduler')
      ? unavailable('the scheduler', 'scheduler')
      : (localTriggers ??
        new EventBridgeArmScheduler({
          client: schedulerClient(),
          groupName: setting(config, 'scheduler', 'PUBLIBAC_SCHEDULE_GROUP'),
          roleArn: setting(config, 'scheduler', 'PUBLIBAC_SCHEDULER_ROLE_ARN'),
          targetArn: setting(config, 'scheduler', 'PUBLIBAC_PUBLISH_FUNCTION_ARN'),
        })),
    invalidator: !has('invalidations')
      ? unavailable('the CDN invalidations', 'invalidations')
      : aws
        ? new CloudFrontInvalidator({
            client: cloudFrontClient(),
            distributionId: setting(config, 'invalidations', 'PUBLIBAC_DISTRIBUTION_ID'),
          })
        : // The local CDN keeps no cache: nothing to invalidate, and its invalidations complete at
          // once.
          new LocalCdnInvalidator(),
    clock: options.clock ?? systemClock,
    ...(replicaBucket && {
      replica: new S3ReleaseReplica({
        // A test's own S3 client reaches the replica too: both buckets are on its emulator.
        client: options.clients?.replicaS3 ?? options.clients?.s3 ?? replicaS3Client(),
        bucket: replicaBucket,
      }),
    }),
    ...options.overrides,
  };
  return { config, deps, triggers: localTriggers, clients: { dynamo, s3 } };
}

/** The decisions table's capacity, if the stacks set it; malformed, a ConfigError naming it. */
function readWriteCapacity(config: RuntimeConfig): TableWriteCapacity | undefined {
  const name = 'PUBLIBAC_DECISIONS_WRITE_CAPACITY';
  try {
    return parseWriteCapacity(optionalSetting(config, 'decisions', name));
  } catch (e) {
    throw new ConfigError(`${name} is not a table capacity: ${(e as Error).message}`);
  }
}
