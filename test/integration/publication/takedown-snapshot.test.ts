import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { publishNow } from '../../../shared/publication/publication.usecase.js';
import { decodeSnapshot } from '../../../shared/publication/render-snapshot.js';
import { renderAcademie, renderInMemory } from '../../../shared/publication/render.usecase.js';
import {
  flagCandidate,
  releaseCandidate,
} from '../../../shared/publication/withholding.usecase.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const SESSION = '2024-06';
const clock = fixedClock(new Date('2024-07-04T08:00:00.000Z'));
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let cdn: { url: string; stop(): Promise<void> };

const cohort = (academie: string, dep: string): Decision[] =>
  Array.from({ length: 40 }, (_, i) =>
    decision({
      academie,
      departement: dep,
      numero: `${dep}${String(i + 1).padStart(6, '0')}`,
      nom: `NOM${i}`,
      uai: i % 2 ? `0${dep}0001A` : `0${dep}0002B`,
      mention: i % 3 ? null : 'B',
    }),
  );
const people = cohort('dijon', '21');
const others = cohort('reims', '51');

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
  await t.deps.decisions.appendVersions(
    [...people, ...others].map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'd.csv',
        sha256: '0'.repeat(64),
        line: 2,
        ingestedAt: clock.now().toISOString(),
      },
    })),
  );
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('a takedown re-rendered from the live release’s private snapshot', () => {
  it(
    'rewrites exactly what a full render from the store gives, without reading the ' + 'store',
    async () => {
      const key = { academie: 'dijon', session: SESSION, groupe: 1 as const };
      const { release } = await renderAcademie(t.deps, { ...key, actor: 'pub', iterations: 1_000 });
      await publishNow(t.deps, { ...key, actor: 'pub' });

      // The snapshot is private: under private/, which no viewer path reaches.
      const listed = await t.s3.send(
        new ListObjectsV2Command({ Bucket: stack.env.PUBLIBAC_SITE_BUCKET!, Prefix: 'private/' }),
      );
      expect(listed.Contents?.map((o) => o.Key)).toEqual([
        `private/render-inputs/${release.id}.json.gz`,
      ]);
      expect((await fetch(`${cdn.url}/private/render-inputs/${release.id}.json.gz`)).status).toBe(
        404,
      );
      const snapshot = await decodeSnapshot((await t.deps.storage.renderInputs(release.id))!);
      expect(snapshot?.entries.size).toBe(people.length);
      expect(snapshot?.input.decisions).toHaveLength(people.length);

      const reads = { count: 0 };
      const current = t.deps.decisions.currentDecisions.bind(t.deps.decisions);
      t.deps.decisions.currentDecisions = (...args) => {
        reads.count++;
        return current(...args);
      };
      const target = people[5]!.numero;
      const effect = await flagCandidate(t.deps, { ...key, numero: target, actor: 'fraud' });
      expect(reads.count).toBe(0);
      expect(effect.takedown?.paths.length).toBeGreaterThan(0);

      // What the live release holds now is what a full render from the store gives.
      const full = await renderInMemory(t.deps, key);
      expect((await t.deps.storage.currentManifest(release.id))?.files).toEqual(
        full.rendered.manifest.files,
      );
      expect(effect.takedown?.contentId).toBe(full.rendered.id);

      // The withheld candidate's list no longer names them, through the CDN.
      const list = await fetch(`${cdn.url}/dijon/listes/${people[5]!.uai}.html`);
      expect(await list.text()).not.toContain(people[5]!.nom + '<');
      t.deps.decisions.currentDecisions = current;
    },
  );

  it(
    'falls back to a render from the store when a released candidate has no sealed ' + 'entry',
    async () => {
      const key = { academie: 'reims', session: SESSION, groupe: 1 as const };
      const target = others[7]!.numero;
      await flagCandidate(t.deps, { ...key, numero: target, actor: 'fraud' });
      // Rendered while they are withheld: the snapshot has no entry for them.
      const { release } = await renderAcademie(t.deps, { ...key, actor: 'pub' });
      await publishNow(t.deps, { ...key, actor: 'pub' });
      const snapshot = await decodeSnapshot((await t.deps.storage.renderInputs(release.id))!);
      expect(snapshot?.entries.has(target)).toBe(false);
      const effect = await releaseCandidate(t.deps, {
        ...key,
        numero: target,
        actor: 'fraud',
        now: true,
      });
      const full = await renderInMemory(t.deps, key);
      expect(effect.takedown?.contentId).toBe(full.rendered.id);
      expect((await t.deps.storage.currentManifest(release.id))?.files).toEqual(
        full.rendered.manifest.files,
      );
    },
  );
});
