// The rectorat console over HTTP, as the local stack serves it: its own
// sign-in in front of the admin API's deployed route table and handler,
// over the embedded stack. Every action is refused without a session (401),
// on another académie (403) and without the anti-CSRF header; every action
// is audited with the signed-in officer; publish-now takes two officers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ROUTE_KEYS, routeParts } from '../../../shared/contracts/admin-routes.js';
import type { LocalConsole } from '../../../shared/console/local-console.js';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { rowToDecision } from '../../fixtures/stats/synthetic.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import {
  CONSOLE_PASSWORD,
  CONSOLE_SESSION,
  consoleSignIn,
  startTestConsole,
} from '../../support/console-harness.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const SESSION = CONSOLE_SESSION;
const PASSWORD = CONSOLE_PASSWORD;
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let adminConsole: LocalConsole;
let releaseId: string;
let numero: string;

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, systemClock);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  adminConsole = await startTestConsole({
    deps: t.deps,
    officers: {
      'officier-a': ['aix-marseille:publication'],
      'officier-b': ['aix-marseille:publication'],
      'officier-fraude': ['aix-marseille:fraud'],
      'officier-lyon': ['lyon:publication'],
    },
  });
  // A release of each académie, rendered ahead by the system (the set-up is not what is tested).
  for (const academie of ['aix-marseille', 'lyon']) {
    const decisions = [
      ...generateFirstGroup({ academie, session: SESSION, candidates: 12, seed: 5 }),
    ].map(rowToDecision);
    const source = { file: 'f.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: SESSION };
    await t.deps.decisions.appendVersions(
      decisions.map((x) => ({ ...x, digest: decisionDigest(x), source })),
    );
    const { release } = await renderAcademie(t.deps, {
      academie,
      session: SESSION,
      groupe: 1,
      actor: 'setup',
      iterations: 1_000,
    });
    if (academie === 'aix-marseille') {
      releaseId = release.id;
      numero = decisions[0]!.numero;
    }
  }
});
afterAll(async () => {
  await adminConsole.stop();
  vi.restoreAllMocks();
  await stack.stop();
});

interface Signed {
  cookie: string;
  csrf: string;
}
async function signIn(username: string, password = PASSWORD): Promise<Signed> {
  const { status, cookie, csrf } = await consoleSignIn(adminConsole.url, username, password);
  expect(status).toBe(303);
  return { cookie, csrf };
}
async function call(
  route: string,
  who: Signed | null,
  data: Record<string, unknown> = {},
  opts: { csrf?: string } = {},
) {
  const [method, path] = route.split(' ') as ['GET' | 'POST', string];
  const query = method === 'GET' ? `?${new URLSearchParams(data as Record<string, string>)}` : '';
  const res = await fetch(`${adminConsole.url}/api${path}${query}`, {
    method,
    headers: {
      ...(who ? { cookie: who.cookie } : {}),
      ...(method === 'POST'
        ? { 'content-type': 'application/json', 'x-csrf-token': opts.csrf ?? who?.csrf ?? '' }
        : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify(data) } : {}),
  });
  const body = await res.json();
  return { status: res.status, body };
}
const audit = async (academie: string) =>
  (await t.deps.audit.entries({ academie, session: SESSION }))
    .filter((e) => e.actor !== 'setup')
    .map((e) => `${e.action}:${e.actor}`);

