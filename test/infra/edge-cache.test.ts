// The distribution's behaviours, edge TTLs and origin access, on the
// synthesised template: what the edge caches and for how long must follow
// the one Cache-Control policy (shared/edge/response-headers.ts), rehearsals
// must never be cached, and CloudFront may read nothing of the bucket but
// the keys the viewer-request function can produce and the error page.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_PAGE } from '../../infra/edge.stack.js';
import { buildApp } from '../../infra/publibac-app.js';
import { encodePointer, pointerKey } from '../../shared/edge/pointer.js';
import {
  cachePolicyFor,
  IMMUTABLE_TTL_SECONDS,
  SHORT_TTL_SECONDS,
} from '../../shared/edge/response-headers.js';
import {
  loadViewerRequest,
  type EdgeResponse,
  type ViewerRequestHandler,
} from '../../shared/local/local-cdn.js';
import { fixedClock } from '../../shared/ports/clock.port.js';
import { rehearsalPath } from '../../shared/publication/rehearsal-link.js';
import { memoryKvs } from '../unit/edge/memory-kvs.js';

interface Behaviour {
  PathPattern: string;
  CachePolicyId: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
type Ttls = { min: number; def: number; max: number };

const json = (x: unknown) => JSON.stringify(x);
const T = Date.parse('2024-07-05T08:00:00.000Z');
const RELEASE = 'r-live-1';
const REHEARSAL = 'r-rehearsal-1';
const REHEARSAL_KEY = 'k'.repeat(64);

let edge: Template;
let behaviours: Behaviour[];
let viewerRequest: ViewerRequestHandler;
beforeAll(async () => {
  const app = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'dev');
  edge = Template.fromStack(app.edge);
  const config = Object.values(edge.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
    .DistributionConfig;
  // In CloudFront's order: the first pattern that matches wins; the default behaviour comes last.
  behaviours = [
    ...(config.CacheBehaviors as Behaviour[]),
    { ...config.DefaultCacheBehavior, PathPattern: '*' },
  ];
  const kvs = memoryKvs({
    [pointerKey('aix-marseille')]: encodePointer({
      v: 1,
      current: null,
      next: RELEASE,
      notBefore: T,
    }),
    'rehearsal-key': REHEARSAL_KEY,
  });
  viewerRequest = await loadViewerRequest({ kvs, clock: fixedClock(new Date(T)) });
});

/** CloudFront path patterns: `*` is any run of characters (slashes included), `?` one character. */
const patternRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
function behaviourFor(viewerPath: string): Behaviour {
  return behaviours.find((b) => patternRegExp(b.PathPattern).test(viewerPath))!;
}

/**
 * Minimum, default and maximum TTL of a behaviour's cache policy: one of the stack's, or a managed
 * one.
 */
function ttlsOf(b: Behaviour): Ttls {
  if (b.CachePolicyId === CachePolicy.CACHING_DISABLED.cachePolicyId)
    return { min: 0, def: 0, max: 0 };
  const ref = (b.CachePolicyId as { Ref?: string }).Ref;
  const policy = ref ? edge.toJSON().Resources[ref] : undefined;
  if (!policy) throw new Error(`unknown cache policy ${json(b.CachePolicyId)}`);
  const c = policy.Properties.CachePolicyConfig;
  return { min: c.MinTTL, def: c.DefaultTTL, max: c.MaxTTL };
}

/**
 * How long CloudFront keeps an object, from its policy's TTLs and the
 * Cache-Control S3 returns (CloudFront Developer Guide, "Manage how long
 * content stays in the cache"): no-cache, no-store or private → the minimum
 * TTL; else s-maxage, then max-age, bounded by minimum and maximum; none →
 * the default TTL (at least the minimum).
 */
function edgeTtl(t: Ttls, cacheControl: string): number {
  const directives = cacheControl.split(',').map((d) => d.trim().toLowerCase());
  if (directives.some((d) => d === 'no-cache' || d === 'no-store' || d === 'private')) return t.min;
  const age = (name: string) =>
    directives.find((d) => d.startsWith(`${name}=`))?.slice(name.length + 1);
  const given = age('s-maxage') ?? age('max-age');
  if (given === undefined) return Math.max(t.min, t.def);
  return Math.min(t.max, Math.max(t.min, Number(given)));
}

/** The bucket key the function sends a viewer path to (or its own response). */
async function keyFor(viewerPath: string): Promise<string | EdgeResponse> {
  const event = {
    version: '1.0' as const,
    context: {
      distributionDomainName: 'd.cloudfront.net',
      distributionId: 'E1',
      eventType: 'viewer-request' as const,
      requestId: 'r',
    },
    viewer: { ip: '192.0.2.1' },
    request: { method: 'GET', uri: viewerPath, querystring: {}, headers: {}, cookies: {} },
  };
  const out = await viewerRequest(event);
  return 'statusCode' in out ? out : out.uri.slice(1);
}

const rehearsalLink = (page: string) =>
  rehearsalPath(REHEARSAL_KEY, REHEARSAL, 'aix-marseille', new Date(T + 3_600_000), page);

describe('behaviours', () => {
  it(
    'puts /_rehearsal/* first, with caching disabled, so no other pattern (/*/listes/*, ' +
      '/*/assets/*) catches a rehearsal',
    () => {
      expect(behaviours[0]!.PathPattern).toBe('/_rehearsal/*');
      expect(behaviours[0]!.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
      for (const page of [
        '/listes/0130040Y.html',
        '/assets/site.c37868b0.css',
        '/resultats/0.json',
        '/',
      ]) {
        expect(behaviourFor(rehearsalLink(page)).PathPattern, page).toBe('/_rehearsal/*');
      }
    },
  );

  it(
    'runs the viewer-request function on every behaviour: none reads the bucket on a raw ' +
      'viewer path',
    () => {
      const fns = Object.keys(edge.findResources('AWS::CloudFront::Function'));
      const fn = fns.find((id) => id.startsWith('ViewerRequest'));
      // The console's paths run their own function (infra/console-route.ts): not an académie.
      const consoleFn = fns.find((id) => id.startsWith('ConsoleRequest'));
      expect(fns).toHaveLength(2);
      for (const b of behaviours) {
        const used = b.PathPattern === '/admin*' ? consoleFn : fn;
        expect(b.FunctionAssociations, b.PathPattern).toEqual([
          { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [used, 'FunctionARN'] } },
        ]);
      }
    },
  );

  it(
    'serves the error page only to CloudFront itself: a viewer asking for it directly gets the ' +
      "function's 404",
    async () => {
      // CloudFront fetches a custom error page without running viewer-request functions; a viewer's
      // request runs it.
      edge.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: {
          CustomErrorResponses: [
            {
              ErrorCode: 403,
              ResponseCode: 404,
              ResponsePagePath: NOT_FOUND_PAGE,
              ErrorCachingMinTTL: 0,
            },
          ],
        },
      });
      expect(await keyFor(NOT_FOUND_PAGE)).toMatchObject({ statusCode: 404 });
    },
  );
});

