import { Aws } from 'aws-cdk-lib';
import {
  S3OriginAccessControl,
  type OriginBindConfig,
  type OriginBindOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * The site bucket as a CloudFront origin through Origin Access Control, like
 * `S3BucketOrigin.withOriginAccessControl`, except that the distribution
 * may read only `keyPatterns` (S3 ARN wildcards: `*` spans slashes) instead
 * of every object. The viewer-request function decides which key a viewer
 * reaches; this bounds what any request can reach should a behaviour ever
 * skip the function, or the function let an unexpected path through.
 */
export class ScopedS3Origin extends S3BucketOrigin {
  private readonly site: IBucket;
  private readonly keyPatterns: readonly string[];

  constructor(bucket: IBucket, keyPatterns: readonly string[]) {
    super(bucket);
    if (keyPatterns.length === 0 || keyPatterns.some((p) => p === '*' || p.startsWith('/'))) {
      throw new Error(
        `key patterns must be relative and narrower than the whole ` +
          `bucket: ${keyPatterns.join(', ')}`,
      );
    }
    this.site = bucket;
    this.keyPatterns = keyPatterns;
  }

  override bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const oac = new S3OriginAccessControl(scope, 'S3OriginAccessControl');
    const added = this.site.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        // GetObject only, never ListBucket: a missing key answers 403, which the distribution maps
        // to its 404.
        actions: ['s3:GetObject'],
        resources: this.keyPatterns.map((p) => this.site.arnForObjects(p)),
        conditions: {
          StringEquals: {
            'AWS:SourceArn':
              `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/` +
              `${options.distributionId}`,
          },
        },
      }),
    );
    if (!added.statementAdded)
      throw new Error(
        'the site bucket must be one this app defines: its policy is where the distribution is ' +
          'granted read',
      );
    const config = this._bind(scope, options);
    if (!config.originProperty) throw new Error('the S3 origin was bound without its properties');
    return {
      ...config,
      originProperty: {
        ...config.originProperty,
        originAccessControlId: oac.originAccessControlId,
      },
    };
  }
}
