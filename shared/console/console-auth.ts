// How the console's script reaches the admin API. Locally (shared/console/console-server.ts):
// the routes under /admin/api/ with the session cookie and the anti-CSRF token. On AWS the page
// is served by CloudFront with /admin/config.json beside it (written at deploy by
// infra/stateless/console-site.ts): the officer signs in on the Cognito hosted UI
// (authorization code + PKCE, RFC 7636), and every call carries the access token
// (Authorization: Bearer) to the HTTP API, whose JWT authorizer checks it. No cookie crosses
// origins there, so no CSRF token is needed. The token lives in this page's memory only; the
// verifier and state wait in sessionStorage for the redirect back, then are removed.

import { AUDIT_ROLE } from '../domain/authority.js';
import { ACADEMIES } from '../domain/reference/academies.js';

/** What the deploy writes to /admin/config.json. */
export interface AwsConsoleConfig {
  apiUrl: string;
  authDomain: string;
  clientId: string;
}

const PENDING_KEY = 'publibac-console-pkce';

/** A verifier of 64 unreserved characters (RFC 7636: 43 to 128 of [A-Za-z0-9-._~]). */
export function codeVerifier(bytes = 48): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** S256: base64url(SHA-256(verifier)), unpadded. */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The redirect's state must be the one this tab sent: anything else is a forged callback. */
export function checkState(expected: string | undefined, received: string | null): void {
  if (!expected || !received || expected !== received) throw new Error('state-mismatch');
}

/** The hosted UI's authorize address for this verifier's challenge. */
export function authorizeUrl(
  c: AwsConsoleConfig,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${c.authDomain}/oauth2/authorize?${q}`;
}

export function logoutUrl(c: AwsConsoleConfig, redirectUri: string): string {
  const q = new URLSearchParams({ client_id: c.clientId, logout_uri: redirectUri });
  return `${c.authDomain}/logout?${q}`;
}

/** The claims the console shows (the API re-reads them from the verified token). */
export function tokenClaims(token: string): { username: string; groups: string[] } {
  const part = token.split('.')[1] ?? '';
  const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const groups = claims['cognito:groups'];
  return {
    username: typeof claims.username === 'string' ? claims.username : '',
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
  };
}

/**
 * Signs in on AWS: back from the hosted UI, trades the code (state checked) for an access
 * token; otherwise sends the browser to the hosted UI and returns null.
 */
export async function signInAws(c: AwsConsoleConfig, here: URL): Promise<string | null> {
  const redirectUri = `${here.origin}${here.pathname}`;
  const code = here.searchParams.get('code');
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (code && pending) {
    const { state, verifier } = JSON.parse(pending) as { state: string; verifier: string };
    checkState(state, here.searchParams.get('state'));
    history.replaceState(null, '', redirectUri);
    const res = await fetch(`${c.authDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: c.clientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    });
    if (!res.ok) throw new Error('token-refused');
    return ((await res.json()) as { access_token: string }).access_token;
  }
  const verifier = codeVerifier();
  const state = codeVerifier(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier }));
  window.location.assign(authorizeUrl(c, redirectUri, state, await codeChallenge(verifier)));
  return null;
}

/** Marks the page deployed on AWS (infra/stateless/console-site.ts): its config's address. */
export const AWS_CONFIG_META = 'publibac-console-config';

/**
 * The AWS configuration when the page is served by the distribution, null on the local stack,
 * whose page has no such meta and so makes no request for it.
 */
export async function awsConfig(): Promise<AwsConsoleConfig | null> {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${AWS_CONFIG_META}"]`);
  if (!meta) return null;
  const res = await fetch(meta.content, { credentials: 'omit' });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
  return (await res.json()) as AwsConsoleConfig;
}

/** Where a route's call goes and what proves who calls: the only difference of the two modes. */
export interface Transport {
  url(route: string): string;
  init(post: boolean): RequestInit;
  /** Where to go when the API answers 401. */
  signInUrl: string;
  /** Ends the session; resolves to where the browser goes next. */
  signOut(): Promise<string>;
}

/** The local stack: same origin, session cookie, CSRF token on every POST. */
export function localTransport(csrf: () => string): Transport {
  const t: Transport = {
    url: (route) => `/admin/api${route}`,
    init: (post) => {
      const headers: Record<string, string> = post
        ? { 'content-type': 'application/json', 'x-csrf-token': csrf() }
        : {};
      return { credentials: 'same-origin', headers };
    },
    signInUrl: '/admin/connexion',
    signOut: async () => {
      await fetch(t.url('/deconnexion'), { method: 'POST', ...t.init(true) });
      return t.signInUrl;
    },
  };
  return t;
}

/** AWS: the HTTP API's own origin, the access token, no cookie. */
export function awsTransport(c: AwsConsoleConfig, token: string, page: string): Transport {
  return {
    url: (route) => `${c.apiUrl.replace(/\/$/, '')}${route}`,
    init: (post) => ({
      credentials: 'omit',
      headers: {
        authorization: `Bearer ${token}`,
        ...(post ? { 'content-type': 'application/json' } : {}),
      },
    }),
    // Reloading the page starts the code flow again (silently while the hosted UI's own
    // session lasts); signing out ends that session too.
    signInUrl: page,
    signOut: () => Promise.resolve(logoutUrl(c, page)),
  };
}

/**
 * On AWS, what /admin/api/moi answers locally, read from the access token: the académies its
 * groups name (every one for the national audit reader), and this year's June session.
 */
export function officerFromToken(token: string, now = new Date()) {
  const { username, groups } = tokenClaims(token);
  const academies = ACADEMIES.filter(
    (a) => groups.includes(AUDIT_ROLE) || groups.some((r) => r.startsWith(`${a.slug}:`)),
  ).map((a) => ({ slug: a.slug, name: a.name }));
  const session = `${String(now.getFullYear())}-06`;
  return { username, roles: groups, academies, session, csrf: '', siteUrl: location.origin };
}
