import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import {
  armPublication,
  publishNow,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { publicationStatus } from '../../../shared/publication/status.usecase.js';
import {
  flagCandidate,
  releaseCandidate,
} from '../../../shared/publication/withholding.usecase.js';
import { lookupResult, readParams } from '../../../shared/render/lookup/lookup-client.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { codeOf, publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const SESSION = '2024-06';
const T0 = Date.parse('2024-07-04T08:00:00.000Z');
let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(T0));
let t: ReturnType<typeof publicationDepsFor>;

const people = (academie: string, departement: string): Decision[] => {
  const base = {
    academie,
    departement,
    session: SESSION,
    deliberation: '2024-07-03T15:00:00.000Z',
  };
  return [
    decision({
      ...base,
      numero: `${departement}000001`,
      nom: 'FRAUDEUR',
      prenoms: 'Zénon',
      dateNaissance: '2006-01-02',
      uai: `0${departement}0001A`,
      decision: 'ADMIS',
      mention: 'TB',
      moyenne: 17,
    }),
    decision({
      ...base,
      numero: `${departement}000002`,
      nom: 'HONNETE',
      prenoms: 'Alice',
      dateNaissance: '2006-02-03',
      uai: `0${departement}0001A`,
      decision: 'ADMIS',
      mention: null,
      moyenne: 11,
    }),
    decision({
      ...base,
      numero: `${departement}000003`,
      nom: 'SEUL',
      prenoms: 'Bob',
      dateNaissance: '2006-04-05',
      uai: `0${departement}0002B`,
      decision: 'ADMIS',
      mention: null,
      moyenne: 12,
    }),
  ];
};
const text = async (path: string) => {
  const res = await fetch(`${cdn.url}${path}`);
  return { status: res.status, body: await res.text() };
};

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
  for (const [slug, dep] of [
    ['poitiers', '86'],
    ['limoges', '87'],
    ['besancon', '25'],
    ['orleans-tours', '45'],
  ] as const) {
    await t.deps.decisions.appendVersions(
      people(slug, dep).map((d) => ({
        ...d,
        digest: decisionDigest(d),
        source: {
          file: 'w.csv',
          sha256: '0'.repeat(64),
          line: 2,
          ingestedAt: '2024-07-03T16:00:00.000Z',
        },
      })),
    );
  }
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('withholding a live result', () => {
  it(
    'takes the candidate out of the lookup and the list at once, without a restart; releasing ' +
      'them brings the result back',
    async () => {
      clock.set(new Date(T0));
      await renderAcademie(t.deps, {
        academie: 'poitiers',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
        iterations: 1_000,
      });
      await publishNow(t.deps, { academie: 'poitiers', session: SESSION, groupe: 1, actor: 'pub' });
      const params = readParams(JSON.parse((await text('/poitiers/resultats/params.json')).body))!;
      const look = async (numero = '86000001') =>
        lookupResult(numero, await codeOf(t.deps, SESSION, 'poitiers', numero), params, {
          baseUrl: `${cdn.url}/poitiers/resultats`,
          fetch,
        });
      expect(await look()).toMatchObject({
        found: true,
        entry: { resultat: 'Admis(e) avec mention Très bien' },
      });
      expect((await text('/poitiers/listes/0860001A.html')).body).toContain('FRAUDEUR');

      clock.set(new Date(T0 + 3600_000));
      const effect = await flagCandidate(t.deps, {
        academie: 'poitiers',
        session: SESSION,
        numero: '86000001',
        pv: 'PV-2024-17',
        actor: 'fraude',
      });
      expect(effect.takedown).toMatchObject({ state: 'complete' });
      // Their shard, their school's list (and nothing unrelated) rewritten and invalidated.
      const rewritten = effect.takedown!.paths.filter((p) => !p.startsWith('/releases/'));
      expect(rewritten).toContain('/poitiers/listes/0860001A.html');
      expect(rewritten.filter((p) => p.includes('/resultats/'))).toHaveLength(1);
      expect(rewritten).not.toContain('/poitiers/listes/0860002B.html');
      expect(t.invalidator.requests.at(-1)!.paths).toEqual(effect.takedown!.paths);

      expect(await look()).toEqual({ found: false });
      const list = (await text('/poitiers/listes/0860001A.html')).body;
      expect(list).not.toContain('FRAUDEUR');
      expect(list).toContain('HONNETE');
      // Another candidate's lookup still works.
      expect(await look('86000002')).toMatchObject({ found: true });
      const [row] = await publicationStatus(t.deps, { academie: 'poitiers', session: SESSION });
      expect(row).toMatchObject({ live: true, takedown: { state: 'complete' } });

      // Flagging again changes nothing.
      expect(
        (
          await flagCandidate(t.deps, {
            academie: 'poitiers',
            session: SESSION,
            numero: '86000001',
            actor: 'fraude',
          })
        ).takedown,
      ).toBeNull();

      clock.set(new Date(T0 + 7200_000));
      const back = await releaseCandidate(t.deps, {
        academie: 'poitiers',
        session: SESSION,
        numero: '86000001',
        now: true,
        actor: 'fraude',
      });
      expect(back.flag.state).toBe('released');
      expect(await look()).toMatchObject({
        found: true,
        entry: { resultat: 'Admis(e) avec mention Très bien' },
      });
      expect((await text('/poitiers/listes/0860001A.html')).body).toContain('FRAUDEUR');

      const audit = (await t.deps.audit.entries({ academie: 'poitiers' })).map(
        (e) => `${e.actor}:${e.action}`,
      );
      expect(audit).toEqual([
        'pub:render',
        'pub:publish',
        'fraude:fraud-flag',
        'fraude:takedown',
        'fraude:fraud-release',
        'fraude:takedown',
      ]);
      expect(
        (await t.deps.fraud.list(SESSION, 'poitiers')).map((f) => [f.numero, f.state, f.pv]),
      ).toEqual([['86000001', 'released', 'PV-2024-17']]);
    },
  );

  it(
    'a candidate alone in their school: the list disappears, and the landing page no longer ' +
      'links it',
    async () => {
      clock.set(new Date(T0));
      await renderAcademie(t.deps, {
        academie: 'limoges',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
        iterations: 1_000,
      });
      await publishNow(t.deps, { academie: 'limoges', session: SESSION, groupe: 1, actor: 'pub' });
      expect((await text('/limoges/listes/index.html')).body).toContain('0870002B.html');
      const effect = await flagCandidate(t.deps, {
        academie: 'limoges',
        session: SESSION,
        numero: '87000003',
        actor: 'fraude',
      });
      expect(effect.takedown!.paths).toEqual(
        expect.arrayContaining([
          '/limoges/listes/0870002B.html',
          '/limoges/index.html',
          '/limoges/',
        ]),
      );
      expect((await text('/limoges/listes/0870002B.html')).status).toBe(404);
      expect((await text('/limoges/')).body).not.toContain('0870002B');
      expect((await text('/limoges/listes/index.html')).body).not.toContain('0870002B');
    },
  );
});

