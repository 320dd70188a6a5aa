import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as adminApi } from '../../../functions/admin-api/handler.js';
import { handler as ingest } from '../../../functions/ingest/handler.js';
import { InvalidEventError } from '../../../functions/parse-event.js';
import { handler as publish } from '../../../functions/publish/handler.js';
import { lambdaClient } from '../../../functions/lambda-client.js';
import { handler as render } from '../../../functions/render/handler.js';
import { DynamoArmTriggers } from '../../../shared/adapters/dynamodb/arm-triggers.dynamodb.js';
import { controlTableAdapters } from '../../../shared/adapters/dynamodb/control-adapters.js';
import { S3ReleaseStorage } from '../../../shared/adapters/s3/release-writer.s3.js';
import { DynamoEdgeKeyValueStore } from '../../../shared/adapters/dynamodb/edge-kvs.dynamodb.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import {
  dynamoClientFor,
  s3ClientFor,
  startTestStack,
  type TestStack,
} from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { logger } from '../../../functions/log.js';
import type { SentCommand } from '../../unit/aws/sdk-stub.js';
import { FUNCTION_ENV, runFunctionsInProcess } from './functions-in-process.js';
import { apiRequest, lambdaContext, officer, s3Created } from './events.js';

const SLUG = 'aix-marseille';
const SESSION = '2024-06';
const alice = officer('alice', ['aix-marseille:publication']);
const bruno = officer('bruno', ['aix-marseille:publication']);
const fred = officer('fred', ['aix-marseille:fraud']);
let stack: TestStack;
let invoked: SentCommand[];
const logged: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  Object.assign(process.env, stack.env, FUNCTION_ENV);
  // Lambda has no emulator: the fan-out's client is stubbed at the SDK boundary, the publish
  // function runs in process.
  invoked = runFunctionsInProcess(
    lambdaClient(),
    () => publicationDepsFor(stack.env, systemClock).deps,
  );
  // What the functions log (Powertools), as the JSON lines CloudWatch would keep.
  for (const level of ['info', 'error', 'warn'] as const)
    vi.spyOn(logger, level).mockImplementation(
      (...args: unknown[]) => void logged.push(JSON.stringify(args)),
    );
  // Decisions arrive as in production: a file in the ingest bucket, then its notification.
  const body = await readFile(join(import.meta.dirname, '../../fixtures/decisions/good.csv'));
  await s3ClientFor(stack.env).send(
    new PutObjectCommand({
      Bucket: stack.env.PUBLIBAC_INGEST_BUCKET!,
      Key: 'incoming/good.csv',
      Body: body,
    }),
  );
  await ingest(
    s3Created(stack.env.PUBLIBAC_INGEST_BUCKET!, 'incoming/good.csv', body.length),
    lambdaContext('ingest'),
  );
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.stop();
});

const call = async (routeKey: string, opts: Parameters<typeof apiRequest>[1]) => {
  const res = await adminApi(apiRequest(routeKey, opts), lambdaContext('admin-api'));
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
};
const pointer = async () =>
  decodePointer(
    await new DynamoEdgeKeyValueStore({
      client: dynamoClientFor(stack.env),
      tableName: stack.env.PUBLIBAC_EDGE_KVS_TABLE!,
    }).get(pointerKey(SLUG)),
  );
const exists = async (key: string) =>
  s3ClientFor(stack.env)
    .send(new HeadObjectCommand({ Bucket: stack.env.PUBLIBAC_SITE_BUCKET!, Key: key }))
    .then(
      () => true,
      () => false,
    );
// Tomorrow 10:00 in the académie's time zone: the schedule is in the future whatever the day the
// test runs.
const tomorrow = DateTime.now().setZone('Europe/Paris').plus({ days: 1 }).toFormat('yyyy-MM-dd');
let releaseId: string;

describe('render handler', () => {
  it('renders one académie to a verified release under releases/', async () => {
    const result = await render(
      {
        academie: SLUG,
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        roles: ['aix-marseille:publication'],
      },
      lambdaContext('render'),
    );
    expect(result).toMatchObject({
      ok: true,
      academie: SLUG,
      kind: 'release',
      candidates: expect.any(Number),
    });
    releaseId = result.ok ? result.releaseId : '';
    expect(await exists(`releases/${releaseId}/manifest.json`)).toBe(true);
  });

  it(
    'returns a refusal (no retry) for an académie with nothing ingested, and throws on a ' +
      'malformed event',
    async () => {
      expect(
        await render(
          {
            academie: 'lyon',
            session: SESSION,
            groupe: 1,
            actor: 'alice',
            roles: ['lyon:publication'],
          },
          lambdaContext('render'),
        ),
      ).toMatchObject({ ok: false, error: expect.stringMatching(/no decisions stored/) });
      // The officer travels with the event and is checked again: a role of another académie renders
      // nothing.
      expect(
        await render(
          {
            academie: 'lyon',
            session: SESSION,
            groupe: 1,
            actor: 'alice',
            roles: ['aix-marseille:publication'],
          },
          lambdaContext('render'),
        ),
      ).toMatchObject({
        ok: false,
        error: expect.stringMatching(/requires the role lyon:publication/),
      });
      await expect(
        render(
          {
            academie: 'Lyon!',
            session: SESSION,
            groupe: 1,
            actor: 'alice',
            roles: ['aix-marseille:publication'],
          },
          lambdaContext('render'),
        ),
      ).rejects.toBeInstanceOf(InvalidEventError);
    },
  );
});

