// Issue 14, item 6: the site bucket replicated to a second region, and the
// distribution failing over to the replica through an origin group.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDN_READABLE_KEYS, FAILOVER_STATUS_CODES } from '../../infra/edge.stack.js';
import { buildApp } from '../../infra/publibac-app.js';
import { DEFAULT_REGION, REPLICA_REGION } from '../../infra/stage-config.js';

let app: ReturnType<typeof buildApp>;
let edge: Template;
let replica: Template;
let access: Template;
let stateless: Template;
beforeAll(() => {
  app = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'prod');
  edge = Template.fromStack(app.edge);
  replica = Template.fromStack(app.replica);
  access = Template.fromStack(app.replicaAccess);
  stateless = Template.fromStack(app.stateless);
});

describe('the replica bucket', () => {
  it('lives in another region than the site, versioned, private, and deploys first', () => {
    expect(app.replica.region).toBe(REPLICA_REGION);
    expect(app.edge.region).toBe(DEFAULT_REGION);
    expect(REPLICA_REGION).not.toBe(DEFAULT_REGION);
    replica.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^publibac-prod-site-replica-')])],
      }),
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true }),
    });
    // S3 refuses a replication rule to a bucket that does not exist yet.
    expect(app.edge.dependencies).toContain(app.replica);
  });

  it('has one policy: TLS only, and reads by this distribution alone of the public keys', () => {
    expect(app.replicaAccess.region).toBe(REPLICA_REGION);
    const policies = access.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(1);
    const [policy] = Object.values(policies);
    const statements = policy!.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements[0]).toMatchObject({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(statements[1]).toMatchObject({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    const read = JSON.stringify(statements[1]);
    for (const pattern of CDN_READABLE_KEYS) expect(read).toContain(`/${pattern}`);
    // The distribution's id crosses regions through the CDK's cross-region references.
    expect(read).toContain('distribution/');
    expect(read).toMatch(/CrossRegionExportReader|ExportsReader/);
    // Nothing else of the bucket reaches CloudFront, and nothing reaches anyone else.
    expect(statements).toHaveLength(2);
  });
});

describe('replication of the site bucket', () => {
  it('replicates every prefix the distribution reads, deletions included, under RTC', () => {
    const buckets = edge.findResources('AWS::S3::Bucket', {
      Properties: { ReplicationConfiguration: Match.anyValue() },
    });
    const [site] = Object.values(buckets);
    expect(site?.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = site?.Properties.ReplicationConfiguration.Rules as Record<string, unknown>[];
    expect(rules.map((r) => (r.Filter as { Prefix: string }).Prefix).sort()).toEqual(
      ['_errors/', 'admin/', 'announcements/', 'home/', 'rehearsals/', 'releases/'].sort(),
    );
    for (const rule of rules) {
      expect(rule).toMatchObject({
        Status: 'Enabled',
        // A takedown's deletions must leave the replica too.
        DeleteMarkerReplication: { Status: 'Enabled' },
        Destination: {
          Bucket: expect.anything(),
          ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
          Metrics: { Status: 'Enabled' },
        },
      });
      expect(JSON.stringify(rule.Destination)).toMatch(
        new RegExp(`:s3:::publibac-prod-site-replica-.*-${REPLICA_REGION}`),
      );
    }
    // Distinct priorities: S3 requires them when rules share a destination.
    expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
  });
});

describe('failover at the edge', () => {
  it('serves from an origin group: the site bucket, then the replica, both through OAC', () => {
    const [distribution] = Object.values(edge.findResources('AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig;
    const [group] = config.OriginGroups.Items as Record<string, unknown>[];
    expect(group).toMatchObject({
      FailoverCriteria: {
        StatusCodes: { Items: FAILOVER_STATUS_CODES, Quantity: FAILOVER_STATUS_CODES.length },
      },
    });
    expect([...FAILOVER_STATUS_CODES].sort()).toEqual([403, 404, 500, 502, 503, 504]);
    const members = (group?.Members as { Items: { OriginId: string }[] }).Items.map(
      (m) => m.OriginId,
    );
    const origins = config.Origins as Record<string, unknown>[];
    const byId = (id: string) => origins.find((o) => o.Id === id)!;
    const [primary, fallback] = members.map(byId);
    expect(JSON.stringify(primary?.DomainName)).toContain('SiteBucket');
    expect(JSON.stringify(fallback?.DomainName)).toContain(
      `-${REPLICA_REGION}.s3.${REPLICA_REGION}.amazonaws.com`,
    );
    for (const origin of [primary, fallback])
      expect(origin).toMatchObject({ OriginAccessControlId: expect.anything() });
    expect(primary?.OriginAccessControlId).not.toEqual(fallback?.OriginAccessControlId);
    // Every behaviour reads through the group, never one bucket alone.
    const groupId = group?.Id;
    const behaviours = [config.DefaultCacheBehavior, ...config.CacheBehaviors] as {
      TargetOriginId: string;
    }[];
    for (const b of behaviours) expect(b.TargetOriginId).toBe(groupId);
  });

  it('lets the functions that arm read the replica (releases only) and names it to them', () => {
    const functions = stateless.findResources('AWS::Lambda::Function');
    const withReplica = Object.entries(functions)
      .filter(([, f]) => f.Properties.Environment?.Variables?.PUBLIBAC_SITE_REPLICA_BUCKET)
      .map(([id]) => id.replace(/Function[0-9A-F]{8}$/, ''));
    expect(withReplica.sort()).toEqual(
      ['PublicationFraud', 'PublicationPublish', 'PublicationRender'].sort(),
    );
    for (const fn of Object.values(functions).filter(
      (f) => f.Properties.Environment?.Variables?.PUBLIBAC_SITE_REPLICA_BUCKET,
    ))
      expect(
        JSON.stringify(fn.Properties.Environment.Variables.PUBLIBAC_SITE_REPLICA_BUCKET),
      ).toMatch(new RegExp(`publibac-prod-site-replica-.*-${REPLICA_REGION}`));
    const statements = Object.values(stateless.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    const onReplica = statements.filter((s) => JSON.stringify(s.Resource).includes('site-replica'));
    // GetObject under releases/ and ListBucket, for each of the three functions.
    expect(onReplica).toHaveLength(6);
    expect(onReplica.filter((s) => JSON.stringify(s.Resource).includes('releases/*'))).toHaveLength(
      3,
    );
    // No function may write the replica: S3 Replication alone does.
    for (const s of onReplica)
      for (const action of [s.Action].flat())
        expect(['s3:GetObject', 's3:ListBucket']).toContain(action);
  });
});
