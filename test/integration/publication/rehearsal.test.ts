import { request } from 'node:http';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { pointerKey } from '../../../shared/edge/pointer.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import {
  armPublication,
  publishNow,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { PublicationError } from '../../../shared/publication/publication.deps.js';
import {
  mintRehearsalLink,
  rehearsalKey,
  rehearsalPath,
  RehearsalNotFoundError,
  REHEARSAL_KEY,
  rotateRehearsalKey,
} from '../../../shared/publication/rehearsal-link.js';
import { rehearse } from '../../../shared/publication/rehearse.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const SESSION = '2024-06';
const NOW = Date.parse('2024-07-01T09:00:00.000Z');
let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(NOW));
let t: ReturnType<typeof publicationDepsFor>;

/** The path sent byte for byte (fetch would normalise dot segments). */
function get(path: string): Promise<{ status: number; body: string; cache?: string }> {
  const { hostname, port } = new URL(cdn.url);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          cache: res.headers['cache-control'],
        });
      });
    });
    req.on('error', fail);
    req.end();
  });
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
  // Lille is rehearsed, Montpellier scheduled: each scenario has its own académie.
  const rows: Decision[] = ['1', '2', '3'].flatMap((n) => [
    decision({
      numero: `RP00000${n}`,
      nom: `REPETITION${n}`,
      academie: 'lille',
      departement: '59',
      uai: '0590001A',
    }),
    decision({
      numero: `MV00000${n}`,
      nom: `DEPLACE${n}`,
      academie: 'montpellier',
      departement: '34',
      uai: '0340001A',
    }),
  ]);
  await t.deps.decisions.appendVersions(
    rows.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'r.csv',
        sha256: '0'.repeat(64),
        line: 2,
        ingestedAt: '2024-07-01T00:00:00.000Z',
      },
    })),
  );
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('rehearsal', () => {
  it(
    'is reachable through its signed link until it expires, never through the public site, and ' +
      'is audited',
    async () => {
      clock.set(new Date(NOW));
      const r = await rehearse(t.deps, {
        academie: 'lille',
        session: SESSION,
        groupe: 1,
        actor: 'dora',
        iterations: 1_000,
        validForMs: 3600_000,
      });
      expect(r.path).toMatch(new RegExp(`^/_rehearsal/${r.id}/\\d{10}/[0-9a-f]{64}/lille/$`));
      const page = await get(r.path);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Consulter votre résultat');
      expect(page.cache).toBe('private, no-store');
      expect((await get(`${r.path}listes/0590001A.html`)).status).toBe(200);
      expect((await get(`${r.path}resultats/params.json`)).status).toBe(200);

      // No pointer leads to it: the public site has nothing, whatever the path.
      expect(await t.kvs.get(pointerKey('lille'))).toBeUndefined();
      for (const path of [
        '/lille/',
        '/lille/listes/0590001A.html',
        `/rehearsals/${r.id}/lille/index.html`,
        `/releases/${r.id}/lille/index.html`,
        `/lille/../rehearsals/${r.id}/lille/index.html`,
        `/lille/%2e%2e/rehearsals/${r.id}/lille/index.html`,
        `/lille%2f..%2frehearsals%2f${r.id}%2flille%2findex.html`,
        `${r.path}../../../../../releases/${r.id}/lille/index.html`,
        `${r.path.replace('/lille/', '/lille/%2e%2e/')}index.html`,
      ]) {
        const answer = await get(path);
        expect(answer.body, path).not.toContain('REPETITION');
      }

      // Tampered, foreign or expired links: the same 404.
      const [, , id, exp, sig] = r.path.split('/');
      const flipped = `${sig!.slice(0, -1)}${sig!.endsWith('0') ? '1' : '0'}`;
      const later = String(Number(exp) + 3600);
      for (const path of [
        `/_rehearsal/${id}/${exp}/${flipped}/lille/`,
        `/_rehearsal/${id}/${later}/${sig}/lille/`,
        `/_rehearsal/other-id/${exp}/${sig}/lille/`,
      ]) {
        expect((await get(path)).status, path).toBe(404);
      }
      clock.set(new Date(Number(exp) * 1000));
      expect((await get(r.path)).status).toBe(404);
      clock.set(new Date(NOW));
      // A link signed with another key does not open it either.
      expect(
        (await get(rehearsalPath('f'.repeat(64), r.id, 'lille', new Date(NOW + 60_000)))).status,
      ).toBe(404);
      expect(await rehearsalKey(t.kvs)).not.toBe('f'.repeat(64));

      expect(
        (await t.deps.audit.entries({ academie: 'lille' })).map((e) => [e.action, e.actor]),
      ).toEqual([
        ['rehearse', 'dora'],
        ['rehearsal-link', 'dora'],
      ]);
      // publish --now ignores rehearsals: only a rendered release can go public.
      await expect(
        publishNow(t.deps, { academie: 'lille', session: SESSION, groupe: 1, actor: 'dora' }),
      ).rejects.toThrow(/no release rendered/);
    },
  );
});

