import { readFileSync } from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_REQUEST_FILE } from '../../infra/edge.stack.js';
import { buildApp } from '../../infra/publibac-app.js';
import {
  ROBOTS_NOINDEX,
  SECURITY_HEADERS,
  SHORT_TTL_SECONDS,
  IMMUTABLE_TTL_SECONDS,
} from '../../shared/edge/response-headers.js';
import { allRoles } from '../../shared/domain/authority.js';
import { ADMIN_ROUTE_KEYS } from '../../shared/contracts/admin-routes.js';

// Bundling is skipped here (it is what `npm run synth` exercises); templates are otherwise those
// deployed.
const build = (stage: 'dev' | 'prod') =>
  buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), stage);

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
};
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const json = (x: unknown) => JSON.stringify(x);

/**
 * Every statement of the IAM policies attached to a role whose logical id starts with `rolePrefix`.
 */
function roleStatements(t: Template, rolePrefix: string): Statement[] {
  const policies = t.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => list(p.Properties.Roles as unknown[]).some((r) => json(r).includes(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => list(s.Action));

let app: ReturnType<typeof build>;
let edge: Template;
let stateless: Template;
let stateful: Template;
beforeAll(() => {
  app = build('dev');
  edge = Template.fromStack(app.edge);
  stateless = Template.fromStack(app.stateless);
  stateful = Template.fromStack(app.stateful);
});

describe('site bucket', () => {
  it('is private, encrypted, versioned, logged, and TLS-only', () => {
    edge.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^publibac-dev-site-')])],
      }),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site/' }),
    });
  });

  it('is readable by the distribution through its OAC only', () => {
    const [policy] = Object.values(
      edge.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: Match.stringLikeRegexp('^SiteBucket') } },
      }),
    );
    const statements = policy!.Properties.PolicyDocument.Statement as Statement[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    // The only reader: CloudFront, for this distribution (SourceArn), GetObject only.
    expect(allows.map((s) => s.Principal)).toEqual(
      allows.map(() => ({ Service: 'cloudfront.amazonaws.com' })),
    );
    for (const s of allows) {
      expect(list(s.Action)).toEqual(['s3:GetObject']);
      expect(json(s.Condition)).toMatch(/AWS:SourceArn.*distribution\/.*Distribution/);
    }
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    edge.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        // The site bucket and its replica in the second region (site-replica.test.ts): both OAC.
        Origins: [
          Match.objectLike({
            OriginAccessControlId: Match.anyValue(),
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
          Match.objectLike({
            OriginAccessControlId: Match.anyValue(),
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ],
      }),
    });
  });
});

