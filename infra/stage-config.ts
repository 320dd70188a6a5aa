import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Where the stacks go when the AWS profile names no region: Paris. */
export const DEFAULT_REGION = 'eu-west-3';

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
}

export const STAGES: Record<StageConfig['stage'], StageConfig> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    accessLogDays: 7,
    priceClass: PriceClass.PRICE_CLASS_100,
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_YEAR,
    accessLogDays: 365,
    priceClass: PriceClass.PRICE_CLASS_ALL,
  },
};

export function stageConfig(name: unknown): StageConfig {
  if (name === undefined) return STAGES.dev;
  if (name === 'dev' || name === 'prod') return STAGES[name];
  const given = typeof name === 'string' ? name : typeof name;
  throw new Error(`unknown stage "${given}": use -c stage=dev or -c stage=prod`);
}

/** Stack names: one set per stage, so dev and prod live side by side in an account. */
export const stackName = (config: StageConfig, part: 'Stateful' | 'Edge' | 'Stateless') =>
  `Publibac-${config.stage}-${part}`;

/** Names of the resources other stacks address by name: `publibac-<stage>-<part>`. */
export const resourceName = (config: StageConfig, part: string) =>
  `publibac-${config.stage}-${part}`;

/**
 * Bucket names are global: stage, account and region make them unique.
 * Named (rather than generated) so that the stateless stack grants on
 * `<name>/releases/*` without a cross-stack reference, and the policies read
 * the same in every template and in the cdk-nag acknowledgements.
 */
export const bucketName = (config: StageConfig, part: 'site' | 'ingest') =>
  `${resourceName(config, part)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

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