describe('moving an armed publication', () => {
  it('disarms the pointer at once, so the old instant opens nothing', async () => {
    clock.set(new Date(NOW));
    const { release } = await renderAcademie(t.deps, {
      academie: 'montpellier',
      session: SESSION,
      groupe: 1,
      actor: 'dora',
    });
    await schedulePublication(t.deps, {
      academie: 'montpellier',
      session: SESSION,
      groupe: 1,
      at: '2024-07-01 11:03',
      actor: 'dora',
    });
    expect(
      await armPublication(t.deps, { academie: 'montpellier', session: SESSION, groupe: 1 }),
    ).toEqual({ armed: true, releaseId: release.id });
    expect(JSON.parse((await t.kvs.get(pointerKey('montpellier')))!)).toMatchObject({
      next: release.id,
    });
    const plan = await schedulePublication(t.deps, {
      academie: 'montpellier',
      session: SESSION,
      groupe: 1,
      at: '2024-07-02 10:00',
      actor: 'dora',
    });
    expect(plan.state).toBe('scheduled');
    expect(JSON.parse((await t.kvs.get(pointerKey('montpellier')))!)).toEqual({
      v: 1,
      current: null,
      next: null,
      notBefore: null,
    });
    clock.set(new Date('2024-07-01T09:03:00.000Z'));
    expect((await get('/montpellier/resultats/params.json')).status).toBe(404);
    clock.set(new Date(NOW));
  });
});

