import { createHash } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision, DecisionVersion } from '../../../shared/domain/decision.schema.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { PublicationError } from '../../../shared/publication/publication.deps.js';
import {
  ARM_RETRY_MS,
  publishNow,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../../shared/publication/scheduler.js';
import { publicationStatus } from '../../../shared/publication/status.usecase.js';
import {
  lookupResult,
  NEUTRAL_MESSAGE_FR,
  readParams,
} from '../../../shared/render/lookup/lookup-client.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { codeOf, publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

// Each académie below is its own scenario, so tests share one stack without clearing it.
const SESSION = '2024-06';
const G1_LOCAL = '2024-07-04 10:00'; // Europe/Paris, summer time: 08:00Z
const G1 = Date.parse('2024-07-04T08:00:00.000Z');
const G2 = Date.parse('2024-07-09T16:00:00.000Z'); // 18:00 in Paris
const LISTS_UNTIL = G1 + 30 * 24 * 3600_000; // the name lists' default period, from the first group
const ITERATIONS = 1_000;

let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(G1 - 3 * 24 * 3600_000));
let t: ReturnType<typeof publicationDepsFor>;

function version(d: Decision): DecisionVersion {
  return {
    ...d,
    digest: decisionDigest(d),
    source: {
      file: 'test.csv',
      sha256: '0'.repeat(64),
      line: 2,
      ingestedAt: '2024-07-03T00:00:00.000Z',
    },
  };
}
function cohort(academie: string, departement: string, uai: string): Decision[] {
  const base = {
    session: SESSION,
    academie,
    departement,
    uai,
    deliberation: '2024-07-03T15:00:00.000Z',
  };
  return [
    decision({
      ...base,
      numero: `${departement}00001`,
      nom: 'ADMIS',
      decision: 'ADMIS',
      mention: 'B',
      moyenne: 14.5,
    }),
    decision({
      ...base,
      numero: `${departement}00002`,
      nom: 'ORAL',
      decision: 'SECOND_GROUPE',
      mention: null,
      moyenne: 9.1,
      dateNaissance: '2006-11-30',
    }),
    decision({
      ...base,
      numero: `${departement}00003`,
      nom: 'AJOURNE',
      decision: 'AJOURNE',
      mention: null,
      moyenne: 6,
    }),
  ];
}
const at = (ms: number) => {
  clock.set(new Date(ms));
};
const status = async (url: string) => (await fetch(url)).status;
const pointerOf = async (slug: string) => decodePointer(await t.kvs.get(pointerKey(slug)));

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, clock);
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
    clock,
  });
  for (const [slug, dep, uai] of [
    ['lyon', '69', '0690001A'],
    ['nice', '06', '0060001A'],
    ['grenoble', '38', '0380001A'],
    ['dijon', '21', '0210001A'],
    ['besancon', '25', '0250001A'],
  ] as const) {
    await t.deps.decisions.appendVersions(cohort(slug, dep, uai).map(version));
  }
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('render', () => {
  it(
    'writes a verified release, records it and audits it; a second render reuses the cached ' +
      'keys and gives the same id',
    async () => {
      at(G1 - 2 * 24 * 3600_000);
      const first = await renderAcademie(t.deps, {
        academie: 'lyon',
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        iterations: ITERATIONS,
      });
      expect(first.derived).toBe(3);
      expect(first.release).toMatchObject({
        academie: 'lyon',
        groupe: 1,
        kind: 'release',
        candidates: 3,
        renderedBy: 'alice',
      });
      expect(await t.deps.storage.verify(first.release.id, 'releases')).toEqual({
        complete: true,
        missing: [],
      });
      const again = await renderAcademie(t.deps, {
        academie: 'lyon',
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        iterations: 50_000,
      });
      expect(again.derived).toBe(0);
      expect(again.release.id).toBe(first.release.id);
      // The session's parameters were fixed by the first render.
      expect((await t.deps.lookupKeys.params(SESSION, 'lyon'))?.iterations).toBe(ITERATIONS);
      const audit = await t.deps.audit.entries({ academie: 'lyon' });
      expect(audit.map((e) => [e.action, e.actor, e.releaseId])).toEqual([
        ['render', 'alice', first.release.id],
        ['render', 'alice', first.release.id],
      ]);
    },
  );

  it(
    'refuses an académie without decisions, and groupe 2 without second-group decisions, ' +
      'writing nothing',
    async () => {
      await expect(
        renderAcademie(t.deps, { academie: 'rennes', session: SESSION, groupe: 1, actor: 'a' }),
      ).rejects.toThrow(PublicationError);
      await expect(
        renderAcademie(t.deps, { academie: 'lyon', session: SESSION, groupe: 2, actor: 'a' }),
      ).rejects.toThrow(/second-group/);
      expect(await t.deps.publications.releases(SESSION, 'rennes')).toEqual([]);
    },
  );
});

