import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  ResponseHeadersPolicy,
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
import { OriginGroup } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  Bucket,
  ObjectOwnership,
  ReplicationTimeValue,
  type IBucket,
  type ReplicationRule,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import {
  cachePolicyFor,
  ROBOTS_NOINDEX,
  SECURITY_HEADERS,
} from '../shared/edge/response-headers.js';
import { accessLogBucket, privateBucket } from './constructs/private-bucket.js';
import { CONSOLE_REQUEST_CODE } from './console-route.js';
import { edgePolicies, securityHeaders } from './edge-policies.js';
import { acknowledge, acknowledgeManagedRole } from './nag-acknowledgements.js';
import { ReplicaS3Origin } from './replica-origin.js';
import { ScopedS3Origin } from './site-origin.js';
import {
  applyFeatureFlags,
  bucketName,
  replicaBucketName,
  type StageConfig,
} from './stage-config.js';

const ROOT = join(import.meta.dirname, '..');
/** The file the local CDN runs (shared/local/local-cdn.ts): deployed as is, byte for byte. */
export const VIEWER_REQUEST_FILE = join(ROOT, 'functions/edge/viewer-request.js');
/**
 * Served, uncached, for a key missing from a live release (S3 answers 403 to OAC without
 * ListBucket).
 */
export const NOT_FOUND_PAGE = '/_errors/404.html';
/**
 * What the distribution may read of the site bucket: the keys the viewer-request
 * function rewrites to (`releases/<id>/<slug>/...`, `rehearsals/<id>/<slug>/...`,
 * `announcements/<slug>/index.html`, the national home page `home/index.html`
 * and its fingerprinted `home/assets/*`), the error pages and the console's files
 * (`admin/*`). Not the manifests
 * and statistics kept beside each release, nor anything added to the bucket later.
 */
export const CDN_READABLE_KEYS = [
  'releases/*/*/*',
  'rehearsals/*/*/*',
  'announcements/*/index.html',
  'home/index.html',
  'home/assets/*',
  '_errors/*',
  // The rectorat console's page, script, styles and config (infra/stateless/console-site.ts).
  'admin/*',
] as const;

/**
 * What is replicated to the replica region: every prefix the distribution reads (releases with
 * their manifests, rehearsals, announcements, error pages), so a failover serves the same paths.
 */
export const REPLICATED_PREFIXES = [
  ...new Set(CDN_READABLE_KEYS.map((pattern) => `${pattern.split('/')[0]}/`)),
];
/**
 * What makes CloudFront ask the replica instead: the primary's S3 failing (5xx), and a key it
 * cannot give (403: OAC without ListBucket; 404), e.g. a regional outage that answers with
 * errors rather than not at all (timeouts fail over too).
 */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504, 403, 404];

/**
 * One rule per prefix to the replica: delete markers too (a takedown deletes a withheld
 * candidate's list, which must go from the replica as well), with Replication Time Control
 * (99.99 % of objects within 15 minutes, and metrics to watch the lag before an instant).
 */
