import {
  S3OriginAccessControl,
  type OriginBindConfig,
  type OriginBindOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Construct } from 'constructs';

/**
 * The site bucket's replica (another region, another stack) as the fallback
 * origin of the distribution's origin group, read through its own Origin
 * Access Control. Unlike ScopedS3Origin it grants nothing here: the
 * replica's bucket policy belongs to the replica's region, where
 * SiteReplicaAccessStack writes it with the same key patterns once the
 * distribution exists.
 */
export class ReplicaS3Origin extends S3BucketOrigin {
  override bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const oac = new S3OriginAccessControl(scope, 'S3OriginAccessControl');
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
