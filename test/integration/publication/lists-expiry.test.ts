import { createHash } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatStatus } from '../../../shared/cli/commands/publish.command.js';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { expireLists } from '../../../shared/publication/lists-expiry.usecase.js';
import {
  publishNow,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../../shared/publication/scheduler.js';
import { publicationStatus } from '../../../shared/publication/status.usecase.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

// Each académie below is its own scenario, so the tests share one stack.
const SESSION = '2024-06';
const G1 = Date.parse('2024-07-04T08:00:00.000Z'); // 10:00 in Paris
const DAY = 24 * 3600_000;
const EXPIRY = G1 + 30 * DAY; // 2024-08-03 10:00 in Paris, no daylight-saving change between
let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(G1 - 2 * DAY));
let t: ReturnType<typeof publicationDepsFor>;

const cohort = (academie: string, departement: string): Decision[] => {
  const base = {
    academie,
    departement,
    session: SESSION,
    uai: `0${departement}0001A`,
    deliberation: '2024-07-03T15:00:00.000Z',
  };
  return [
    decision({
      ...base,
      numero: `${departement}100001`,
      nom: 'PUBLIE',
      prenoms: 'Alice',
      decision: 'ADMIS',
      mention: 'B',
      moyenne: 14.5,
    }),
    decision({
      ...base,
      numero: `${departement}100002`,
      nom: 'DISCRET',
      prenoms: 'Bob',
      accordPublication: false,
    }),
  ];
};
const at = (ms: number) => {
  clock.set(new Date(ms));
};
const get = async (path: string) => {
  const res = await fetch(`${cdn.url}${path}`);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
};
const inBucket = (key: string) =>
  t.s3.send(new HeadObjectCommand({ Bucket: stack.env.PUBLIBAC_SITE_BUCKET!, Key: key })).then(
    () => true,
    () => false,
  );
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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
    ['rennes', '35'],
    ['nantes', '44'],
    ['reims', '51'],
  ] as const) {
    await t.deps.decisions.appendVersions(
      cohort(slug, dep).map((d) => ({
        ...d,
        digest: decisionDigest(d),
        source: {
          file: 'l.csv',
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

describe('name lists expire', () => {
  it(
    '30 days after the first group by default: the edge refuses them to the millisecond, the ' +
      'scheduled step takes them out of the live release',
    async () => {
      at(G1 - 2 * DAY);
      const { release } = await renderAcademie(t.deps, {
        academie: 'rennes',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
        iterations: 1_000,
      });
      const plan = await schedulePublication(t.deps, {
        academie: 'rennes',
        session: SESSION,
        groupe: 1,
        at: '2024-07-04 10:00',
        actor: 'pub',
      });
      expect(plan.listsExpireAt).toBe(new Date(EXPIRY).toISOString());
      at(G1 - ARM_AHEAD_MS);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
      // The pointer carries the expiry, so the edge enforces it even if the scheduler is down then.
      expect(decodePointer(await t.kvs.get(pointerKey('rennes')))).toEqual({
        v: 1,
        current: null,
        next: release.id,
        notBefore: G1,
        listsUntil: EXPIRY,
      });

      at(G1);
      const list = 'rennes/listes/0350001A.html';
      expect((await get('/rennes/')).body.toString()).toContain('listes/index.html');
      expect((await get('/rennes/listes/index.html')).body.toString()).toContain('0350001A.html');
      expect((await get(`/${list}`)).body.toString()).toContain('PUBLIE');
      // Everything else the release holds, with its bytes, to compare after the expiry.
      const manifest = (await t.deps.storage.currentManifest(release.id))!;
      const kept = manifest.files.filter(
        (f) =>
          !f.path.includes('/listes/') &&
          !f.path.includes('/assets/filtre.') && // the lists' filter script goes with them
          f.path !== 'rennes/index.html',
      );
      expect(kept.some((f) => f.path.includes('/resultats/'))).toBe(true);
      expect(kept.some((f) => f.path.includes('/statistiques/'))).toBe(true);
      let [row] = await publicationStatus(t.deps, { academie: 'rennes', session: SESSION });
      expect(row!.lists).toEqual({
        expiresAt: new Date(EXPIRY).toISOString(),
        local: '2024-08-03 10:00',
        timeZone: 'Europe/Paris',
        expired: false,
        withdrawnAt: null,
      });
      expect(formatStatus([row!])).toContain(
        'name lists online until 2024-08-03 10:00 Europe/Paris (2024-08-03T08:00:00.000Z)',
      );

      // The scheduler is down at the instant: the edge alone refuses the lists, to the millisecond.
      at(EXPIRY - 1);
      expect((await get(`/${list}`)).status).toBe(200);
      at(EXPIRY);
      expect((await get(`/${list}`)).status).toBe(404);
      for (const f of kept) {
        const res = await get(`/${f.path}`);
        expect(res.status, f.path).toBe(200);
        expect(sha256(res.body), f.path).toBe(f.sha256);
      }
      [row] = await publicationStatus(t.deps, { academie: 'rennes', session: SESSION });
      expect(row!.lists).toMatchObject({ expired: true, withdrawnAt: null });
      expect(formatStatus([row!])).toContain(
        'name lists expired 2024-08-03 10:00 Europe/Paris (2024-08-03T08:00:00.000Z): refused ' +
          'at the edge, withdrawal step pending',
      );

      // The scheduler comes back an hour later and runs the step.
      at(EXPIRY + 3600_000);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
      const landing = (await get('/rennes/')).body.toString();
      expect(landing).not.toContain('listes/');
      expect(landing).toContain('Les listes des candidats admis ne sont plus publiées');
      expect(await inBucket(`releases/${release.id}/${list}`)).toBe(false);
      expect(
        (await t.deps.storage.currentManifest(release.id))!.files.filter((f) =>
          f.path.includes('/listes/'),
        ),
      ).toEqual([]);
      for (const f of kept) expect(sha256((await get(`/${f.path}`)).body), f.path).toBe(f.sha256);
      expect(t.invalidator.requests.at(-1)!.paths).toEqual(
        expect.arrayContaining([`/${list}`, '/rennes/index.html', '/rennes/']),
      );
      const audit = (await t.deps.audit.entries({ academie: 'rennes' })).at(-1)!;
      expect(audit).toMatchObject({
        actor: 'scheduler',
        action: 'expire-lists',
        session: SESSION,
        releaseId: release.id,
        detail: expect.stringMatching(/^name lists withdrawn/),
      });
      [row] = await publicationStatus(t.deps, { academie: 'rennes', session: SESSION });
      expect(row!.lists).toMatchObject({
        expired: true,
        withdrawnAt: new Date(EXPIRY + 3600_000).toISOString(),
      });
      expect(formatStatus([row!])).toContain('withdrawn from the live release');
      expect(
        (await t.triggers.due(new Date(EXPIRY + 365 * DAY))).filter((x) => x.academie === 'rennes'),
      ).toEqual([]);

      // Any render after the expiry has no lists; running the step again changes nothing.
      const later = await renderAcademie(t.deps, {
        academie: 'rennes',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
      });
      expect(later.rendered.files.filter((f) => f.path.includes('/listes/'))).toEqual([]);
      expect(later.rendered.files.find((f) => f.path === 'rennes/index.html')!.sha256).toBe(
        sha256(await get('/rennes/').then((r) => r.body)),
      );
      expect(await expireLists(t.deps, { academie: 'rennes', session: SESSION })).toMatchObject({
        state: 'withdrawn',
        takedown: null,
      });
    },
  );

  it(
    'takes a configured period, counted from publish --now, and follows a moved first-group ' +
      'instant',
    async () => {
      at(G1 - 2 * DAY);
      await renderAcademie(t.deps, {
        academie: 'nantes',
        session: SESSION,
        groupe: 1,
        actor: 'pub',
        iterations: 1_000,
      });
      const first = await schedulePublication(t.deps, {
        academie: 'nantes',
        session: SESSION,
        groupe: 1,
        at: '2024-07-04 10:00',
        listsDays: 7,
        actor: 'pub',
      });
      expect(first.listsExpireAt).toBe(new Date(G1 + 7 * DAY).toISOString());
      const moved = await schedulePublication(t.deps, {
        academie: 'nantes',
        session: SESSION,
        groupe: 1,
        at: '2024-07-05 10:00',
        listsDays: 7,
        actor: 'pub',
      });
      expect(moved.listsExpireAt).toBe(new Date(G1 + 8 * DAY).toISOString());
      // One trigger for the lists, at the moved expiry (the old one is replaced).
      const lists = (await t.triggers.due(new Date(G1 + 365 * DAY))).filter(
        (x) => x.step === 'expire-lists' && x.academie === 'nantes',
      );
      expect(lists.map((x) => x.at.getTime())).toEqual([G1 + 8 * DAY]);

      // Published at once instead: the period counts from then.
      at(G1 + 3600_000);
      const plan = await publishNow(t.deps, {
        academie: 'nantes',
        session: SESSION,
        groupe: 1,
        listsDays: 2,
        actor: 'pub',
      });
      expect(plan.listsExpireAt).toBe(new Date(G1 + 3600_000 + 2 * DAY).toISOString());
      expect(decodePointer(await t.kvs.get(pointerKey('nantes')))).toMatchObject({
        current: plan.releaseId,
        listsUntil: G1 + 3600_000 + 2 * DAY,
      });
      // The step fired early (a trigger left from before) withdraws nothing and waits for the
      // expiry.
      expect(await expireLists(t.deps, { academie: 'nantes', session: SESSION })).toEqual({
        state: 'pending',
        expiresAt: plan.listsExpireAt,
      });
      expect((await get('/nantes/listes/0440001A.html')).status).toBe(200);
      at(G1 + 3600_000 + 2 * DAY);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBeGreaterThanOrEqual(1);
      expect((await get('/nantes/')).body.toString()).not.toContain('listes/');
      expect(await inBucket(`releases/${plan.releaseId}/nantes/listes/0440001A.html`)).toBe(false);
    },
  );

  it(
    'refuses a period that is not a whole number ' + 'of days between 1 and 365, changing nothing',
    async () => {
      at(G1 - 2 * DAY);
      for (const listsDays of [0, -1, 1.5, 366]) {
        await expect(
          schedulePublication(t.deps, {
            academie: 'reims',
            session: SESSION,
            groupe: 1,
            at: '2024-07-04 10:00',
            listsDays,
            actor: 'pub',
          }),
        ).rejects.toThrow(/lists/);
      }
      expect(await t.deps.publications.plan(SESSION, 'reims', 1)).toBeUndefined();
    },
  );
});