describe('origin access', () => {
  function oacResources(): string[] {
    const [policy] = Object.values(
      edge.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: Match.stringLikeRegexp('^SiteBucket') } },
      }),
    );
    const allows = (
      policy!.Properties.PolicyDocument.Statement as {
        Effect: string;
        Principal?: unknown;
        Resource: unknown;
      }[]
    ).filter((s) => s.Effect === 'Allow');
    expect(allows.map((s) => s.Principal)).toEqual([{ Service: 'cloudfront.amazonaws.com' }]);
    const resources = [allows[0]!.Resource].flat() as { 'Fn::Join': [string, unknown[]] }[];
    // Each one is the bucket's ARN joined with a key pattern: keep the pattern.
    return resources.map((r) => {
      const parts = r['Fn::Join'][1];
      expect(json(parts[0])).toMatch(/SiteBucket.*Arn/);
      return parts.slice(1).join('').replace(/^\//, '');
    });
  }

  it(
    'lets CloudFront read only the keys the function rewrites to, and the error pages, not the ' +
      'whole bucket',
    () => {
      expect(oacResources().sort()).toEqual([
        '_errors/*',
        'admin/*',
        'announcements/*/index.html',
        'home/assets/*',
        'home/index.html',
        'rehearsals/*/*/*',
        'releases/*/*/*',
      ]);
    },
  );

  it(
    'covers every key the function produces, and none of the bookkeeping beside a ' + 'release',
    async () => {
      const readable = (key: string) => oacResources().some((p) => patternRegExp(p).test(key));
      const viewerPaths = [
        '/aix-marseille/',
        '/aix-marseille/listes/0130040Y.html',
        '/aix-marseille/resultats/0a.json',
        '/aix-marseille/assets/site.c37868b0.css',
        '/',
        '/assets/site.c37868b0.css',
        rehearsalLink('/'),
        rehearsalLink('/listes/0130040Y.html'),
      ];
      for (const path of viewerPaths) {
        const key = await keyFor(path);
        expect(typeof key, path).toBe('string');
        expect(readable(key as string), `${path} → ${JSON.stringify(key)}`).toBe(true);
      }
      expect(readable('announcements/aix-marseille/index.html')).toBe(true);
      expect(readable(NOT_FOUND_PAGE.slice(1))).toBe(true);
      for (const key of [
        `releases/${RELEASE}/manifest.json`,
        `releases/${RELEASE}/manifest.patched.json`,
        `releases/${RELEASE}/statistics.json`,
        'announcements/aix-marseille/draft.html',
        'home/draft.html',
        'other/file',
      ]) {
        expect(readable(key), key).toBe(false);
      }
    },
  );
});