describe('grants', () => {
  it('lets render write only the release and rehearsal prefixes of the site bucket', () => {
    const writes = roleStatements(stateless, 'RenderRole').filter((s) =>
      list(s.Action).some((a) => a.startsWith('s3:Put') || a.startsWith('s3:Delete')),
    );
    const resources = writes.flatMap((s) => list(s.Resource)).map(json);
    expect(resources).toHaveLength(2);
    expect(resources[0]).toMatch(/publibac-dev-site-.*\/releases\/\*/);
    expect(resources[1]).toMatch(/publibac-dev-site-.*\/rehearsals\/\*/);
    expect(actionsOf(writes)).not.toContain('s3:DeleteObject');
  });

  it(
    'lets publish write the KeyValueStore, releases/ of the site bucket, and only its own ' +
      'bookkeeping besides',
    () => {
      const statements = roleStatements(stateless, 'PublishRole');
      const actions = actionsOf(statements);
      const kvs = statements.filter((s) =>
        list(s.Action).some((a) => a.startsWith('cloudfront-keyvaluestore:')),
      );
      expect(kvs).toEqual([
        expect.objectContaining({
          Action: expect.arrayContaining([
            'cloudfront-keyvaluestore:PutKey',
            'cloudfront-keyvaluestore:DeleteKey',
          ]),
        }),
      ]);
      expect(json(kvs[0]!.Resource)).toMatch(/ExportsOutputFnGetAttPointers.*Arn/);
      // Decisions are read (the lists' expiry re-renders in memory), never written.
      const decisions = statements.filter((s) => json(s.Resource).includes('DecisionsTable'));
      expect(actionsOf(decisions).filter((a) => /:(Put|Delete|Update|BatchWrite)/.test(a))).toEqual(
        [],
      );
      expect(actionsOf(decisions)).toContain('dynamodb:Query');
      // Its other writes: the control table, arm and lists schedules, the live release (expired
      // lists) and its invalidation.
      const writes = actions.filter(
        (a) =>
          /:(Put|Delete|Update|Create|BatchWrite)/.test(a) &&
          !a.startsWith('cloudfront-keyvaluestore:') &&
          !a.startsWith('logs:'),
      );
      expect(new Set(writes.map((a) => a.split(':')[0]))).toEqual(
        new Set(['dynamodb', 'scheduler', 's3', 'cloudfront']),
      );
      expect(
        json(
          statements
            .filter((s) =>
              list(s.Action).some((a) => /^dynamodb:(Put|Delete|Update|BatchWrite)/.test(a)),
            )
            .map((s) => s.Resource),
        ),
      ).not.toMatch(/DecisionsTable/);
    },
  );

  it(
    'lets only the fraud and publish functions rewrite a live release (releases/ only) and ' +
      'invalidate the distribution',
    () => {
      for (const role of ['FraudRole', 'PublishRole']) {
        const statements = roleStatements(stateless, role);
        const writes = statements.filter((s) =>
          list(s.Action).some((a) => a.startsWith('s3:Put') || a.startsWith('s3:Delete')),
        );
        const releases = expect.stringMatching(/publibac-dev-site-.*\/releases\/\*/);
        // Publish also announces instants (scheduling, asked through the admin API); it deletes
        // under
        // releases/ only.
        // Both rewrite the national home page when they arm or publish a plan.
        const home = expect.stringMatching(/\/home\/\*/);
        expect(writes.flatMap((s) => list(s.Resource)).map(json), role).toEqual(
          role === 'PublishRole'
            ? [releases, home, expect.stringMatching(/\/announcements\/\*/)]
            : [releases, home],
        );
        const deletes = statements.filter((s) => list(s.Action).includes('s3:DeleteObject'));
        expect(deletes.flatMap((s) => list(s.Resource)).map(json), role).toEqual([releases]);
        const invalidate = statements.filter((s) =>
          list(s.Action).includes('cloudfront:CreateInvalidation'),
        );
        expect(invalidate, role).toHaveLength(1);
        expect(json(invalidate[0]!.Resource)).toMatch(/distribution\//);
      }
      for (const role of ['IngestRole', 'RenderRole', 'AdminApiRole']) {
        expect(actionsOf(roleStatements(stateless, role))).not.toContain(
          'cloudfront:CreateInvalidation',
        );
        expect(actionsOf(roleStatements(stateless, role))).not.toContain('s3:DeleteObject');
      }
      // The admin API reaches it only by invoking it.
      expect(
        json(
          roleStatements(stateless, 'AdminApiRole')
            .filter((s) => list(s.Action).includes('lambda:InvokeFunction'))
            .map((s) => s.Resource),
        ),
      ).toMatch(/FraudFunction/);
    },
  );

  it(
    'has no Allow statement with a "*" action anywhere, and none with any wildcard action in ' +
      "the functions' roles",
    () => {
      for (const t of [stateful, edge, stateless]) {
        const docs = [
          ...Object.values(t.findResources('AWS::IAM::Policy')).map(
            (p) => p.Properties.PolicyDocument,
          ),
          ...Object.values(t.findResources('AWS::S3::BucketPolicy')).map(
            (p) => p.Properties.PolicyDocument,
          ),
          ...Object.values(t.findResources('AWS::IAM::Role')).flatMap((r) =>
            (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument),
          ),
        ];
        // Allow statements only: the buckets' TLS-only policies deny s3:* without TLS, which is the
        // point.
        const actions = docs.flatMap((d: { Statement: Statement[] }) =>
          actionsOf(d.Statement.filter((s) => s.Effect === 'Allow')),
        );
        expect(actions.length).toBeGreaterThan(0);
        expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      }
      for (const role of [
        'IngestRole',
        'RenderRole',
        'PublishRole',
        'FraudRole',
        'AdminApiRole',
        'SchedulerRole',
      ]) {
        expect(actionsOf(roleStatements(stateless, role)).filter((a) => a.includes('*'))).toEqual(
          [],
        );
      }
    },
  );

  it('lets the scheduler role invoke the publish function and nothing else', () => {
    const statements = roleStatements(stateless, 'SchedulerRole');
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: {
          'Fn::GetAtt': [expect.stringMatching(/^[A-Za-z]*PublishFunction[0-9A-F]{8}$/), 'Arn'],
        },
      }),
    ]);
    stateless.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      },
    });
  });
});

