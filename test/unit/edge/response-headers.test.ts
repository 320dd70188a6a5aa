import { describe, expect, it } from 'vitest';
import {
  cachePolicyFor,
  IMMUTABLE_TTL_SECONDS,
  SECURITY_HEADERS,
  SHORT_TTL_SECONDS,
} from '../../../shared/edge/response-headers.js';

const SHORT = `public, max-age=${SHORT_TTL_SECONDS}`;
const IMMUTABLE = `public, max-age=${IMMUTABLE_TTL_SECONDS}, immutable`;

describe('cachePolicyFor', () => {
  it.each([
    ['/releases/r-1/aix-marseille/listes/0130040Y.html', SHORT, true],
    ['/releases/r-1/aix-marseille/resultats/0a.json', SHORT, false],
    ['/releases/r-1/aix-marseille/statistiques/stats.csv', SHORT, false],
    ['/releases/r-1/aix-marseille/index.html', SHORT, false],
    // Served before the instant, at the landing page's own URL: revalidated on every view, so no
    // browser keeps it past the instant.
    ['/announcements/aix-marseille/index.html', 'public, max-age=0, s-maxage=5', false],
    // Rehearsals: a few officials, expiring links: never stored anywhere.
    ['/rehearsals/r-1/aix-marseille/index.html', 'private, no-store', true],
    ['/rehearsals/r-1/aix-marseille/assets/app-5XKQ2J7H.js', 'private, no-store', true],
    // The 404 page answers for a path that may exist a second later (before the instant).
    ['/_errors/404.html', 'no-store', false],
    ['/releases/r-1/aix-marseille/assets/app-5XKQ2J7H.js', IMMUTABLE, false],
    ['/releases/r-1/aix-marseille/assets/site.3f9a1c2b.css', IMMUTABLE, false],
    ['/releases/r-1/aix-marseille/assets/fonts/marianne-0123abcd.woff2', IMMUTABLE, false],
    // No hash in the name: it may be rewritten, so it must not be cached for a year.
    ['/releases/r-1/aix-marseille/assets/favicon-original.png', SHORT, false],
    ['/releases/r-1/aix-marseille/assets/app.js', SHORT, false],
    ['/releases/r-1/aix-marseille/app-5XKQ2J7H.js', SHORT, false],
    ['/releases/r-1/aix-marseille/listes/assets-0123abcd.html', SHORT, true],
  ])('%s', (path, cacheControl, noindex) => {
    expect(cachePolicyFor(path)).toEqual({ cacheControl, noindex });
  });

  it('keeps the short TTL about a minute (it bounds how long a takedown takes at the edge)', () => {
    expect(SHORT_TTL_SECONDS).toBeGreaterThanOrEqual(30);
    expect(SHORT_TTL_SECONDS).toBeLessThanOrEqual(120);
  });
});

describe('SECURITY_HEADERS', () => {
  it('has HSTS for two years and a CSP that allows nothing from elsewhere', () => {
    expect(SECURITY_HEADERS['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(SECURITY_HEADERS).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    expect(SECURITY_HEADERS['Permissions-Policy']).toMatch(/camera=\(\)/);
  });
});
