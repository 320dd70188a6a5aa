// The console's PKCE helpers (shared/console/console-auth.ts), against RFC 7636.
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  checkState,
  codeChallenge,
  codeVerifier,
  tokenClaims,
} from '../../../shared/console/console-auth.js';

describe('PKCE', () => {
  it('makes verifiers of 43 to 128 unreserved characters, each new', () => {
    const a = codeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(a).toHaveLength(64);
    expect(codeVerifier()).not.toBe(a);
  });

  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('refuses a callback whose state is not the one sent, or has none', () => {
    expect(() => {
      checkState('abc', 'abd');
    }).toThrow('state-mismatch');
    expect(() => {
      checkState('abc', null);
    }).toThrow('state-mismatch');
    expect(() => {
      checkState(undefined, 'abc');
    }).toThrow('state-mismatch');
    expect(() => {
      checkState('abc', 'abc');
    }).not.toThrow();
  });

  it('asks the hosted UI for a code with the S256 challenge and the state', () => {
    const url = new URL(
      authorizeUrl(
        {
          apiUrl: 'https://api',
          authDomain: 'https://p.auth.eu-west-3.amazoncognito.com',
          clientId: 'c1',
        },
        'https://d.cloudfront.net/admin/',
        'st',
        'ch',
      ),
    );
    expect(url.origin + url.pathname).toBe(
      'https://p.auth.eu-west-3.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'c1',
      redirect_uri: 'https://d.cloudfront.net/admin/',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it("reads the officer's name and groups from the access token", () => {
    const payload = { username: 'agnès', 'cognito:groups': ['lyon:publication'] };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    expect(tokenClaims(`h.${body}.s`)).toEqual({
      username: 'agnès',
      groups: ['lyon:publication'],
    });
  });
});
