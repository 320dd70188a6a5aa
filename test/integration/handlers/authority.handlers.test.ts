// Who may do what, through the admin API handler with real-shaped Cognito
// claims: académie-scoped roles on every route, the two-person rule for
// whatever opens results early, fraud details kept from publication
// officers, and every attempt (refusals included) in the audit log. The
// handler is the raw adminApi with its error middleware, as deployed, over
// the embedded stack; its clock is the test's, so the 15-minute window can
// pass. The fraud function it invokes runs for real behind the Lambda stub.
import middy from '@middy/core';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminApi, httpErrors } from '../../../functions/admin-api/handler.js';
import { ROUTES, type RouteDeps } from '../../../functions/admin-api/routes.js';

import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { APPROVAL_WINDOW_MS } from '../../../shared/domain/publication/two-person.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { REDACTED_FRAUD_DETAIL } from '../../../shared/publication/officer-actions.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { rowToDecision } from '../../fixtures/stats/synthetic.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { testClientConfig, type SentCommand } from '../../unit/aws/sdk-stub.js';
import { runFunctionsInProcess } from './functions-in-process.js';
import { apiRequest, lambdaContext, officer } from './events.js';

const SESSION = '2024-06';
const clock = fixedClock('2024-07-03T06:00:00.000Z');
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let invoked: SentCommand[];
const releases = new Map<string, string>();
let numero: string;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
let handler: (event: Event) => Promise<APIGatewayProxyStructuredResultV2>;

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, clock);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  // Lambda has no emulator: renders are recorded; the fraud function runs for real, on the same
  // stack and clock.
  const lambda = new LambdaClient(testClientConfig);
  invoked = runFunctionsInProcess(lambda, () => t.deps, {
    render: 'render',
    fraud: 'fraud',
    publish: 'publish',
  });
  const d: RouteDeps = {
    deps: t.deps,
    lambda,
    renderFunction: 'render',
    fraudFunction: 'fraud',
    publishFunction: 'publish',
  };
  const wrapped = middy<Event, APIGatewayProxyStructuredResultV2>()
    .use(httpErrors())
    .handler((event) => adminApi(event, d));
  handler = (event) => wrapped(event, lambdaContext('admin-api'));

  // Each académie's decisions, and a release rendered ahead (by the system: the set-up is not what
  // is tested).
  for (const academie of ['aix-marseille', 'lyon', 'nice']) {
    const decisions = [
      ...generateFirstGroup({ academie, session: SESSION, candidates: 12, seed: 3 }),
    ].map(rowToDecision);
    const source = {
      file: `${academie}.csv`,
      sha256: '0'.repeat(64),
      line: 2,
      ingestedAt: '2024-07-02T07:00:00.000Z',
    };
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
    releases.set(academie, release.id);
    if (academie === 'aix-marseille') numero = decisions[0]!.numero;
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.stop();
});

const call = async (
  routeKey: string,
  claims: ReturnType<typeof officer>,
  opts: { body?: unknown; query?: Record<string, string> } = {},
) => {
  const res = await handler(apiRequest(routeKey, { claims, ...opts }));
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
};
const pointer = async (academie: string) => decodePointer(await t.kvs.get(pointerKey(academie)));
/** The académie's audit trail as `action:actor`, without the test's own set-up. */
const audit = async (academie: string) =>
  (await t.deps.audit.entries({ academie, session: SESSION }))
    .filter((e) => e.actor !== 'setup')
    .map((e) => `${e.action}:${e.actor}`);

