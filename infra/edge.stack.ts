import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  ImportSource,
  KeyValueStore,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ObjectOwnership, type Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { accessLogBucket, privateBucket } from './constructs/private-bucket.js';
import { edgePolicies } from './edge-policies.js';
import { acknowledge, acknowledgeManagedRole } from './nag-acknowledgements.js';
import { applyFeatureFlags, bucketName, type StageConfig } from './stage-config.js';

const ROOT = join(import.meta.dirname, '..');
/** The file the local CDN runs (shared/local/local-cdn.ts): deployed as is, byte for byte. */
export const VIEWER_REQUEST_FILE = join(ROOT, 'functions/edge/viewer-request.js');
/** Served, uncached, for a key missing from a live release (S3 answers 403 to OAC without ListBucket). */
export const NOT_FOUND_PAGE = '/_errors/404.html';

/**
 * The public site: the private site bucket, the KeyValueStore of pointers,
 * the viewer-request function that reads it, and the distribution in
 * front, reading the bucket through Origin Access Control only.
 */
export class EdgeStack extends Stack {
  readonly siteBucket: Bucket;
  readonly keyValueStore: KeyValueStore;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    applyFeatureFlags(this);
    const { config } = props;
    // CloudFront standard logs are delivered with ACLs: this bucket alone keeps them enabled (owner preferred).
    const logs = accessLogBucket(this, 'AccessLogs', config, ObjectOwnership.BUCKET_OWNER_PREFERRED);
    this.siteBucket = privateBucket(this, 'SiteBucket', config, { bucketName: bucketName(config, 'site'), serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'site/' });

    // Empty at creation: the publish path writes the pointers and the rehearsal key.
    this.keyValueStore = new KeyValueStore(this, 'Pointers', { comment: 'pointer:<slug> and rehearsal-key, read by the viewer-request function', source: ImportSource.fromInline(JSON.stringify({ data: [] })) });
    const viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
      comment: 'functions/edge/viewer-request.js: live release per académie, embargo, rehearsal links',
      code: FunctionCode.fromInline(readFileSync(VIEWER_REQUEST_FILE, 'utf8')),
      runtime: FunctionRuntime.JS_2_0,
      keyValueStore: this.keyValueStore,
    });

    const policies = edgePolicies(this);
    const origin = S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    const functionAssociations = [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }];
    const behavior = (overrides: Partial<BehaviorOptions>): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      functionAssociations,
      cachePolicy: policies.shortCache,
      responseHeadersPolicy: policies.headers,
      ...overrides,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Publibac ${config.stage}: public results`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: config.priceClass,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultRootObject: '',
      // Viewer paths: behaviours are chosen on them, before the function rewrites into a release.
      defaultBehavior: behavior({}),
      additionalBehaviors: {
        '/*/listes/*': behavior({ responseHeadersPolicy: policies.noindexHeaders }),
        '/*/assets/*': behavior({ cachePolicy: policies.assetCache }),
        // Rehearsals are for a few officials through expiring links: never cached, never indexed.
        '/_rehearsal/*': behavior({ cachePolicy: CachePolicy.CACHING_DISABLED, responseHeadersPolicy: policies.noindexHeaders }),
        // The error page itself, fetched by CloudFront: not behind the function (which refuses `/_` paths).
        '/_errors/*': behavior({ functionAssociations: [] }),
      },
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 404, responsePagePath: NOT_FOUND_PAGE, ttl: Duration.seconds(0) }],
    });

    new BucketDeployment(this, 'ErrorPages', {
      sources: [Source.asset(join(ROOT, 'infra/site-errors'))],
      destinationBucket: this.siteBucket,
      destinationKeyPrefix: '_errors/',
      // Pruning stays inside _errors/: releases and announcements are never touched.
      prune: true,
    });
    const deployer = this.node.findAll().find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deployer) {
      const why = 'CDK-managed BucketDeployment handler that copies the error page at deploy time; its role and runtime are set by aws-cdk-lib.';
      acknowledge(deployer, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', why);
      acknowledge(deployer, 'L1', why);
      acknowledgeManagedRole(deployer, why);
    }

    acknowledge(this.distribution, 'CFR1', 'Results are for candidates wherever they are (overseas académies, families abroad): no country is to be refused.');
    acknowledge(this.distribution, 'CFR2', 'Static files only, no origin compute or form; the lookup is a client-side decryption of cacheable shards. WAF can be added per stage if abuse is seen.');
    acknowledge(this.distribution, 'CFR4', 'The default *.cloudfront.net certificate fixes the viewer TLS policy; with the académie\'s own domain and ACM certificate, set minimumProtocolVersion TLSv1.2_2021.');

    new CfnOutput(this, 'SiteUrl', { value: `https://${this.distribution.distributionDomainName}` });
  }
}