describe('sign-in', () => {
  it('refuses every admin route without a session (401); the page sends to sign-in', async () => {
    for (const key of ADMIN_ROUTE_KEYS) {
      const { method } = routeParts(key);
      const res = await call(key, null, method === 'GET' ? { academie: 'aix-marseille' } : {});
      expect(res.status, key).toBe(401);
    }
    const page = await fetch(adminConsole.url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/connexion');
  });

  it('refuses a wrong password with one French message, and sets no cookie', async () => {
    const res = await fetch(`${adminConsole.url}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifiant: 'officier-a', 'mot-de-passe': 'wrong' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Identifiant ou mot de passe incorrect.');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and ends it on sign-out', async () => {
    const res = await fetch(`${adminConsole.url}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifiant: 'officier-a', 'mot-de-passe': PASSWORD }),
    });
    expect(res.headers.get('set-cookie')).toMatch(
      /^publibac_console=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/admin; Max-Age=28800$/,
    );
    const who = await signIn('officier-a');
    expect((await call('POST /deconnexion', who)).status).toBe(200);
    expect((await call('GET /status', who)).status).toBe(401);
  });

  it('refuses a POST without the anti-CSRF token or from elsewhere, doing nothing', async () => {
    const who = await signIn('officier-a');
    const body = { academie: 'aix-marseille', session: SESSION, groupe: 2, at: '2032-01-05 10:00' };
    expect((await call('POST /schedule', who, body, { csrf: 'forged' })).status).toBe(403);
    const foreign = await fetch(`${adminConsole.url}/api/schedule`, {
      method: 'POST',
      headers: {
        cookie: who.cookie,
        'x-csrf-token': who.csrf,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(foreign.status).toBe(403);
    const entries = await t.deps.audit.entries({ academie: 'aix-marseille', session: SESSION });
    expect(entries.filter((e) => e.detail.includes('2032-01-05'))).toEqual([]);
    expect((await t.deps.publications.plan(SESSION, 'aix-marseille', 2))?.local).not.toBe(
      '2032-01-05 10:00',
    );
  });
});

describe('pages and assets', () => {
  it('serves the console under a strict CSP, its two built assets, and no other file', async () => {
    const a = await signIn('officier-a');
    const page = await fetch(adminConsole.url, { headers: { cookie: a.cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(await page.text()).toContain('<html lang="fr"');
    const script = await fetch(`${adminConsole.url}/console.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('/admin/api');
    const css = await fetch(`${adminConsole.url}/dsfr.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('.fr-btn');
    for (const path of [
      '/dsfr/dsfr.min.css',
      '/..%2F..%2Fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/console.ts',
    ])
      expect((await fetch(`${adminConsole.url}${path}`)).status, path).toBe(404);
  });
});

describe('académie-scoped actions, audited with the signed-in officer', () => {
  it("refuses another académie's actions (403) and audits the refusal", async () => {
    const lyon = await signIn('officier-lyon');
    const aix = { academie: 'aix-marseille', session: SESSION };
    expect((await call('GET /status', lyon, aix)).status).toBe(403);
    expect(
      (await call('POST /schedule', lyon, { ...aix, groupe: 1, at: '2030-07-04 10:00' })).status,
    ).toBe(403);
    expect((await call('POST /publish', lyon, { ...aix, groupe: 1, now: true })).status).toBe(403);
    expect((await call('POST /approve', lyon, { ...aix, groupe: 1 })).status).toBe(403);
    expect((await call('POST /fraud/flag', lyon, { ...aix, numero: '0123456789A' })).status).toBe(
      403,
    );
    expect((await call('GET /audit', lyon, aix)).status).toBe(403);
    expect(await audit('aix-marseille')).toContain('refused:officier-lyon');
    expect(await audit('aix-marseille')).not.toContain('schedule:officier-lyon');
  });

  it('schedules as the signed-in officer and shows it in status and the audit log', async () => {
    const a = await signIn('officier-a');
    const key = { academie: 'aix-marseille', session: SESSION, groupe: 2 };
    const res = await call('POST /schedule', a, { ...key, at: '2031-07-07 18:00' });
    expect(res.status).toBe(200);
    expect(res.body.local).toBe('2031-07-07 18:00');
    const status = await call('GET /status', a, { academie: 'aix-marseille', session: SESSION });
    expect(status.body.find((r: { groupe: number }) => r.groupe === 2).plan.state).toBe(
      'scheduled',
    );
    const log = await call('GET /audit', a, { academie: 'aix-marseille', session: SESSION });
    expect(
      log.body.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`),
    ).toContain('schedule:officier-a');
  });
});

describe('publish now: two officers of the académie', () => {
  it('records A’s request, refuses A’s own approval, and publishes on B’s', async () => {
    const a = await signIn('officier-a');
    const b = await signIn('officier-b');
    const key = { academie: 'aix-marseille', session: SESSION, groupe: 1 };
    const requested = await call('POST /publish', a, { ...key, now: true });
    expect(requested.status).toBe(202);
    expect(requested.body.state).toBe('awaiting-approval');
    expect(decodePointer(await t.kvs.get(pointerKey('aix-marseille')))).toBeUndefined();

    const self = await call('POST /approve', a, { ...key, id: requested.body.request.id });
    expect(self).toMatchObject({
      status: 403,
      body: { message: expect.stringMatching(/officier-a made request req-\w+ and may not/) },
    });
    const approved = await call('POST /approve', b, { ...key, id: requested.body.request.id });
    expect(approved).toMatchObject({
      status: 200,
      body: { request: { approvedBy: 'officier-b' }, plan: { state: 'published', releaseId } },
    });
    expect(decodePointer(await t.kvs.get(pointerKey('aix-marseille')))).toMatchObject({
      current: releaseId,
    });
    const trail = await audit('aix-marseille');
    expect(trail).toEqual(
      expect.arrayContaining([
        'publish-request:officier-a',
        'refused:officier-a',
        'approve:officier-b',
      ]),
    );
  });
});

describe('fraud officer', () => {
  it('flags and lists procedures of their académie; a publication officer may not', async () => {
    const fraud = await signIn('officier-fraude');
    const a = await signIn('officier-a');
    const scope = { academie: 'aix-marseille', session: SESSION };
    expect((await call('POST /fraud/flag', a, { ...scope, numero })).status).toBe(403);
    expect((await call('POST /fraud/flag', fraud, { ...scope, numero, pv: 'PV-1' })).status).toBe(
      200,
    );
    const list = await call('GET /fraud', fraud, scope);
    expect(list.body).toHaveLength(1);
    const released = await call('POST /fraud/release', fraud, { ...scope, numero, now: true });
    expect(released.status).toBe(200);
    expect(await audit('aix-marseille')).toEqual(
      expect.arrayContaining(['fraud-flag:officier-fraude', 'fraud-release:officier-fraude']),
    );
  });
});

describe('rehearsal', () => {
  it('queues a rehearsal (the local render function) and mints an audited link', async () => {
    const a = await signIn('officier-a');
    const scope = { academie: 'aix-marseille', session: SESSION };
    const queued = await call('POST /rehearse', a, { ...scope, groupe: 1 });
    expect(queued).toMatchObject({ status: 202, body: { queued: ['aix-marseille'] } });
    await adminConsole.idle();
    const link = await call('GET /rehearsal-link', a, scope);
    expect(link.status).toBe(200);
    expect(link.body.path).toMatch(/^\/_rehearsal\//);
    expect(Date.parse(link.body.expires)).toBeGreaterThan(Date.now());
    expect(await audit('aix-marseille')).toEqual(
      expect.arrayContaining(['rehearse:officier-a', 'rehearsal-link:officier-a']),
    );
  });
});