describe('edge', () => {
  it('deploys the very file the local CDN runs, byte for byte, with the KeyValueStore', () => {
    const [fn] = Object.values(edge.findResources('AWS::CloudFront::Function'));
    expect(
      Buffer.from(fn!.Properties.FunctionCode as string, 'utf8').equals(
        readFileSync(VIEWER_REQUEST_FILE),
      ),
    ).toBe(true);
    expect(fn!.Properties.FunctionConfig).toMatchObject({
      Runtime: 'cloudfront-js-2.0',
      KeyValueStoreAssociations: [
        { KeyValueStoreARN: { 'Fn::GetAtt': [expect.stringMatching(/^Pointers/), 'Arn'] } },
      ],
    });
  });

  it('sends the security headers of response-headers.ts, with noindex on name lists', () => {
    edge.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: SECURITY_HEADERS['Content-Security-Policy'],
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({
            IncludeSubdomains: true,
            AccessControlMaxAgeSec: 63072000,
          }),
          ReferrerPolicy: { ReferrerPolicy: SECURITY_HEADERS['Referrer-Policy'], Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
        CustomHeadersConfig: {
          Items: Match.arrayWith([
            Match.objectLike({ Header: 'X-Robots-Tag', Value: ROBOTS_NOINDEX }),
          ]),
        },
      }),
    });
    const config = Object.values(edge.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
      .DistributionConfig;
    const lists = config.CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === '/*/listes/*',
    );
    const noindex = Object.entries(
      edge.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    ).find(([, p]) => json(p).includes('X-Robots-Tag'))![0];
    expect(lists.ResponseHeadersPolicyId).toEqual({ Ref: noindex });
    expect(json(config.DefaultCacheBehavior.ResponseHeadersPolicyId)).not.toContain(noindex);
  });

  it(
    'caches like cachePolicyFor: a minute for what may be taken down, up to a year for ' +
      'fingerprinted assets',
    () => {
      edge.hasResourceProperties('AWS::CloudFront::CachePolicy', {
        CachePolicyConfig: Match.objectLike({
          DefaultTTL: SHORT_TTL_SECONDS,
          MaxTTL: SHORT_TTL_SECONDS,
          MinTTL: 0,
        }),
      });
      edge.hasResourceProperties('AWS::CloudFront::CachePolicy', {
        CachePolicyConfig: Match.objectLike({
          DefaultTTL: SHORT_TTL_SECONDS,
          MaxTTL: IMMUTABLE_TTL_SECONDS,
          MinTTL: 0,
        }),
      });
    },
  );

  it(
    'turns the 403 of a missing key into an uncached 404, and runs the function on viewer ' +
      'requests',
    () => {
      edge.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          CustomErrorResponses: [
            {
              ErrorCode: 403,
              ResponseCode: 404,
              ResponsePagePath: '/_errors/404.html',
              ErrorCachingMinTTL: 0,
            },
          ],
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        }),
      });
    },
  );
});

describe('functions and API', () => {
  it('runs every function on Node.js 22, ARM64, JSON logs in a log group with retention', () => {
    const fns = Object.values(stateless.findResources('AWS::Lambda::Function')).filter((f) =>
      f.Properties.Runtime?.startsWith('nodejs'),
    );
    expect(fns.length).toBeGreaterThanOrEqual(4);
    for (const f of fns) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        LoggingConfig: expect.objectContaining({ LogFormat: 'JSON', LogGroup: expect.anything() }),
      });
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
    stateless.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it(
    'serves every admin route behind the Cognito JWT authorizer, with one group per académie ' +
      'role and the audit reader',
    () => {
      stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
      });
      for (const routeKey of ADMIN_ROUTE_KEYS) {
        stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: routeKey,
          AuthorizationType: 'JWT',
        });
      }
      const groups: string[] = Object.values(
        stateless.findResources('AWS::Cognito::UserPoolGroup'),
      ).map((g) => g.Properties.GroupName);
      expect(groups.sort()).toEqual(allRoles().sort());
      expect(groups).toEqual(
        expect.arrayContaining([
          'aix-marseille:publication',
          'aix-marseille:fraud',
          'amiens:publication',
          'audit',
        ]),
      );
      // The former global groups would grant nothing: they are not created.
      expect(groups).not.toContain('publication-officers');
      expect(groups).not.toContain('fraud-officers');
      stateless.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
    },
  );

  it('triggers ingest on files created under incoming/', () => {
    stateless.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
          }),
        ],
      },
    });
  });
});

describe('stages and cdk-nag', () => {
  it('keeps prod data and users: retained buckets and pool, deletion protection', () => {
    const prod = build('prod');
    Template.fromStack(prod.edge).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^publibac-prod-site-')])],
        }),
      }),
    });
    Template.fromStack(prod.stateless).hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    Template.fromStack(prod.stateless).hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
    });
  });

  it.each(['stateful', 'edge', 'stateless'] as const)(
    'has no unacknowledged AwsSolutions finding in the %s stack',
    (name) => {
      const stack: Stack = app[name];
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(
        report.violations.map(
          (v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
        ),
      ).toEqual([]);
    },
  );

  it('gives every acknowledgement a reason', () => {
    const acks = [app.stateful, app.edge, app.stateless].flatMap((s) =>
      s.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
            .flatMap((m) => Object.values(m.data as Record<string, string>)),
        ),
    );
    expect(acks.length).toBeGreaterThan(5);
    for (const reason of acks) expect(json(reason).length).toBeGreaterThan(40);
  });
});