describe('rehearsal links', () => {
  const SLUG = 'amiens';
  const MARKER = 'DRESS-RUN-MARKER';
  let id: string;
  const hours = (h: number) => h * 3_600_000;
  const reachable = async (path: string) => {
    const answer = await get(path);
    return answer.status === 200 && answer.body.includes(MARKER);
  };

  // A rehearsal as the render leaves it (files under rehearsals/, a record): links need nothing
  // more.
  beforeAll(async () => {
    id = `r-dress-${Date.now().toString(36)}`;
    for (const slug of [SLUG, 'nantes']) {
      await t.s3.send(
        new PutObjectCommand({
          Bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
          Key: `rehearsals/${id}/${slug}/index.html`,
          Body: `<p>${MARKER}</p>`,
          ContentType: 'text/html; charset=utf-8',
        }),
      );
      await t.deps.publications.recordRelease({
        id,
        academie: slug,
        session: SESSION,
        groupe: 1,
        kind: 'rehearsal',
        candidates: 3,
        objects: 1,
        bytes: 20,
        renderedAt: new Date(NOW).toISOString(),
        renderedBy: 'dora',
      });
    }
  });

  it(
    'last 2 hours by default and 24 hours at most: longer is refused, naming the cap, with ' +
      'nothing minted',
    async () => {
      clock.set(new Date(NOW));
      const before = (await t.deps.audit.entries({ academie: SLUG })).length;
      for (const validForMs of [hours(24) + 1_000, hours(24 * 7)]) {
        const refused = mintRehearsalLink(t.deps, {
          academie: SLUG,
          session: SESSION,
          validForMs,
          actor: 'eve',
        });
        await expect(refused).rejects.toThrow(PublicationError);
        await expect(refused).rejects.toThrow(/24 hours at most/);
      }
      // rehearse refuses before rendering: no rehearsal is recorded for the académie.
      await expect(
        rehearse(t.deps, {
          academie: 'nice',
          session: SESSION,
          groupe: 1,
          actor: 'eve',
          validForMs: hours(24 * 7),
        }),
      ).rejects.toThrow(/24 hours at most/);
      expect(await t.deps.publications.releases(SESSION, 'nice')).toEqual([]);
      expect(await t.deps.audit.entries({ academie: SLUG })).toHaveLength(before);

      const link = await mintRehearsalLink(t.deps, {
        academie: SLUG,
        session: SESSION,
        actor: 'eve',
      });
      expect(link.expires.getTime()).toBe(NOW + hours(2));
      expect(await reachable(link.path)).toBe(true);
      clock.set(new Date(NOW + hours(2)));
      expect((await get(link.path)).status).toBe(404);
      clock.set(new Date(NOW));
      const longest = await mintRehearsalLink(t.deps, {
        academie: SLUG,
        session: SESSION,
        validForMs: hours(24),
        actor: 'eve',
      });
      expect(longest.expires.getTime()).toBe(NOW + hours(24));
    },
  );

  it(
    'audits each link minted: who, when, ' + 'which rehearsal, until when; never the signature',
    async () => {
      clock.set(new Date(NOW));
      const link = await mintRehearsalLink(t.deps, {
        academie: SLUG,
        session: SESSION,
        rehearsalId: id,
        validForMs: hours(1),
        actor: 'frank',
      });
      const [, , , , signature] = link.path.split('/');
      const entries = await t.deps.audit.entries({ academie: SLUG });
      expect(entries.at(-1)).toEqual({
        at: new Date(NOW).toISOString(),
        actor: 'frank',
        action: 'rehearsal-link',
        academie: SLUG,
        session: SESSION,
        groupe: 1,
        releaseId: id,
        detail: `rehearsal link minted, valid until ${new Date(NOW + hours(1)).toISOString()}`,
      });
      expect(JSON.stringify(entries)).not.toContain(signature);
      await expect(
        mintRehearsalLink(t.deps, {
          academie: SLUG,
          session: SESSION,
          rehearsalId: 'r-nowhere',
          actor: 'frank',
        }),
      ).rejects.toThrow(RehearsalNotFoundError);
      await expect(
        mintRehearsalLink(t.deps, { academie: 'lyon', session: SESSION, actor: 'frank' }),
      ).rejects.toThrow(/no rehearsal rendered for lyon 2024-06/);
    },
  );

  it('are all revoked by a key rotation (audited); a link minted after works', async () => {
    clock.set(new Date(NOW));
    const before = await mintRehearsalLink(t.deps, {
      academie: SLUG,
      session: SESSION,
      actor: 'gus',
    });
    const elsewhere = await mintRehearsalLink(t.deps, {
      academie: 'nantes',
      session: SESSION,
      validForMs: hours(24),
      actor: 'gus',
    });
    expect(await reachable(before.path)).toBe(true);
    expect(await reachable(elsewhere.path)).toBe(true);
    const oldKey = await t.kvs.get(REHEARSAL_KEY);

    const { rotatedAt } = await rotateRehearsalKey(t.deps, 'gus');
    expect(await t.kvs.get(REHEARSAL_KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.kvs.get(REHEARSAL_KEY)).not.toBe(oldKey);
    expect((await get(before.path)).status).toBe(404);
    expect((await get(elsewhere.path)).status).toBe(404);

    const after = await mintRehearsalLink(t.deps, {
      academie: SLUG,
      session: SESSION,
      actor: 'gus',
    });
    expect(after.path).not.toBe(before.path);
    expect(await reachable(after.path)).toBe(true);
    expect(
      (await t.deps.audit.entries()).filter((e) => e.action === 'rehearsal-key-rotation'),
    ).toEqual([
      {
        at: rotatedAt,
        actor: 'gus',
        action: 'rehearsal-key-rotation',
        academie: '*',
        session: '*',
        groupe: null,
        releaseId: null,
        detail: expect.stringMatching(/revoked/),
      },
    ]);
  });
});