function replicationRules(destination: IBucket): ReplicationRule[] {
  return REPLICATED_PREFIXES.map((prefix, i) => ({
    id: `replicate-${prefix.replace(/\W/g, '')}`,
    destination,
    filter: { prefix },
    priority: i + 1,
    deleteMarkerReplication: true,
    replicationTimeControl: ReplicationTimeValue.FIFTEEN_MINUTES,
    metrics: ReplicationTimeValue.FIFTEEN_MINUTES,
  }));
}

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
    // CloudFront standard logs are delivered with ACLs: this bucket alone keeps them enabled (owner
    // preferred).
    const logs = accessLogBucket(
      this,
      'AccessLogs',
      config,
      ObjectOwnership.BUCKET_OWNER_PREFERRED,
    );
    // Named, in the stage's replica region (SiteReplicaStack, deployed first).
    const replica = Bucket.fromBucketAttributes(this, 'SiteReplica', {
      bucketName: replicaBucketName(config),
      region: config.replicaRegion,
    });
    this.siteBucket = privateBucket(this, 'SiteBucket', config, {
      bucketName: bucketName(config, 'site'),
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      replicationRules: replicationRules(replica),
    });
    const replicationRole = this.siteBucket.node.tryFindChild('ReplicationRole');
    if (replicationRole)
      acknowledgeManagedRole(
        replicationRole,
        "CDK-made S3 Replication role: reads every version of the site bucket's objects and " +
          'replicates them into the replica bucket, keys under the prefixes the rules select.',
      );

    // Empty at creation: the publish path writes the pointers and the rehearsal key.
    this.keyValueStore = new KeyValueStore(this, 'Pointers', {
      comment: 'pointer:<slug> and rehearsal-key, read by the viewer-request function',
      source: ImportSource.fromInline(JSON.stringify({ data: [] })),
    });
    const viewerRequest = new CloudFrontFunction(this, 'ViewerRequest', {
      comment:
        'functions/edge/viewer-request.js: live release per académie, embargo, rehearsal links',
      code: FunctionCode.fromInline(readFileSync(VIEWER_REQUEST_FILE, 'utf8')),
      runtime: FunctionRuntime.JS_2_0,
      keyValueStore: this.keyValueStore,
    });

    const policies = edgePolicies(this);
    // The pointer names a release id, the same in both buckets: a failover changes nothing else.
    const origin = new OriginGroup({
      primaryOrigin: new ScopedS3Origin(this.siteBucket, CDN_READABLE_KEYS),
      fallbackOrigin: new ReplicaS3Origin(replica),
      fallbackStatusCodes: FAILOVER_STATUS_CODES,
    });
    const functionAssociations = [
      { function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST },
    ];
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

    // The console's page talks to the admin API and the hosted UI of this stage's region (their
    // ids are made by the stateless stack, deployed after this one: hence the wildcards).
    const region = this.region;
    const consoleCsp = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' https://*.execute-api.${region}.amazonaws.com ` +
        `https://*.auth.${region}.amazoncognito.com`,
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    const consoleBase = securityHeaders({
      ...SECURITY_HEADERS,
      'Content-Security-Policy': consoleCsp,
    });
    const consoleHeaders = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'Rectorat console: its own CSP, noindex, never stored',
      securityHeadersBehavior: consoleBase.securityHeadersBehavior,
      customHeadersBehavior: {
        customHeaders: [
          ...consoleBase.customHeaders,
          { header: 'X-Robots-Tag', value: ROBOTS_NOINDEX, override: true },
          { header: 'Cache-Control', value: 'no-store', override: true },
        ],
      },
    });
    const consoleRequest = new CloudFrontFunction(this, 'ConsoleRequest', {
      comment: 'infra/console-route.ts: /admin/ to the console page, its files, nothing else',
      code: FunctionCode.fromInline(CONSOLE_REQUEST_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Publibac ${config.stage}: public results`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: config.priceClass,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultRootObject: '',
      // Viewer paths: behaviours are chosen on them, before the function rewrites into a release,
      // in this order, the first match winning. Every behaviour runs the function.
      defaultBehavior: behavior({}),
      additionalBehaviors: {
        // Rehearsals are for a few officials through expiring links: never cached, never indexed.
        // First: a rehearsal link also matches the patterns below (/_rehearsal/.../listes/x.html).
        '/_rehearsal/*': behavior({
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: policies.noindexHeaders,
        }),
        // The rectorat console (infra/stateless/console-site.ts): not an académie, so not the
        // public function; never cached, the officer's token never reaches it (it goes to the
        // API's own origin).
        '/admin*': behavior({
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: consoleHeaders,
          functionAssociations: [
            { function: consoleRequest, eventType: FunctionEventType.VIEWER_REQUEST },
          ],
        }),
        '/*/listes/*': behavior({ responseHeadersPolicy: policies.noindexHeaders }),
        '/*/assets/*': behavior({ cachePolicy: policies.assetCache }),
        // The national home page's fingerprinted assets, shared with the announcements.
        '/assets/*': behavior({ cachePolicy: policies.assetCache }),
      },
      // The error page has no behaviour of its own: CloudFront fetches a custom error page without
      // running viewer-request functions (Developer Guide, "CloudFront events that can trigger a
      // Lambda@Edge function"), so it reads `_errors/404.html` through the default behaviour, while
      // a
      // viewer asking for `/_errors/...` goes through the function, which refuses every `/_` path.
      // No behaviour reads the bucket on a raw viewer path, and the origin may read only
      // CDN_READABLE_KEYS. A zero TTL: a 404 before the instant must not outlive it.
      errorResponses: [
        {
          httpStatus: 403,
          responseHttpStatus: 404,
          responsePagePath: NOT_FOUND_PAGE,
          ttl: Duration.seconds(0),
        },
      ],
    });

    new BucketDeployment(this, 'ErrorPages', {
      sources: [Source.asset(join(ROOT, 'infra/site-errors'))],
      destinationBucket: this.siteBucket,
      destinationKeyPrefix: '_errors/',
      // Like every object of the bucket, stored with its Cache-Control (cachePolicyFor): no-store,
      // a 404 is never kept.
      cacheControl: [CacheControl.fromString(cachePolicyFor(NOT_FOUND_PAGE).cacheControl)],
      // Pruning stays inside _errors/: releases and announcements are never touched.
      prune: true,
    });
    const deployer = this.node
      .findAll()
      .find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deployer) {
      const why =
        'CDK-managed BucketDeployment handler that copies the error page at deploy time; its ' +
        'role and runtime are set by aws-cdk-lib.';
      acknowledge(
        deployer,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:' +
          'policy/service-role/AWSLambdaBasicExecutionRole]',
        why,
      );
      acknowledge(deployer, 'L1', why);
      acknowledgeManagedRole(deployer, why);
    }

    acknowledge(
      this.distribution,
      'CFR1',
      'Results are for candidates wherever they are (overseas académies, families abroad): no ' +
        'country is to be refused.',
    );
    acknowledge(
      this.distribution,
      'CFR2',
      'Static files only, no origin compute or form; the lookup is a client-side decryption of ' +
        'cacheable shards. WAF can be added per stage if abuse is seen.',
    );
    acknowledge(
      this.distribution,
      'CFR4',
      'The default *.cloudfront.net certificate fixes the viewer TLS policy; with the ' +
        "académie's own domain and ACM certificate, set minimumProtocolVersion TLSv1.2_2021.",
    );

    new CfnOutput(this, 'SiteUrl', {
      value: `https://${this.distribution.distributionDomainName}`,
    });
    // infra/stateless/console-site.ts deploys it; the OAuth callback is this address too.
    new CfnOutput(this, 'ConsoleUrl', {
      value: `https://${this.distribution.distributionDomainName}/admin/`,
    });
  }
}
