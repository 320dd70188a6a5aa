import { Duration } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config.js';

/**
 * Every bucket of the project: no public access, encrypted (S3-managed
 * keys: no KMS grants to hand out, and the site's objects are public once
 * published anyway), TLS only, versioned, removal by stage.
 */
export function privateBucket(
  scope: Construct,
  id: string,
  config: StageConfig,
  props: BucketProps = {},
): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: config.removalPolicy,
    ...props,
  });
}

/** Where a stack's buckets (and its distribution) write their access logs: kept `accessLogDays`. */
export function accessLogBucket(
  scope: Construct,
  id: string,
  config: StageConfig,
  objectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership,
    removalPolicy: config.removalPolicy,
    lifecycleRules: [{ expiration: Duration.days(config.accessLogDays) }],
  });
}
