import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket, BucketPolicy, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { accessLogBucket, privateBucket } from './constructs/private-bucket.js';
import { acknowledge } from './nag-acknowledgements.js';
import { applyFeatureFlags, replicaBucketName, type StageConfig } from './stage-config.js';

/**
 * The site bucket's replica, in the stage's replica region: what the
 * distribution falls back to when S3 fails in the primary region on results
 * day. Versioned (S3 Replication requires it at both ends); filled by the
 * replication rules of the site bucket (edge.stack.ts), never written by a
 * function. Deployed before the edge stack: S3 refuses a replication rule
 * whose destination does not exist.
 */
export class SiteReplicaStack extends Stack {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    applyFeatureFlags(this);
    const { config } = props;
    const logs = accessLogBucket(this, 'AccessLogs', config);
    this.bucket = privateBucket(this, 'SiteReplicaBucket', config, {
      bucketName: replicaBucketName(config),
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site-replica/',
      // Its whole policy, TLS-only statement included, is SiteReplicaAccessStack's: a bucket has
      // one policy, and two stacks writing it would each erase the other's statements.
      enforceSSL: false,
    });
    acknowledge(
      this.bucket,
      'S10',
      'TLS is enforced by the bucket policy SiteReplicaAccessStack writes (with the ' +
        "distribution's read grant): one stack owns the replica's whole policy.",
    );
  }
}

/**
 * The replica's bucket policy: TLS only, and reads by the distribution
 * (Origin Access Control, this distribution only) of the keys the
 * viewer-request function rewrites to. In the replica's region, after the
 * edge stack, since it names the distribution (a cross-region reference).
 */
export class SiteReplicaAccessStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      config: StageConfig;
      distribution: Distribution;
      readableKeys: readonly string[];
    },
  ) {
    super(scope, id, { ...props, crossRegionReferences: true });
    applyFeatureFlags(this);
    const bucket: IBucket = Bucket.fromBucketName(
      this,
      'SiteReplica',
      replicaBucketName(props.config),
    );
    const policy = new BucketPolicy(this, 'Policy', { bucket });
    policy.document.addStatements(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        // GetObject only: a key missing from the replica answers 403 too, mapped to the 404 page.
        actions: ['s3:GetObject'],
        resources: props.readableKeys.map((p) => bucket.arnForObjects(p)),
        conditions: {
          StringEquals: {
            'AWS:SourceArn':
              `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/` +
              props.distribution.distributionId,
          },
        },
      }),
    );
    acknowledge(
      policy,
      'S10',
      'The first statement denies every request without TLS on the bucket and its objects; ' +
        "cdk-nag cannot match the replica's composed name (account and region) to those ARNs.",
    );
  }
}