// One académie's publication day through the deployed handlers, step by step in the order the
// officers take them (render, schedule, arm, publish now, expire the lists, read the audit):
// each step starts from the state the previous one left, so this story keeps its order when the
// suite is shuffled. It renders its own release first, whatever ran before it.
describe('admin API and publish handlers', { shuffle: false }, () => {
  beforeAll(async () => {
    const result = await render(
      {
        academie: SLUG,
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        roles: ['aix-marseille:publication'],
      },
      lambdaContext('render'),
    );
    if (!result.ok) throw new Error('the story needs a rendered release');
    releaseId = result.releaseId;
  });

  it(
    'schedules for a publication officer: plan, arm trigger, announcement, audited with the ' +
      'caller',
    async () => {
      const res = await call('POST /schedule', {
        claims: alice,
        body: { academie: SLUG, session: SESSION, groupe: 1, at: tomorrow },
      });
      expect(res).toMatchObject({
        status: 200,
        body: { state: 'scheduled', local: `${tomorrow} 10:00`, timeZone: 'Europe/Paris' },
      });
      const triggers = await new DynamoArmTriggers({
        client: dynamoClientFor(stack.env),
        tableName: stack.env.PUBLIBAC_CONTROL_TABLE!,
      }).due(new Date(Date.now() + 3 * 86400_000));
      expect(triggers).toEqual([
        expect.objectContaining({ academie: SLUG, session: SESSION, groupe: 1 }),
      ]);
      expect(await exists(`announcements/${SLUG}/index.html`)).toBe(true);
    },
  );

  it('arms the pointer from the scheduler payload, opening at the planned instant', async () => {
    const result = await publish(
      { academie: SLUG, session: SESSION, groupe: 1 },
      lambdaContext('publish'),
    );
    expect(result).toEqual({ armed: true, releaseId });
    const planned = (
      await call('GET /status', { claims: alice, query: { academie: SLUG, session: SESSION } })
    ).body[0];
    expect(planned).toMatchObject({ groupe: 1, plan: { state: 'armed', releaseId }, live: false });
    expect(planned.lists).toMatchObject({ expired: false, withdrawnAt: null });
    expect(await pointer()).toEqual({
      v: 1,
      current: null,
      next: releaseId,
      notBefore: Date.parse(planned.plan.instant),
      listsUntil: Date.parse(planned.lists.expiresAt),
    });
  });

  it(
    'checks the caller: 401 without identity, 403 outside the group, 400 on a bad body, 409 ' +
      'when the use case refuses',
    async () => {
      expect(
        (
          await call('POST /schedule', {
            body: { academie: SLUG, session: SESSION, groupe: 1, at: tomorrow },
          })
        ).status,
      ).toBe(401);
      expect(
        await call('POST /schedule', {
          claims: fred,
          body: { academie: SLUG, session: SESSION, groupe: 1, at: tomorrow },
        }),
      ).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(
        await call('POST /schedule', { claims: alice, body: { academie: SLUG, groupe: 3 } }),
      ).toMatchObject({
        status: 400,
        body: {
          error: 'invalid-request',
          issues: expect.arrayContaining([expect.stringMatching(/^session/)]),
        },
      });
      expect(
        await call('POST /schedule', {
          claims: alice,
          body: { academie: SLUG, session: SESSION, groupe: 1, at: '2020-07-04 10:00' },
        }),
      ).toMatchObject({
        status: 409,
        body: { error: 'refused', message: expect.stringMatching(/not in the future/) },
      });
      expect((await call('GET /nowhere', { claims: alice })).status).toBe(404);
    },
  );

  it('queues one asynchronous render per académie of the caller, with the caller', async () => {
    const both = officer('alice', ['aix-marseille:publication', 'nice:publication']);
    const res = await call('POST /render', {
      claims: both,
      body: { academies: [SLUG, 'nice'], session: SESSION, groupe: 1 },
    });
    expect(res).toEqual({ status: 202, body: { queued: [SLUG, 'nice'] } });
    const roles = ['aix-marseille:publication', 'nice:publication'];
    // Earlier tests scheduled through the publish function; renders are what is asked here.
    const renders = () => invoked.filter((c) => c.input.FunctionName === 'publibac-test-render');
    expect(
      renders().map((c) => [
        c.name,
        c.input.FunctionName,
        c.input.InvocationType,
        JSON.parse(new TextDecoder().decode(c.input.Payload as Uint8Array)),
      ]),
    ).toEqual([
      [
        'InvokeCommand',
        'publibac-test-render',
        'Event',
        { academie: SLUG, session: SESSION, groupe: 1, kind: 'release', actor: 'alice', roles },
      ],
      [
        'InvokeCommand',
        'publibac-test-render',
        'Event',
        { academie: 'nice', session: SESSION, groupe: 1, kind: 'release', actor: 'alice', roles },
      ],
    ]);
    // One académie not the caller's: nothing is queued.
    expect(
      (
        await call('POST /render', {
          claims: alice,
          body: { academies: [SLUG, 'nice'], session: SESSION, groupe: 1 },
        })
      ).status,
    ).toBe(403);
    expect(renders()).toHaveLength(2);
  });

  it(
    'publishes now once a second officer approves, and makes a signed link to the newest ' +
      'rehearsal',
    async () => {
      expect(
        await call('POST /publish', {
          claims: alice,
          body: { academie: SLUG, session: SESSION, groupe: 1, now: true },
        }),
      ).toMatchObject({ status: 202, body: { state: 'awaiting-approval' } });
      expect(
        await call('POST /approve', {
          claims: bruno,
          body: { academie: SLUG, session: SESSION, groupe: 1 },
        }),
      ).toMatchObject({ status: 200, body: { plan: { state: 'published', releaseId } } });
      expect(await pointer()).toMatchObject({
        v: 1,
        current: releaseId,
        next: null,
        notBefore: null,
        listsUntil: expect.any(Number),
      });

      expect(
        (
          await call('GET /rehearsal-link', {
            claims: alice,
            query: { academie: SLUG, session: SESSION },
          })
        ).status,
      ).toBe(404);
      const rehearsal = await render(
        {
          academie: SLUG,
          session: SESSION,
          groupe: 1,
          kind: 'rehearsal',
          actor: 'alice',
          roles: ['aix-marseille:publication'],
        },
        lambdaContext('render'),
      );
      expect(rehearsal).toMatchObject({ ok: true, kind: 'rehearsal' });
      const link = await call('GET /rehearsal-link', {
        claims: alice,
        query: { academie: SLUG, session: SESSION },
      });
      expect(link).toMatchObject({
        status: 200,
        body: {
          path: expect.stringMatching(
            new RegExp(`^/_rehearsal/[a-z0-9-]+/\\d{10}/[0-9a-f]{64}/${SLUG}/$`),
          ),
        },
      });
    },
  );

  it(
    'runs the scheduled "expire lists" step: early, it waits; once expired, the live release ' +
      'loses its lists',
    async () => {
      const early = await publish(
        { step: 'expire-lists', academie: SLUG, session: SESSION },
        lambdaContext('publish'),
      );
      expect(early).toMatchObject({ state: 'pending', expiresAt: expect.any(String) });
      // The handler runs on the system clock: move the session's expiry into the past instead.
      const { publications } = controlTableAdapters(
        dynamoClientFor(stack.env),
        stack.env.PUBLIBAC_CONTROL_TABLE!,
      );
      const plan = (await publications.plan(SESSION, SLUG, 1))!;
      const storage = new S3ReleaseStorage({
        client: s3ClientFor(stack.env),
        bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
      });
      const before = (await storage.currentManifest(releaseId))!.files.filter((f) =>
        f.path.includes('/listes/'),
      );
      expect(before.length).toBeGreaterThan(0);
      await publications.savePlan({
        ...plan,
        listsExpireAt: new Date(Date.now() - 1000).toISOString(),
      });

      const result = await publish(
        { step: 'expire-lists', academie: SLUG, session: SESSION },
        lambdaContext('publish'),
      );
      expect(result).toMatchObject({ state: 'withdrawn', takedown: { releaseId } });
      for (const f of before)
        expect(await exists(`releases/${releaseId}/${f.path}`), f.path).toBe(false);
      expect(
        (await storage.currentManifest(releaseId))!.files.filter((f) =>
          f.path.includes('/listes/'),
        ),
      ).toEqual([]);
      const audit = await call('GET /audit', {
        claims: alice,
        query: { academie: SLUG, session: SESSION },
      });
      expect(audit.body.at(-1)).toMatchObject({
        action: 'expire-lists',
        actor: 'scheduler',
        releaseId,
      });
      expect((await pointer())!.listsUntil).toBeLessThanOrEqual(Date.now());
      await expect(
        publish({ step: 'expire-lists', academie: SLUG } as never, lambdaContext('publish')),
      ).rejects.toBeInstanceOf(InvalidEventError);
    },
  );

  it('shows the audit trail to fraud officers, with each caller as actor', async () => {
    const res = await call('GET /audit', {
      claims: fred,
      query: { academie: SLUG, session: SESSION },
    });
    expect(res.status).toBe(200);
    expect(
      res.body.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`),
    ).toEqual(
      expect.arrayContaining([
        'render:alice',
        'schedule:alice',
        'arm:scheduler',
        'publish-request:alice',
        'approve:bruno',
        'publish:bruno',
        'rehearse:alice',
      ]),
    );
  });

  it('logs counts and ids, never a name or a candidate number', async () => {
    const ingested = await readFile(
      join(import.meta.dirname, '../../fixtures/decisions/good.csv'),
      'utf8',
    );
    const personal = ingested
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.split(';').slice(2, 5));
    const all = logged.join('\n');
    expect(all).toMatch(/release rendered/);
    for (const value of personal) expect(all).not.toContain(value);
  });
});