describe('académie-scoped roles', () => {
  const AIX = { academie: 'aix-marseille', session: SESSION };
  /** One request per route, each on aix-marseille. */
  const onAix: Record<string, { body?: unknown; query?: Record<string, string> }> = {
    'POST /render': { body: { academies: ['aix-marseille'], session: SESSION, groupe: 1 } },
    'POST /rehearse': { body: { ...AIX, groupe: 1 } },
    'GET /rehearsal-link': { query: AIX },
    'POST /schedule': { body: { ...AIX, groupe: 1, at: '2024-07-04 10:00' } },
    'POST /publish': { body: { ...AIX, groupe: 1, now: true } },
    'POST /approve': { body: { ...AIX, groupe: 1 } },
    'GET /status': { query: AIX },
    'GET /audit': { query: AIX },
    'POST /fraud/flag': { body: { ...AIX, numero: '13000001', pv: 'PV-1' } },
    'POST /fraud/release': { body: { ...AIX, numero: '13000001' } },
    'GET /fraud': { query: AIX },
    'POST /codes/export': {
      body: {
        ...AIX,
        inscriptions: [
          'numero;nom;prenoms;uai',
          ...[...generateFirstGroup({ ...AIX, candidates: 2, seed: 1 })].map((r) =>
            [r.numero_candidat, r.nom, r.prenoms, r.uai].join(';'),
          ),
        ].join('\n'),
      },
    },
  };

  it(
    'refuses an officer of another académie on every route (403), changes nothing, and audits ' +
      'each refusal',
    async () => {
      // Every route that names an académie is here (the rotation names none: see below).
      expect(Object.keys(onAix).sort()).toEqual(
        Object.keys(ROUTES)
          .filter((r) => r !== 'POST /rehearsal/rotate-key')
          .sort(),
      );
      const nadia = officer('nadia', ['amiens:publication', 'amiens:fraud']);
      const before = invoked.length;
      // Other tests of this file act on aix-marseille too: what counts is that nothing changes.
      const state = async () => ({
        plan: await t.deps.publications.plan(SESSION, 'aix-marseille', 1),
        pointer: await pointer('aix-marseille'),
        fraud: await t.deps.fraud.list(SESSION, 'aix-marseille'),
      });
      const unchanged = await state();
      for (const [route, request] of Object.entries(onAix)) {
        const res = await call(route, nadia, request);
        expect(res, route).toMatchObject({
          status: 403,
          body: {
            error: 'forbidden',
            message: expect.stringMatching(
              /for aix-marseille: requires the role aix-marseille:(publication|fraud)/,
            ),
          },
        });
      }
      // Nothing queued, nothing planned, nothing published or withheld.
      expect(invoked.slice(before).filter((c) => c.input.FunctionName === 'render')).toEqual([]);
      expect(await state()).toEqual(unchanged);
      const refused = (await t.deps.audit.entries({ academie: 'aix-marseille' })).filter(
        (e) => e.actor === 'nadia',
      );
      expect(refused).toHaveLength(Object.keys(onAix).length);
      expect(new Set(refused.map((e) => e.action))).toEqual(new Set(['refused']));
    },
  );

  it(
    'refuses a role of the other kind on the same académie, the audit reader any action, and ' +
      'the former global groups anything',
    async () => {
      const fred = officer('fred', ['aix-marseille:fraud']);
      const alice = officer('alice', ['aix-marseille:publication']);
      const ada = officer('ada', ['audit']);
      const olga = officer('olga', ['publication-officers', 'fraud-officers']);
      const pointerBefore = await pointer('aix-marseille');
      expect(await call('POST /publish', fred, onAix['POST /publish'])).toMatchObject({
        status: 403,
        body: { message: expect.stringMatching(/requires the role aix-marseille:publication$/) },
      });
      expect(await call('POST /fraud/flag', alice, onAix['POST /fraud/flag'])).toMatchObject({
        status: 403,
        body: { message: expect.stringMatching(/requires the role aix-marseille:fraud$/) },
      });
      for (const route of [
        'POST /render',
        'POST /schedule',
        'POST /publish',
        'POST /fraud/flag',
        'POST /rehearsal/rotate-key',
      ]) {
        expect((await call(route, ada, onAix[route] ?? {})).status, route).toBe(403);
        expect((await call(route, olga, onAix[route] ?? {})).status, route).toBe(403);
      }
      // The rotation revokes every académie's links: any publication officer, not a fraud officer.
      expect((await call('POST /rehearsal/rotate-key', fred)).status).toBe(403);
      expect(
        await call('POST /rehearsal/rotate-key', officer('nadia', ['amiens:publication'])),
      ).toMatchObject({ status: 200 });
      expect(await pointer('aix-marseille')).toEqual(pointerBefore);
    },
  );

  it(
    "shows status to the officer's académies only, and every académie to the audit " + 'reader',
    async () => {
      const leo = officer('leo', ['lyon:publication']);
      expect(
        (await call('GET /status', leo, { query: { session: SESSION } })).body.map(
          (r: { academie: string }) => r.academie,
        ),
      ).not.toContain('aix-marseille');
      expect(
        (await call('GET /status', leo, { query: { academie: 'lyon', session: SESSION } })).body,
      ).toEqual([expect.objectContaining({ academie: 'lyon', groupe: 1 })]);
      const all = await call('GET /status', officer('ada', ['audit']), {
        query: { academie: 'nice', session: SESSION },
      });
      expect(all).toMatchObject({
        status: 200,
        body: [{ academie: 'nice', release: { id: releases.get('nice') } }],
      });
      expect((await call('GET /status', officer('nobody', []), { query: {} })).status).toBe(403);
    },
  );
});

