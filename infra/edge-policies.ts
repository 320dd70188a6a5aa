import { Duration } from 'aws-cdk-lib';
import {
  CachePolicy,
  CacheQueryStringBehavior,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import {
  IMMUTABLE_TTL_SECONDS,
  ROBOTS_NOINDEX,
  SECURITY_HEADERS,
  SHORT_TTL_SECONDS,
} from '../shared/edge/response-headers.js';

/**
 * CloudFront's response-headers and cache policies, generated from
 * shared/edge/response-headers.ts, the definition the local CDN applies
 * itself. A header added there that is not mapped here fails the synth
 * rather than silently missing on AWS.
 */
export function securityHeaders(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): {
  securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  customHeaders: { header: string; value: string; override: boolean }[];
} {
  const behavior: {
    -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K];
  } = {};
  const customHeaders: { header: string; value: string; override: boolean }[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'strict-transport-security': {
        const maxAge = /max-age=(\d+)/i.exec(value);
        if (!maxAge?.[1]) throw new Error(`unreadable HSTS value "${value}"`);
        behavior.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(maxAge[1])),
          includeSubdomains: /includeSubDomains/i.test(value),
          preload: /preload/i.test(value),
          override: true,
        };
        break;
      }
      case 'content-security-policy':
        behavior.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff')
          throw new Error(
            `X-Content-Type-Options can only be nosniff on CloudFront, not "${value}"`,
          );
        behavior.contentTypeOptions = { override: true };
        break;
      case 'referrer-policy': {
        const policy = memberOf(HeadersReferrerPolicy, value);
        if (!policy) throw new Error(`Referrer-Policy "${value}" has no CloudFront equivalent`);
        behavior.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'x-frame-options': {
        const option = memberOf(HeadersFrameOption, value.toUpperCase());
        if (!option) throw new Error(`X-Frame-Options "${value}" has no CloudFront equivalent`);
        behavior.frameOptions = { frameOption: option, override: true };
        break;
      }
      case 'x-xss-protection':
        throw new Error('X-XSS-Protection is not mapped: add it here if it is wanted');
      default:
        // CloudFront refuses security headers as custom headers; every other header passes as is.
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: behavior, customHeaders };
}

export interface EdgePolicies {
  /** Every public response. */
  headers: ResponseHeadersPolicy;
  /** Name lists (`/<slug>/listes/`) and rehearsals: the same, plus X-Robots-Tag noindex. */
  noindexHeaders: ResponseHeadersPolicy;
  /**
   * Anything that may be taken down after publication: at most SHORT_TTL_SECONDS at the edge,
   * whatever the
   * object says; less when its Cache-Control says less (the announcement's s-maxage=5: five
   * seconds).
   */
  shortCache: CachePolicy;
  /**
   * `/<slug>/assets/`: the object's Cache-Control decides, up to a year for fingerprinted names
   * (cachePolicyFor).
   */
  assetCache: CachePolicy;
}

export function edgePolicies(scope: Construct): EdgePolicies {
  const base = securityHeaders();
  const headers = new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'shared/edge/response-headers.ts SECURITY_HEADERS',
    ...base,
    customHeadersBehavior: { customHeaders: base.customHeaders },
  });
  const noindexHeaders = new ResponseHeadersPolicy(scope, 'NoindexHeaders', {
    comment: 'SECURITY_HEADERS + X-Robots-Tag (name lists, rehearsals)',
    securityHeadersBehavior: base.securityHeadersBehavior,
    customHeadersBehavior: {
      customHeaders: [
        ...base.customHeaders,
        { header: 'X-Robots-Tag', value: ROBOTS_NOINDEX, override: true },
      ],
    },
  });
  // The cache key is the path only: the site has no cookies, query strings or per-viewer content;
  // compression on the key so gzip/br variants are kept apart.
  // Minimum TTL 0: CloudFront then honours the no-store / private that objects carry
  // (cachePolicyFor: rehearsals,
  // the 404 page) and keeps them not at all, and the announcement's s-maxage of 5 s; any higher
  // minimum would override them.
  const common = {
    queryStringBehavior: CacheQueryStringBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
    minTtl: Duration.seconds(0),
  };
  const shortCache = new CachePolicy(scope, 'ShortCache', {
    comment: `takedown-prone files: at most ${SHORT_TTL_SECONDS}s`,
    defaultTtl: Duration.seconds(SHORT_TTL_SECONDS),
    maxTtl: Duration.seconds(SHORT_TTL_SECONDS),
    ...common,
  });
  const assetCache = new CachePolicy(scope, 'AssetCache', {
    comment: 'assets: fingerprinted ones are immutable',
    defaultTtl: Duration.seconds(SHORT_TTL_SECONDS),
    maxTtl: Duration.seconds(IMMUTABLE_TTL_SECONDS),
    ...common,
  });
  return { headers, noindexHeaders, shortCache, assetCache };
}

/** The member of a string enum whose value is `text`, if any. */
function memberOf<E extends string>(members: Record<string, E>, text: string): E | undefined {
  return Object.values(members).find((m) => m === text);
}
