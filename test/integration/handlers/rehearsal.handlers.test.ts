// The admin API's rehearsal routes: a capped, audited link per request, and
// the key rotation that revokes every link. The edge side of revocation is
// shown through the local CDN in test/integration/publication/rehearsal.test.ts.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as adminApi } from '../../../functions/admin-api/handler.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { lambdaClient } from '../../../functions/lambda-client.js';
import { logger } from '../../../functions/log.js';
import { FUNCTION_ENV, runFunctionsInProcess } from './functions-in-process.js';
import { REHEARSAL_KEY } from '../../../shared/publication/rehearsal-link.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { apiRequest, lambdaContext, officer } from './events.js';

const SLUG = 'rennes';
const SESSION = '2024-06';
const ID = 'r-rennes-dress-run';
const alice = officer('alice', ['rennes:publication']);
const fred = officer('fred', ['rennes:fraud']);
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;

beforeAll(async () => {
  stack = await startTestStack();
  Object.assign(process.env, stack.env, FUNCTION_ENV);
  vi.spyOn(logger, 'info').mockImplementation(() => undefined);
  t = publicationDepsFor(stack.env, systemClock);
  runFunctionsInProcess(lambdaClient(), () => t.deps);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.stop();
});

const call = async (routeKey: string, opts: Parameters<typeof apiRequest>[1]) => {
  const res = await adminApi(apiRequest(routeKey, opts), lambdaContext('admin-api'));
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
};
/**
 * Whether the edge function would accept the link: the check of functions/edge/viewer-request.js,
 * under the key now in the KVS.
 */
const signedUnderCurrentKey = async (path: string) => {
  const [, , id, exp, sig] = path.split('/');
  return (
    createHmac('sha256', (await t.kvs.get(REHEARSAL_KEY))!)
      .update(`${id}/${exp}`)
      .digest('hex') === sig
  );
};

describe('rehearsal routes of the admin API', () => {
  it(
    'mint a link to the newest rehearsal: 2 hours by default, more than 24 refused (409), ' +
      'audited with the caller',
    async () => {
      expect(
        (
          await call('GET /rehearsal-link', {
            claims: alice,
            query: { academie: SLUG, session: SESSION },
          })
        ).status,
      ).toBe(404);
      await t.deps.publications.recordRelease({
        id: ID,
        academie: SLUG,
        session: SESSION,
        groupe: 1,
        kind: 'rehearsal',
        candidates: 3,
        objects: 1,
        bytes: 20,
        renderedAt: new Date().toISOString(),
        renderedBy: 'alice',
      });

      const asked = Date.now();
      const link = await call('GET /rehearsal-link', {
        claims: alice,
        query: { academie: SLUG, session: SESSION },
      });
      expect(link).toMatchObject({
        status: 200,
        body: {
          id: ID,
          path: expect.stringMatching(
            new RegExp(`^/_rehearsal/${ID}/\\d{10}/[0-9a-f]{64}/${SLUG}/$`),
          ),
        },
      });
      expect(Math.abs(Date.parse(link.body.expires) - (asked + 2 * 3_600_000))).toBeLessThan(5_000);
      const day = await call('GET /rehearsal-link', {
        claims: alice,
        query: { academie: SLUG, session: SESSION, id: ID, validForMinutes: '1440' },
      });
      expect(day.status).toBe(200);

      expect(
        await call('GET /rehearsal-link', {
          claims: alice,
          query: { academie: SLUG, session: SESSION, validForMinutes: '1441' },
        }),
      ).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/24 hours at most/) },
      });
      expect(
        (
          await call('GET /rehearsal-link', {
            claims: alice,
            query: { academie: SLUG, session: SESSION, validForMinutes: 'soon' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call('GET /rehearsal-link', {
            claims: fred,
            query: { academie: SLUG, session: SESSION },
          })
        ).status,
      ).toBe(403);

      const minted = (await t.deps.audit.entries({ academie: SLUG })).filter(
        (e) => e.action === 'rehearsal-link',
      );
      expect(minted.map((e) => [e.actor, e.releaseId, e.detail])).toEqual([
        ['alice', ID, `rehearsal link minted, valid until ${link.body.expires}`],
        ['alice', ID, `rehearsal link minted, valid until ${day.body.expires}`],
      ]);
    },
  );

  it(
    'rotate the key for publication officers only (of any académie: one key signs every link): ' +
      'every earlier link is revoked, the rotation audited',
    async () => {
      await t.deps.publications.recordRelease({
        id: ID,
        academie: SLUG,
        session: SESSION,
        groupe: 1,
        kind: 'rehearsal',
        candidates: 3,
        objects: 1,
        bytes: 20,
        renderedAt: new Date().toISOString(),
        renderedBy: 'alice',
      });
      const before = (
        await call('GET /rehearsal-link', {
          claims: alice,
          query: { academie: SLUG, session: SESSION },
        })
      ).body.path as string;
      expect(await signedUnderCurrentKey(before)).toBe(true);

      expect((await call('POST /rehearsal/rotate-key', { claims: fred })).status).toBe(403);
      expect(
        (await call('POST /rehearsal/rotate-key', { claims: officer('ada', ['audit']) })).status,
      ).toBe(403);
      expect(await signedUnderCurrentKey(before)).toBe(true);
      const rotated = await call('POST /rehearsal/rotate-key', { claims: alice });
      expect(rotated).toEqual({ status: 200, body: { rotatedAt: expect.any(String) } });
      expect(await signedUnderCurrentKey(before)).toBe(false);

      const after = (
        await call('GET /rehearsal-link', {
          claims: alice,
          query: { academie: SLUG, session: SESSION },
        })
      ).body.path as string;
      expect(await signedUnderCurrentKey(after)).toBe(true);
      expect(
        (await t.deps.audit.entries())
          .filter((e) => e.action === 'rehearsal-key-rotation')
          .map((e) => [e.actor, e.at]),
      ).toEqual([['alice', rotated.body.rotatedAt]]);
    },
  );
});