describe('schedule, arm, flip', () => {
  it(
    'arms the pointer ahead and opens the release at the instant, to the millisecond, through ' +
      'the local CDN',
    async () => {
      at(G1 - 2 * 24 * 3600_000);
      const { release } = await renderAcademie(t.deps, {
        academie: 'nice',
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        iterations: ITERATIONS,
      });
      at(G1 - 24 * 3600_000);
      await expect(
        schedulePublication(t.deps, {
          academie: 'nice',
          session: SESSION,
          groupe: 1,
          at: '2024-07-01 10:00',
          actor: 'bob',
        }),
      ).rejects.toThrow(/not in the future/);
      await expect(
        schedulePublication(t.deps, {
          academie: 'nice',
          session: SESSION,
          groupe: 1,
          at: '2024-03-31 02:30',
          actor: 'bob',
        }),
      ).rejects.toThrow(/does not exist/);
      const plan = await schedulePublication(t.deps, {
        academie: 'nice',
        session: SESSION,
        groupe: 1,
        at: G1_LOCAL,
        actor: 'bob',
      });
      expect(plan).toMatchObject({
        state: 'scheduled',
        instant: new Date(G1).toISOString(),
        timeZone: 'Europe/Paris',
      });
      // The announcement, kept outside any release, names the instant; nothing else answers.
      const announcement = await t.s3.send(
        new GetObjectCommand({
          Bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
          Key: 'announcements/nice/index.html',
        }),
      );
      expect(announcement.ContentType).toBe('text/html; charset=utf-8');
      expect(await (await fetch(`${cdn.url}/nice/`)).text()).toContain(
        'jeudi 4 juillet 2024 à 10 h 00',
      );
      expect(await status(`${cdn.url}/nice/resultats/params.json`)).toBe(404);

      at(G1 - ARM_AHEAD_MS - 1);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(0);
      at(G1 - ARM_AHEAD_MS);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
      expect(await pointerOf('nice')).toEqual({
        v: 1,
        current: null,
        next: release.id,
        notBefore: G1,
        listsUntil: LISTS_UNTIL,
      });
      expect(await t.triggers.due(new Date(G1 + 3600_000))).toEqual([]);

      // Every path of the manifest: nothing a millisecond before (the landing page is the
      // announcement), its exact bytes at the instant.
      const manifest = (await t.deps.storage.currentManifest(release.id))!;
      expect(manifest.files.length).toBe(release.objects - 1);
      at(G1 - 1);
      for (const f of manifest.files) {
        const res = await fetch(`${cdn.url}/${f.path}`);
        const body = Buffer.from(await res.arrayBuffer());
        if (f.path === 'nice/index.html')
          expect(body.toString()).toContain('seront publiés le jeudi 4 juillet 2024 à 10 h 00');
        else expect(res.status, f.path).toBe(404);
      }
      expect((await publicationStatus(t.deps, { academie: 'nice' }))[0]).toMatchObject({
        live: false,
        plan: { state: 'armed', releaseId: release.id },
      });
      at(G1);
      for (const f of manifest.files) {
        const res = await fetch(`${cdn.url}/${f.path}`);
        expect(res.status, f.path).toBe(200);
        expect(
          createHash('sha256')
            .update(Buffer.from(await res.arrayBuffer()))
            .digest('hex'),
          f.path,
        ).toBe(f.sha256);
      }
      expect((await publicationStatus(t.deps, { academie: 'nice' }))[0]).toMatchObject({
        live: true,
        liveRelease: release.id,
      });
      const actions = (await t.deps.audit.entries({ academie: 'nice' })).map(
        (e) => `${e.actor}:${e.action}`,
      );
      expect(actions).toEqual(['alice:render', 'bob:schedule', 'scheduler:arm']);
    },
  );

  it('publishes nothing when no complete release exists at the instant, and says why', async () => {
    at(G1 - 24 * 3600_000);
    await schedulePublication(t.deps, {
      academie: 'grenoble',
      session: SESSION,
      groupe: 1,
      at: G1_LOCAL,
      actor: 'bob',
    });
    at(G1 - ARM_AHEAD_MS);
    await runDueTriggers(t.deps, { triggers: t.triggers });
    let plan = await t.deps.publications.plan(SESSION, 'grenoble', 1);
    expect(plan).toMatchObject({ state: 'scheduled', reason: 'no release rendered for group 1' });
    // Retried every ARM_RETRY_MS until the instant; at the instant, missed.
    expect((await t.triggers.due(new Date(G1 + 1))).map((x) => x.at.getTime())).toEqual([
      G1 - ARM_AHEAD_MS + ARM_RETRY_MS,
    ]);
    for (let now = G1 - ARM_AHEAD_MS + ARM_RETRY_MS; now <= G1; now += ARM_RETRY_MS) {
      at(now);
      await runDueTriggers(t.deps, { triggers: t.triggers });
    }
    plan = await t.deps.publications.plan(SESSION, 'grenoble', 1);
    expect(plan).toMatchObject({
      state: 'missed',
      releaseId: null,
      reason: 'not published: no release rendered for group 1 at the instant',
    });
    expect(await pointerOf('grenoble')).toBeUndefined();
    expect(await t.triggers.due(new Date(G1 + 3600_000))).toEqual([]);
    // A release rendered after the instant is not the one that should have opened: still nothing.
    at(G1 + 60_000);
    await renderAcademie(t.deps, {
      academie: 'grenoble',
      session: SESSION,
      groupe: 1,
      actor: 'alice',
      iterations: ITERATIONS,
    });
    expect(await status(`${cdn.url}/grenoble/resultats/params.json`)).toBe(404);
    const actions = (await t.deps.audit.entries({ academie: 'grenoble' })).map((e) => e.action);
    expect(actions).toEqual(['schedule', 'arm-deferred', 'missed', 'render']);
  });

  it(
    'publish --now refuses without a release and changes nothing; ' + 'with one, opens it at once',
    async () => {
      at(G1 + 3600_000);
      await expect(
        publishNow(t.deps, { academie: 'rennes', session: SESSION, groupe: 1, actor: 'carol' }),
      ).rejects.toThrow(/no release rendered/);
      expect(await t.kvs.get(pointerKey('rennes'))).toBeUndefined();
      await renderAcademie(t.deps, {
        academie: 'besancon',
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        iterations: ITERATIONS,
      });
      const plan = await publishNow(t.deps, {
        academie: 'besancon',
        session: SESSION,
        groupe: 1,
        actor: 'carol',
      });
      expect(plan.state).toBe('published');
      expect(await status(`${cdn.url}/besancon/resultats/params.json`)).toBe(200);
    },
  );
});

