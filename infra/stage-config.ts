import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ACADEMIES } from '../shared/domain/reference/academies.js';

/** Where the stacks go when the AWS profile names no region: Paris. */
export const DEFAULT_REGION = 'eu-west-3';
/** The site bucket's replica: Frankfurt, in the EU, far enough from Paris not to share a fault. */
export const REPLICA_REGION = 'eu-central-1';

/**
 * One typed config per stage: what differs between a developer's account and the académie's
 * production.
 */
export interface StageConfig {
  stage: 'dev' | 'prod';
  /** Data is never deleted with the stack in prod. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** Function logs: short in dev; in prod long enough to answer a complaint after the session. */
  logRetention: RetentionDays;
  /** Access logs (S3, CloudFront) expire after this many days. */
  accessLogDays: number;
  /**
   * Edge locations used: all of them in prod, for the overseas académies (La Réunion,
   * Nouvelle-Calédonie, ...).
   */
  priceClass: PriceClass;
  /**
   * Where the site bucket is replicated (S3 Replication) for the distribution to fail over to
   * when the primary region's S3 fails on results day: another EU region.
   */
  replicaRegion: string;
  /**
   * Concurrency set aside (and capped) per function for results day (docs/national-scale.md):
   * `render`, one Lambda per académie of a national render at once; `ingestWriters`, the ingests
   * that may write at once, which share the decisions table's write budget. Unset in dev: an
   * account's first quota (often 10) leaves nothing to reserve.
   */
  scale: { render?: number; ingestWriters?: number };
}

export const STAGES: Record<StageConfig['stage'], StageConfig> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    accessLogDays: 7,
    priceClass: PriceClass.PRICE_CLASS_100,
    replicaRegion: REPLICA_REGION,
    scale: {},
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_YEAR,
    accessLogDays: 365,
    priceClass: PriceClass.PRICE_CLASS_ALL,
    replicaRegion: REPLICA_REGION,
    // Every académie's render in parallel, and a few re-renders (a fraud flag, group 2) besides.
    scale: { render: ACADEMIES.length + 6, ingestWriters: 10 },
  },
};

export function stageConfig(name: unknown): StageConfig {
  if (name === undefined) return STAGES.dev;
  if (name === 'dev' || name === 'prod') return STAGES[name];
  const given = typeof name === 'string' ? name : typeof name;
  throw new Error(`unknown stage "${given}": use -c stage=dev or -c stage=prod`);
}

/** Stack names: one set per stage, so dev and prod live side by side in an account. */
export const stackName = (
  config: StageConfig,
  part: 'Stateful' | 'Edge' | 'Stateless' | 'SiteReplica' | 'SiteReplicaAccess',
) => `Publibac-${config.stage}-${part}`;

/** Names of the resources other stacks address by name: `publibac-<stage>-<part>`. */
export const resourceName = (config: StageConfig, part: string) =>
  `publibac-${config.stage}-${part}`;

/**
 * Bucket names are global: stage, account and region make them unique.
 * Named (rather than generated) so that the stateless stack grants on
 * `<name>/releases/*` without a cross-stack reference, and the policies read
 * the same in every template and in the cdk-nag acknowledgements.
 */
export const bucketName = (
  config: StageConfig,
  part: 'site' | 'ingest' | 'site-replica',
  region: string = Aws.REGION,
) => `${resourceName(config, part)}-${Aws.ACCOUNT_ID}-${region}`;

/** The site bucket's replica, named the same way from any stack (its region is fixed per stage). */
export const replicaBucketName = (config: StageConfig) =>
  bucketName(config, 'site-replica', config.replicaRegion);

/**
 * Behaviours the stacks rely on, fixed on each stack (before any child is
 * created) so that a stack built alone, as the tests do, is the one deployed.
 */
export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = {
  // S3 access logs delivered under a bucket policy (not the LogDeliveryWrite ACL, which the private
  // buckets refuse).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

export function applyFeatureFlags(scope: {
  node: { setContext(key: string, value: unknown): void };
}): void {
  for (const [key, value] of Object.entries(FEATURE_FLAGS)) scope.node.setContext(key, value);
}
