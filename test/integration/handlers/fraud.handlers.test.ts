import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as adminApi } from '../../../functions/admin-api/handler.js';
import { handler as fraud, type FraudResult } from '../../../functions/fraud/handler.js';
import { handler as ingest } from '../../../functions/ingest/handler.js';
import { lambdaClient } from '../../../functions/lambda-client.js';
import { handler as render } from '../../../functions/render/handler.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { publishNow } from '../../../shared/publication/publication.usecase.js';
import { s3ClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { logger } from '../../../functions/log.js';
import { stubClient, type SentCommand } from '../../unit/aws/sdk-stub.js';
import { FUNCTION_ENV } from './functions-in-process.js';
import { apiRequest, lambdaContext, officer, s3Created } from './events.js';

const SLUG = 'aix-marseille';
const SESSION = '2024-06';
const FRED = ['aix-marseille:fraud'];
// MARTIN Léa, admitted and consenting, school 0130040Y (test/fixtures/decisions/good.csv)
const NUMERO = '24000000001';
let stack: TestStack;
let invoked: SentCommand[];
let answer: FraudResult = { ok: true, result: [] };
const logged: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  Object.assign(process.env, stack.env, FUNCTION_ENV);
  invoked = stubClient(lambdaClient(), () => ({
    StatusCode: 200,
    Payload: new TextEncoder().encode(JSON.stringify(answer)),
  }));
  // What the functions log (Powertools), as the JSON lines CloudWatch would keep.
  for (const level of ['info', 'error', 'warn'] as const)
    vi.spyOn(logger, level).mockImplementation(
      (...args: unknown[]) => void logged.push(JSON.stringify(args)),
    );
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
  await render(
    {
      academie: SLUG,
      session: SESSION,
      groupe: 1,
      actor: 'alice',
      roles: ['aix-marseille:publication'],
    },
    lambdaContext('render'),
  );
  await publishNow(publicationDepsFor(stack.env, systemClock).deps, {
    academie: SLUG,
    session: SESSION,
    groupe: 1,
    actor: 'alice',
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.stop();
});

/** The school's list in the live release; '' once removed (its only listed candidate withheld). */
const list = async () => {
  const res = await s3ClientFor(stack.env)
    .send(
      new GetObjectCommand({
        Bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
        Key: `releases/${await live()}/${SLUG}/listes/0130040Y.html`,
      }),
    )
    .catch(() => undefined);
  return (await res?.Body!.transformToString()) ?? '';
};
const live = async () =>
  (await publicationDepsFor(stack.env, systemClock).deps.publications.plan(SESSION, SLUG, 1))!
    .releaseId;

describe('fraud function', () => {
  it(
    'withholds a live result: the list of the live release is rewritten in place, then ' +
      'released back',
    async () => {
      expect(await list()).toContain('MARTIN');
      const flagged = await fraud(
        {
          action: 'flag',
          academie: SLUG,
          session: SESSION,
          numero: NUMERO,
          pv: 'PV-1',
          actor: 'fred',
          roles: FRED,
        },
        lambdaContext('fraud'),
      );
      expect(flagged).toMatchObject({
        ok: true,
        result: { flag: { numero: NUMERO, state: 'flagged' }, takedown: { state: 'complete' } },
      });
      expect(await list()).not.toContain('MARTIN');
      expect(
        await fraud(
          { action: 'list', academie: SLUG, session: SESSION, actor: 'fred', roles: FRED },
          lambdaContext('fraud'),
        ),
      ).toMatchObject({ ok: true, result: [{ numero: NUMERO, pv: 'PV-1' }] });
      expect(
        await fraud(
          {
            action: 'release',
            academie: SLUG,
            session: SESSION,
            numero: NUMERO,
            now: true,
            actor: 'fred',
            roles: FRED,
          },
          lambdaContext('fraud'),
        ),
      ).toMatchObject({ ok: true });
      expect(await list()).toContain('MARTIN');
      expect(
        await fraud(
          {
            action: 'release',
            academie: SLUG,
            session: SESSION,
            numero: NUMERO,
            actor: 'fred',
            roles: FRED,
          },
          lambdaContext('fraud'),
        ),
      ).toEqual({ ok: false, error: expect.stringMatching(/is not withheld/) });
      // The function checks the officer it is given: a fraud officer of another académie changes
      // nothing.
      expect(
        await fraud(
          {
            action: 'flag',
            academie: SLUG,
            session: SESSION,
            numero: NUMERO,
            actor: 'fanny',
            roles: ['amiens:fraud'],
          },
          lambdaContext('fraud'),
        ),
      ).toEqual({
        ok: false,
        error: expect.stringMatching(/requires the role aix-marseille:fraud/),
        forbidden: true,
      });
      expect(await list()).toContain('MARTIN');
      // The function logs the effect, never the candidate.
      expect(logged.join('\n')).toMatch(/fraud flag/);
      expect(logged.join('\n')).not.toContain(NUMERO);
    },
  );
});

describe('admin API fraud routes', () => {
  const call = async (
    routeKey: string,
    claims: ReturnType<typeof officer>,
    opts: { body?: unknown; query?: Record<string, string> },
  ) => {
    const res = await adminApi(
      apiRequest(routeKey, { claims, ...opts }),
      lambdaContext('admin-api'),
    );
    return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
  };

  it(
    'call the fraud function synchronously as the caller (it checks the roles), and answer its ' +
      'refusals',
    async () => {
      answer = {
        ok: false,
        error:
          'alice may not open or close a fraud procedure for aix-marseille: requires the role ' +
          'aix-marseille:fraud',
        forbidden: true,
      };
      expect(
        await call('POST /fraud/flag', officer('alice', ['aix-marseille:publication']), {
          body: { academie: SLUG, session: SESSION, numero: NUMERO },
        }),
      ).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      answer = { ok: true, result: { flag: { state: 'flagged' } } };
      const res = await call('POST /fraud/flag', officer('fred', ['aix-marseille:fraud']), {
        body: { academie: SLUG, session: SESSION, numero: NUMERO, pv: 'PV-2' },
      });
      expect(res).toEqual({ status: 200, body: { flag: { state: 'flagged' } } });
      const sent = invoked.at(-1)!;
      expect(sent.name).toBe('InvokeCommand');
      expect(sent.input).toMatchObject({
        FunctionName: 'publibac-test-fraud',
        InvocationType: 'RequestResponse',
      });
      expect(JSON.parse(new TextDecoder().decode(sent.input.Payload as Uint8Array))).toEqual({
        action: 'flag',
        academie: SLUG,
        session: SESSION,
        numero: NUMERO,
        pv: 'PV-2',
        actor: 'fred',
        roles: ['aix-marseille:fraud'],
      });

      answer = {
        ok: false,
        error: 'candidate 24000000001 is not withheld in aix-marseille 2024-06',
      };
      expect(
        await call('POST /fraud/release', officer('fred', ['aix-marseille:fraud']), {
          body: { academie: SLUG, session: SESSION, numero: NUMERO, now: true },
        }),
      ).toMatchObject({ status: 409, body: { error: 'refused' } });
      expect(
        (
          await call('GET /fraud', officer('fred', ['aix-marseille:fraud']), {
            query: { academie: SLUG },
          })
        ).status,
      ).toBe(400);
    },
  );
});