describe("edge TTLs follow the objects' Cache-Control (cachePolicyFor)", () => {
  // Viewer path → the key it is served from → the longest the edge may keep it.
  const cases: [string, string, () => string, number][] = [
    [
      'fingerprinted asset',
      '/aix-marseille/assets/site.c37868b0.css',
      () => `releases/${RELEASE}/aix-marseille/assets/site.c37868b0.css`,
      IMMUTABLE_TTL_SECONDS,
    ],
    [
      'landing page',
      '/aix-marseille/',
      () => `releases/${RELEASE}/aix-marseille/index.html`,
      SHORT_TTL_SECONDS,
    ],
    [
      'name list',
      '/aix-marseille/listes/0130040Y.html',
      () => `releases/${RELEASE}/aix-marseille/listes/0130040Y.html`,
      SHORT_TTL_SECONDS,
    ],
    [
      'lookup shard',
      '/aix-marseille/resultats/0a.json',
      () => `releases/${RELEASE}/aix-marseille/resultats/0a.json`,
      SHORT_TTL_SECONDS,
    ],
    [
      'statistics',
      '/aix-marseille/statistiques/stats.csv',
      () => `releases/${RELEASE}/aix-marseille/statistiques/stats.csv`,
      SHORT_TTL_SECONDS,
    ],
    ['announcement', '/aix-marseille/', () => 'announcements/aix-marseille/index.html', 5],
    ['national home page', '/', () => 'home/index.html', SHORT_TTL_SECONDS],
    [
      'home page asset',
      '/assets/countdown.c37868b0.js',
      () => 'home/assets/countdown.c37868b0.js',
      IMMUTABLE_TTL_SECONDS,
    ],
    [
      'rehearsal page',
      rehearsalLink('/'),
      () => `rehearsals/${REHEARSAL}/aix-marseille/index.html`,
      0,
    ],
    [
      'rehearsal list',
      rehearsalLink('/listes/0130040Y.html'),
      () => `rehearsals/${REHEARSAL}/aix-marseille/listes/0130040Y.html`,
      0,
    ],
    [
      'rehearsal asset',
      rehearsalLink('/assets/site.c37868b0.css'),
      () => `rehearsals/${REHEARSAL}/aix-marseille/assets/site.c37868b0.css`,
      0,
    ],
  ];

  it.each(cases)(
    '%s: at most as long as its Cache-Control says',
    (_kind, viewerPath, key, expected) => {
      const behaviour = behaviourFor(viewerPath);
      expect(edgeTtl(ttlsOf(behaviour), cachePolicyFor(`/${key()}`).cacheControl)).toBe(expected);
    },
  );

  it(
    'keeps nothing a takedown may rewrite longer than the short TTL, even an object stored ' +
      'without Cache-Control',
    () => {
      for (const path of [
        '/aix-marseille/',
        '/aix-marseille/listes/x.html',
        '/aix-marseille/resultats/0a.json',
        '/aix-marseille/statistiques/x.csv',
      ]) {
        const t = ttlsOf(behaviourFor(path));
        expect(t.min, path).toBe(0);
        expect(Math.max(t.def, t.max), path).toBeLessThanOrEqual(SHORT_TTL_SECONDS);
      }
    },
  );

  it(
    'never caches a 404: the error page is stored no-store and the error response has a zero ' +
      'TTL',
    () => {
      edge.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketKeyPrefix: '_errors/',
        SystemMetadata: { 'cache-control': cachePolicyFor(NOT_FOUND_PAGE).cacheControl },
      });
      expect(cachePolicyFor(NOT_FOUND_PAGE).cacheControl).toBe('no-store');
    },
  );
});