describe('second group', () => {
  it(
    'a new release flips at its own instant ' + 'and the lookup then shows the new outcome',
    async () => {
      at(G1 - 24 * 3600_000);
      await renderAcademie(t.deps, {
        academie: 'dijon',
        session: SESSION,
        groupe: 1,
        actor: 'alice',
        iterations: ITERATIONS,
      });
      await schedulePublication(t.deps, {
        academie: 'dijon',
        session: SESSION,
        groupe: 1,
        at: G1_LOCAL,
        actor: 'bob',
      });
      at(G1 - ARM_AHEAD_MS);
      await runDueTriggers(t.deps, { triggers: t.triggers });
      at(G1 + 60_000);
      const params = readParams(
        await (await fetch(`${cdn.url}/dijon/resultats/params.json`)).json(),
      )!;
      const code = await codeOf(t.deps, SESSION, 'dijon', '2100002');
      const look = (typed = code) =>
        lookupResult('2100002', typed, params, {
          baseUrl: `${cdn.url}/dijon/resultats`,
          fetch,
        });
      expect(await look()).toMatchObject({
        found: true,
        entry: { resultat: expect.stringMatching(/^Autorisé\(e\) à se présenter/) },
      });
      expect(await look(await codeOf(t.deps, SESSION, 'dijon', '2100001'))).toEqual({
        found: false,
      });
      expect(await look('30/11/2006')).toEqual({ found: false });
      expect(NEUTRAL_MESSAGE_FR).toMatch(/Aucun résultat/);

      // The oral: group-2 decision ingested, group-2 release rendered and scheduled at 18:00 on
      // the 9th.
      const oral = decision({
        session: SESSION,
        academie: 'dijon',
        departement: '21',
        uai: '0210001A',
        numero: '2100002',
        nom: 'ORAL',
        dateNaissance: '2006-11-30',
        groupe: 2,
        decision: 'ADMIS',
        mention: null,
        moyenne: 10.4,
        deliberation: '2024-07-09T10:00:00.000Z',
      });
      await t.deps.decisions.appendVersions([version(oral)]);
      at(G2 - 24 * 3600_000);
      const { release: r2 } = await renderAcademie(t.deps, {
        academie: 'dijon',
        session: SESSION,
        groupe: 2,
        actor: 'alice',
      });
      await expect(
        schedulePublication(t.deps, {
          academie: 'dijon',
          session: SESSION,
          groupe: 2,
          at: '2024-07-03',
          actor: 'bob',
        }),
      ).rejects.toThrow(/not in the future/);
      const plan2 = await schedulePublication(t.deps, {
        academie: 'dijon',
        session: SESSION,
        groupe: 2,
        at: '2024-07-09',
        actor: 'bob',
      });
      expect(plan2.instant).toBe(new Date(G2).toISOString());
      at(G2 - ARM_AHEAD_MS);
      await runDueTriggers(t.deps, { triggers: t.triggers });
      const g1Release = (await t.deps.publications.plan(SESSION, 'dijon', 1))!.releaseId;
      expect(await pointerOf('dijon')).toEqual({
        v: 1,
        current: g1Release,
        next: r2.id,
        notBefore: G2,
        listsUntil: LISTS_UNTIL,
      });
      at(G2 - 1);
      expect(await look()).toMatchObject({ found: true, entry: { groupe: 1 } });
      at(G2);
      // The page re-reads params.json: the group-2 release has its own scope.
      const params2 = readParams(
        await (await fetch(`${cdn.url}/dijon/resultats/params.json`)).json(),
      )!;
      expect(params2.scope).not.toBe(params.scope);
      expect(
        await lookupResult('2100002', code, params2, {
          baseUrl: `${cdn.url}/dijon/resultats`,
          fetch,
        }),
      ).toMatchObject({
        found: true,
        entry: { groupe: 2, resultat: 'Admis(e) à l’issue du second groupe' },
      });
    },
  );
});