describe('withholding before publication', () => {
  it('a flag before ingest and render: the release never contains the result', async () => {
    clock.set(new Date(T0));
    await flagCandidate(t.deps, {
      academie: 'besancon',
      session: SESSION,
      numero: '25000001',
      actor: 'fraude',
    });
    await renderAcademie(t.deps, {
      academie: 'besancon',
      session: SESSION,
      groupe: 1,
      actor: 'pub',
      iterations: 1_000,
    });
    await publishNow(t.deps, { academie: 'besancon', session: SESSION, groupe: 1, actor: 'pub' });
    expect((await text('/besancon/listes/0250001A.html')).body).not.toContain('FRAUDEUR');
    const params = readParams(JSON.parse((await text('/besancon/resultats/params.json')).body))!;
    const look = async () =>
      lookupResult('25000001', await codeOf(t.deps, SESSION, 'besancon', '25000001'), params, {
        baseUrl: `${cdn.url}/besancon/resultats`,
        fetch,
      });
    expect(await look()).toEqual({ found: false });
    // Released without --now: online with the next release only.
    expect(
      (
        await releaseCandidate(t.deps, {
          academie: 'besancon',
          session: SESSION,
          numero: '25000001',
          actor: 'fraude',
        })
      ).takedown,
    ).toBeNull();
    expect(await look()).toEqual({ found: false });
  });

  it(
    'a flag while a release is armed: ' + 'the armed release is replaced before its instant',
    async () => {
      clock.set(new Date(T0 - 24 * 3600_000));
      const { release } = await renderAcademie(t.deps, {
        academie: 'orleans-tours',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
        iterations: 1_000,
      });
      await schedulePublication(t.deps, {
        academie: 'orleans-tours',
        session: SESSION,
        groupe: 1,
        at: '2024-07-04 10:00',
        actor: 'pub',
      });
      clock.set(new Date(T0 - 4 * 60_000));
      expect(
        await armPublication(t.deps, { academie: 'orleans-tours', session: SESSION, groupe: 1 }),
      ).toEqual({ armed: true, releaseId: release.id });
      const effect = await flagCandidate(t.deps, {
        academie: 'orleans-tours',
        session: SESSION,
        numero: '45000001',
        actor: 'fraude',
      });
      expect(effect.takedown).toBeNull();
      expect(effect.rearmed).toMatch(/^2024-06-orleans-tours-g1-/);
      expect(effect.rearmed).not.toBe(release.id);
      clock.set(new Date(T0));
      expect((await text('/orleans-tours/listes/0450001A.html')).body).not.toContain('FRAUDEUR');
      expect((await text('/orleans-tours/listes/0450001A.html')).body).toContain('HONNETE');
    },
  );
});
