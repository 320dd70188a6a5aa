/**
 * What the CDN adds to public responses, and how long each object may be
 * cached: the one definition from which the CDK response-headers and cache
 * policies are generated, which the S3 adapter stores as each object's
 * Cache-Control, and which the local CDN applies itself. Pages are static and
 * self-contained, so the policy can be strict: nothing from other origins, no framing.
 */

/** Two years, the HSTS preload minimum. */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // The site uses none of these; saying so stops embedded content from asking.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * Anything that may change after publication (a takedown rewrites files of
 * the live release) is cached about a minute, at the edge and in browsers:
 * that bounds how long a withheld result stays visible, with no dependency
 * on invalidations (one to tens of minutes).
 */
export const SHORT_TTL_SECONDS = 60;
/**
 * How long the edge keeps the announcement: short, and bounded anyway by the flip, which changes
 * its cache key.
 */
export const ANNOUNCEMENT_EDGE_TTL_SECONDS = 5;
/** Fingerprinted assets never change under a name: cache for a year. */
export const IMMUTABLE_TTL_SECONDS = 365 * 24 * 3600;

export const ROBOTS_NOINDEX = 'noindex, nofollow';

/**
 * `/robots.txt`, answered by the edge function itself (no release needed, the
 * same before and after any publication; the function holds a copy and a
 * unit test keeps the two equal). Crawlers are kept away from the name lists,
 * the lookup shards (meaningless ciphertext, and one fetch each) and the
 * rehearsal links; `*` inside a path is understood by the major crawlers
 * (RFC 9309). The lists also carry noindex, for crawlers that ignore this file.
 */
export const ROBOTS_TXT = [
  'User-agent: *',
  'Disallow: /*/listes/',
  'Disallow: /*/resultats/',
  'Disallow: /_rehearsal/',
  '',
].join('\n');

export interface CachePolicy {
  cacheControl: string;
  /** Send `X-Robots-Tag: noindex, nofollow`: name lists must not end up in search engines. */
  noindex: boolean;
}

// A content hash in the file name (`app-5XKQ2J7H.js`, `site.3f9a1c2b.css`):
// 8+ hex digits, or 8+ upper-case base32 characters as esbuild writes them.
const FINGERPRINTED_ASSET =
  /\/assets\/(?:[^/]+\/)*[^/]*[.-](?:[0-9a-f]{8,}|[0-9A-Z]{8,})\.[A-Za-z0-9]+$/;

/**
 * Caching of one object, from its key in the site bucket (with a leading
 * slash: `/releases/<id>/<slug>/...`, `/rehearsals/...`, `/announcements/<slug>/index.html`).
 * The one definition: the S3 adapter stores it with every object it writes
 * (PutObject `CacheControl`), S3 returns it, CloudFront passes it on to
 * browsers and bounds its own TTL with it (infra/edge-policies.ts), and the
 * local CDN serves it the same way.
 * - Fingerprinted assets never change under a name: a year, immutable.
 * - The announcement is what `/<slug>/` shows until the instant, when the
 *   same URL becomes the release's page: `max-age=0`, so a browser asks again
 *   on every view and never shows it past the instant; the edge may keep it
 *   5 seconds (`s-maxage=5`), which spares the bucket the refreshes of every
 *   waiting candidate at 09:59 and still cannot outlive the instant: from
 *   the instant the function rewrites the path into the release, another
 *   cache key.
 * - Rehearsals are seen by a few officials through links that expire: never
 *   stored, never indexed.
 * - The 404 page answers for a path that may exist a second later (before
 *   the instant): never stored.
 * - Everything else (pages, name lists, lookup shards, statistics, anything
 *   unknown) gets the short TTL, the safe default for a file a takedown may
 *   rewrite.
 */
export function cachePolicyFor(key: string): CachePolicy {
  if (key.startsWith('/rehearsals/')) return { cacheControl: 'private, no-store', noindex: true };
  if (key.startsWith('/announcements/'))
    return {
      cacheControl: `public, max-age=0, s-maxage=${ANNOUNCEMENT_EDGE_TTL_SECONDS}`,
      noindex: false,
    };
  if (key.startsWith('/_errors/')) return { cacheControl: 'no-store', noindex: false };
  if (FINGERPRINTED_ASSET.test(key)) {
    return { cacheControl: `public, max-age=${IMMUTABLE_TTL_SECONDS}, immutable`, noindex: false };
  }
  return {
    cacheControl: `public, max-age=${SHORT_TTL_SECONDS}`,
    noindex: key.includes('/listes/'),
  };
}