describe('two-person rule', () => {
  it(
    'publish-now by one officer does nothing until a second officer of the académie approves; ' +
      'self-approval is refused',
    async () => {
      const leo = officer('leo', ['lyon:publication']);
      const lucie = officer('lucie', ['lyon:publication']);
      const body = { academie: 'lyon', session: SESSION, groupe: 1 };

      const asked = await call('POST /publish', leo, { body: { ...body, now: true } });
      expect(asked).toMatchObject({
        status: 202,
        body: {
          state: 'awaiting-approval',
          request: { requestedBy: 'leo', kind: 'publish-now', state: 'pending' },
          approveWith: {
            route: 'POST /approve',
            body: { ...body, id: expect.stringMatching(/^req-/) },
          },
        },
      });
      expect(await pointer('lyon')).toBeUndefined();

      expect(await call('POST /approve', leo, { body })).toMatchObject({
        status: 403,
        body: {
          error: 'forbidden',
          message: expect.stringMatching(/leo made request req-\w+ and may not approve it/),
        },
      });
      expect(
        (await call('POST /approve', officer('nadia', ['amiens:publication']), { body })).status,
      ).toBe(403);
      expect(
        (await call('POST /approve', officer('fabien', ['lyon:fraud']), { body })).status,
      ).toBe(403);
      expect(await pointer('lyon')).toBeUndefined();

      const approved = await call('POST /approve', lucie, { body: asked.body.approveWith.body });
      expect(approved).toMatchObject({
        status: 200,
        body: {
          request: { requestedBy: 'leo', approvedBy: 'lucie', state: 'approved' },
          plan: { state: 'published', releaseId: releases.get('lyon') },
        },
      });
      expect(await pointer('lyon')).toMatchObject({ current: releases.get('lyon'), next: null });
      // Carried out once: approving again finds nothing pending.
      expect(await call('POST /approve', lucie, { body })).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/no request awaits approval/) },
      });

      expect(await audit('lyon')).toEqual(
        expect.arrayContaining([
          'publish-request:leo',
          'refused:leo',
          'refused:nadia',
          'refused:fabien',
          'approve:lucie',
          'publish:lucie',
        ]),
      );
      const published = (await t.deps.audit.entries({ academie: 'lyon' })).find(
        (e) => e.action === 'publish',
      )!;
      expect(published.detail).toMatch(/requested by leo/);
    },
  );

  it(
    'refuses an approval once 15 minutes have passed; a new request can then be ' + 'approved',
    async () => {
      const nina = officer('nina', ['nice:publication']);
      const noe = officer('noe', ['nice:publication']);
      const body = { academie: 'nice', session: SESSION, groupe: 1 };
      const asked = await call('POST /publish', nina, { body: { ...body, now: true } });
      expect(asked.status).toBe(202);
      // A colleague's pending request cannot be replaced by someone else.
      expect(await call('POST /publish', noe, { body: { ...body, now: true } })).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/a request by nina awaits approval/) },
      });

      clock.set(new Date(clock.now().getTime() + APPROVAL_WINDOW_MS));
      expect(await call('POST /approve', noe, { body })).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/expired at .*nothing was done; ask again/) },
      });
      expect(await pointer('nice')).toBeUndefined();
      expect(await audit('nice')).toEqual(['publish-request:nina', 'refused:noe']);

      const again = await call('POST /publish', nina, { body: { ...body, now: true } });
      expect(again.body.request.id).not.toBe(asked.body.request.id);
      clock.set(new Date(clock.now().getTime() + APPROVAL_WINDOW_MS - 1_000));
      // The expired request's id names nothing any more.
      expect((await call('POST /approve', noe, { body: asked.body.approveWith.body })).status).toBe(
        409,
      );
      expect((await call('POST /approve', noe, { body: again.body.approveWith.body })).status).toBe(
        200,
      );
      expect(await pointer('nice')).toMatchObject({ current: releases.get('nice') });
    },
  );

  it(
    'sets a first or later instant with one officer; an earlier one waits for a ' + 'second',
    async () => {
      const dora = officer('dora', ['dijon:publication']);
      const denis = officer('denis', ['dijon:publication']);
      const plan = { academie: 'dijon', session: SESSION, groupe: 1 };
      expect(
        await call('POST /schedule', dora, { body: { ...plan, at: '2024-07-10 10:00' } }),
      ).toMatchObject({ status: 200, body: { state: 'scheduled', local: '2024-07-10 10:00' } });
      expect(
        await call('POST /schedule', dora, { body: { ...plan, at: '2024-07-11 10:00' } }),
      ).toMatchObject({ status: 200, body: { local: '2024-07-11 10:00' } });

      const earlier = await call('POST /schedule', dora, {
        body: { ...plan, at: '2024-07-09 10:00' },
      });
      expect(earlier).toMatchObject({
        status: 202,
        body: {
          request: { kind: 'schedule-earlier', at: '2024-07-09 10:00', requestedBy: 'dora' },
        },
      });
      expect((await t.deps.publications.plan(SESSION, 'dijon', 1))!.local).toBe('2024-07-11 10:00');
      expect((await call('POST /approve', dora, { body: plan })).status).toBe(403);
      expect(await call('POST /approve', denis, { body: plan })).toMatchObject({
        status: 200,
        body: { plan: { state: 'scheduled', local: '2024-07-09 10:00' } },
      });
      expect((await t.deps.publications.plan(SESSION, 'dijon', 1))!.local).toBe('2024-07-09 10:00');
      expect(await audit('dijon')).toEqual([
        'schedule:dora',
        'schedule:dora',
        'schedule-request:dora',
        'refused:dora',
        'approve:denis',
        'schedule:denis',
      ]);
    },
  );
});

