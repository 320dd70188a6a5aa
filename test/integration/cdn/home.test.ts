// The national home page and the announcement through the local CDN, driven by the real
// publication use cases: scheduled, armed, flipped, second group armed after the first opened.
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision, DecisionVersion } from '../../../shared/domain/decision.schema.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { schedulePublication } from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../../shared/publication/scheduler.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const SESSION = '2024-06';
const G1 = Date.parse('2024-07-04T08:00:00.000Z'); // 10:00 in Rennes
const G2 = Date.parse('2024-07-09T16:00:00.000Z'); // 18:00
const DAY = 24 * 3600_000;

let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(G1 - 3 * DAY));
let t: ReturnType<typeof publicationDepsFor>;
let landingBody = '';

const at = (ms: number) => {
  clock.set(new Date(ms));
};
const get = async (path: string) => {
  const res = await fetch(new URL(path, cdn.url));
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    body: await res.text(),
    type: res.headers.get('content-type'),
  };
};
/** The home page's entry of one académie. */
const entry = (html: string, name: string) => {
  const start = html.indexOf(`${name}</a></h3>`);
  expect(start, name).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</li>', start));
};

function version(d: Decision): DecisionVersion {
  return {
    ...d,
    digest: decisionDigest(d),
    source: { file: 't.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: '2024-07-03T00:00:00Z' },
  };
}

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
  const base = {
    session: SESSION,
    academie: 'rennes',
    departement: '35',
    uai: '0350001A',
    deliberation: '2024-07-03T15:00:00.000Z',
  };
  await t.deps.decisions.appendVersions(
    [
      decision({
        ...base,
        numero: '3500001',
        nom: 'ADMIS',
        decision: 'ADMIS',
        mention: 'B',
        moyenne: 14.5,
      }),
      decision({
        ...base,
        numero: '3500002',
        nom: 'AJOURNE',
        decision: 'AJOURNE',
        mention: null,
        moyenne: 6,
      }),
      decision({
        ...base,
        numero: '3500003',
        nom: 'ORAL',
        decision: 'SECOND_GROUPE',
        mention: null,
        moyenne: 9.1,
        dateNaissance: '2006-11-30',
      }),
      decision({
        ...base,
        numero: '3500003',
        nom: 'ORAL',
        dateNaissance: '2006-11-30',
        groupe: 2,
        decision: 'ADMIS',
        mention: null,
        moyenne: 10.4,
        deliberation: '2024-07-09T10:00:00.000Z',
      }),
    ].map(version),
  );
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe(
  'national home page and announcement through the local CDN',
  // One timeline: each step reads the state the step before it reached.
  { shuffle: false },
  () => {
    it('has no home page before anything is planned', async () => {
      expect((await get('/')).status).toBe(404);
    });

    it(
      'before the instant: the home page announces both groups, the announcement is styled, ' +
        'nothing of the release is reachable',
      async () => {
        at(G1 - 2 * DAY);
        const render = await renderAcademie(t.deps, {
          academie: 'rennes',
          session: SESSION,
          groupe: 1,
          actor: 'alice',
          iterations: 1_000,
        });
        const actor = { actor: 'alice' };
        await schedulePublication(t.deps, {
          academie: 'rennes',
          session: SESSION,
          groupe: 1,
          at: '2024-07-04 10:00',
          ...actor,
        });
        await schedulePublication(t.deps, {
          academie: 'rennes',
          session: SESSION,
          groupe: 2,
          at: '2024-07-09',
          ...actor,
        });

        const home = await get('/');
        expect(home.status).toBe(200);
        expect(home.type).toBe('text/html; charset=utf-8');
        expect(home.cacheControl).toBe('public, max-age=60');
        const rennes = entry(home.body, 'Académie de Rennes');
        expect(rennes).toContain('Résultats à partir du jeudi 4 juillet 2024 à 10 h 00');
        expect(rennes).toContain(
          'Second groupe : résultats à partir du mardi 9 juillet 2024 à 18 h 00',
        );
        expect(rennes).not.toContain('disponibles depuis');
        expect(home.body).toContain('<a href="/rennes/">Académie de Rennes</a>');
        expect((await get('/index.html')).body).toBe(home.body);

        // The home page's assets answer, immutable.
        const css = home.body.match(/href="(\/assets\/site\.[0-9a-f]{8}\.css)"/)?.[1];
        const js = home.body.match(/src="(\/assets\/countdown\.[0-9a-f]{8}\.js)"/)?.[1];
        expect(css && js).toBeTruthy();
        for (const asset of [css!, js!]) {
          const answer = await get(asset);
          expect(answer.status, asset).toBe(200);
          expect(answer.cacheControl).toBe('public, max-age=31536000, immutable');
        }
        expect((await get(css!)).body).toContain('.fr-header');

        // The announcement stands with its own stylesheet and countdown, and nothing else is
        // public.
        const announcement = await get('/rennes/');
        expect(announcement.status).toBe(200);
        expect(announcement.body).toContain('seront publiés le jeudi 4 juillet 2024 à 10 h 00');
        expect(announcement.body).toContain(`<link rel="stylesheet" href="${css}">`);
        expect(announcement.body).toContain('data-compte-a-rebours="2024-07-04T08:00:00.000Z"');
        expect(announcement.body).not.toContain('id="recherche"');
        for (const path of [
          '/rennes/resultats/params.json',
          '/rennes/listes/index.html',
          '/rennes/statistiques/index.html',
          `/rennes/${render.release.id}/`,
          '/home/index.html',
        ])
          expect((await get(path)).status, path).toBe(404);
      },
    );

    it(
      'armed then flipped: the release opens at the instant, the home page stays up ' +
        'throughout',
      async () => {
        at(G1 - ARM_AHEAD_MS);
        expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
        at(G1 - 1);
        expect((await get('/rennes/')).body).not.toContain('id="recherche"');
        expect((await get('/rennes/resultats/params.json')).status).toBe(404);
        // Armed but not open yet: still announced, with the instant the page's script counts to.
        expect(entry((await get('/')).body, 'Académie de Rennes')).toContain(
          'data-instant="2024-07-04T08:00:00.000Z"',
        );
        at(G1);
        const landing = await get('/rennes/');
        expect(landing.status).toBe(200);
        expect(landing.body).toContain('id="recherche"');
        expect(landing.body).toContain('<a class="fr-breadcrumb__link" href="/">Accueil</a>');
        landingBody = landing.body;
        expect((await get('/rennes/resultats/params.json')).status).toBe(200);
        expect((await get('/')).status).toBe(200);
      },
    );

    it('the next write after the flip states the first group open in the page itself', async () => {
      expect(landingBody).not.toBe('');
      at(G2 - ARM_AHEAD_MS - DAY);
      await renderAcademie(t.deps, {
        academie: 'rennes',
        session: SESSION,
        groupe: 2,
        actor: 'alice',
        iterations: 1_000,
      });
      at(G2 - ARM_AHEAD_MS);
      expect(await runDueTriggers(t.deps, { triggers: t.triggers })).toBe(1);
      const rennes = entry((await get('/')).body, 'Académie de Rennes');
      expect(rennes).toContain('fr-badge--success">Résultats disponibles</p>');
      expect(rennes).toContain(
        'Premier groupe : résultats disponibles depuis le jeudi 4 juillet 2024',
      );
      expect(rennes).toContain('data-instant="2024-07-09T16:00:00.000Z"');
    });
  },
);