describe('audit visibility', () => {
  it(
    "shows fraud details to the académie's fraud officers and the audit reader only; " +
      'publication officers see them redacted',
    async () => {
      const fred = officer('fred', ['aix-marseille:fraud']);
      const flagged = await call('POST /fraud/flag', fred, {
        body: { academie: 'aix-marseille', session: SESSION, numero, pv: 'PV-2024-77' },
      });
      expect(flagged).toMatchObject({ status: 200, body: { flag: { numero, state: 'flagged' } } });
      const query = { academie: 'aix-marseille', session: SESSION };

      const asPublication = await call(
        'GET /audit',
        officer('alice', ['aix-marseille:publication']),
        { query },
      );
      expect(asPublication.status).toBe(200);
      expect(
        asPublication.body.filter((e: { action: string }) => e.action === 'fraud-flag'),
      ).toEqual([expect.objectContaining({ actor: 'fred', detail: REDACTED_FRAUD_DETAIL })]);
      expect(JSON.stringify(asPublication.body)).not.toContain(numero);
      expect(JSON.stringify(asPublication.body)).not.toContain('PV-2024-77');

      for (const reader of [fred, officer('ada', ['audit'])]) {
        const full = await call('GET /audit', reader, { query });
        expect(full.body.filter((e: { action: string }) => e.action === 'fraud-flag')).toEqual([
          expect.objectContaining({ detail: `candidate ${numero} withheld (PV PV-2024-77)` }),
        ]);
      }
      // Another académie's officer: refused by name, and nothing of aix-marseille but their own
      // attempts otherwise.
      const leo = officer('leo', ['lyon:publication']);
      expect((await call('GET /audit', leo, { query })).status).toBe(403);
      const own = await call('GET /audit', leo, { query: { session: SESSION } });
      expect(
        own.body.filter(
          (e: { academie: string; actor: string }) =>
            e.academie === 'aix-marseille' && e.actor !== 'leo',
        ),
      ).toEqual([]);
      expect(JSON.stringify(own.body)).not.toContain(numero);
    },
  );
});
