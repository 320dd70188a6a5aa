// Issue 14, faults: S3 errors while a release is written. A release the
// bucket did not take whole is never marked ready: no release record, its
// check incomplete, nothing for the scheduler to arm. Rendering again once
// S3 answers completes it, with the same id, and the scheduler arms it.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../shared/adapters/fs/file-source.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../../shared/publication/publication.deps.js';
import {
  readPointer,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../../shared/publication/scheduler.js';
import { injectS3Faults, seededRandom, type S3Fault } from '../../support/fault-injection.js';
import { decisionFiles, depsWith } from '../../support/fault-scenario.js';
import { faultCandidates } from '../../support/fault-size.js';
import { s3ClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const SESSION = '2024-06';
const INSTANT = Date.parse('2024-07-04T08:00:00.000Z'); // 10:00 in Paris
const SEED = Number(process.env.FAULT_SEED ?? 14);
// Far enough ahead that the instant is in the future; the clock is moved to the arm time below.
const clock = fixedClock(new Date(INSTANT - 24 * 3600_000));
let stack: TestStack | undefined;
let t: ReturnType<typeof publicationDepsFor>;

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, clock);
});
afterAll(async () => {
  await stack?.stop();
});

/** An académie with its decisions stored and its group-1 publication planned for INSTANT. */
async function planned(academie: string): Promise<void> {
  clock.set(new Date(INSTANT - 24 * 3600_000));
  const files = await decisionFiles(academie, SESSION, faultCandidates(300));
  await ingestDecisions({ store: t.deps.decisions, clock }, await fileSource(files.group1));
  await schedulePublication(t.deps, {
    academie,
    session: SESSION,
    groupe: 1,
    at: '2024-07-04 10:00',
    actor: 'olga',
  });
}

/**
 * The releases of an académie that have at least one object in the bucket, with their object
 * counts.
 */
async function inBucket(academie: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await t.s3.send(
      new ListObjectsV2Command({
        Bucket: stack!.env.PUBLIBAC_SITE_BUCKET,
        Prefix: 'releases/',
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? []) {
      const [, id, slug] = (o.Key ?? '').split('/');
      if (id && (slug === academie || slug === 'manifest.json'))
        ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    token = page.NextContinuationToken;
  } while (token);
  // Another académie's manifest alone is not this académie's release.
  for (const [id, n] of ids) if (n === 1) ids.delete(id);
  return ids;
}

const render = (deps: PublicationDeps, academie: string) =>
  renderAcademie(deps, { academie, session: SESSION, groupe: 1, actor: 'olga', iterations: 1_000 });

/** The scheduler at the arm time: what it does with the académie's plan. */
async function schedulerAtArmTime(academie: string) {
  clock.set(new Date(INSTANT - ARM_AHEAD_MS));
  await runDueTriggers(t.deps, { triggers: t.triggers });
  return {
    plan: await t.deps.publications.plan(SESSION, academie, 1),
    pointer: await readPointer(t.deps, academie),
  };
}

/**
 * Renders through a client whose S3 fails as `fail` says, expects the render
 * to fail, and checks that nothing says the release is ready; then S3 comes
 * back, the render is run again and completes the same release, which the
 * scheduler arms.
 */
async function failThenRetry(
  academie: string,
  fail: Parameters<typeof injectS3Faults>[1],
): Promise<{ injected: number; complete: boolean; objectsLeft: number; objects: number }> {
  await planned(academie);
  const s3 = s3ClientFor(stack!.env);
  const log = injectS3Faults(s3, fail);
  const deps = depsWith(stack!.env, clock, { s3 });

  await expect(render(deps, academie)).rejects.toThrow();
  expect(log.injected.length).toBeGreaterThan(0);

  // Whatever reached the bucket, the release is not ready.
  const left = await inBucket(academie);
  expect(left.size).toBe(1);
  const [[id, objectsLeft]] = [...left] as [[string, number]];
  const { complete } = await t.deps.storage.verify(id, 'releases');
  expect(await t.deps.publications.releases(SESSION, academie)).toEqual([]);
  expect((await t.deps.audit.entries({ academie })).map((e) => e.action)).toEqual(['schedule']);

  // At the arm time the scheduler finds nothing to arm: the pointer stays empty.
  const before = await schedulerAtArmTime(academie);
  expect(before.plan).toMatchObject({ state: 'scheduled', releaseId: null });
  expect(before.plan?.reason).toMatch(/no release rendered/);
  expect(before.pointer).toMatchObject({ current: null, next: null });

  // S3 is back: the same render, run again, completes the same release.
  log.off();
  const retried = await render(deps, academie);
  s3.destroy();
  expect(retried.release.id).toBe(id);
  expect(await t.deps.storage.verify(id, 'releases')).toEqual({ complete: true, missing: [] });
  expect((await t.deps.publications.releases(SESSION, academie)).map((r) => r.id)).toEqual([id]);

  // The render re-armed the plan; the scheduler arms it for the instant.
  await runDueTriggers(t.deps, { triggers: t.triggers });
  expect(await t.deps.publications.plan(SESSION, academie, 1)).toMatchObject({
    state: 'armed',
    releaseId: id,
  });
  expect(await readPointer(t.deps, academie)).toMatchObject({ next: id, notBefore: INSTANT });
  return {
    injected: log.injected.length,
    complete,
    objectsLeft,
    objects: (await inBucket(academie)).get(id) ?? 0,
  };
}

describe('S3 errors while a release is written', () => {
  it('an outage mid-upload: not ready, not armed; a rerender completes it', async () => {
    // S3 starts failing (503 SlowDown, every retry included) after a seeded number of puts.
    const after = 20 + Math.floor(seededRandom(SEED)() * 200);
    let puts = 0;
    const outcome = await failThenRetry('poitiers', ({ command }): S3Fault | null =>
      command === 'PutObject' && ++puts <= after ? null : 'slow-down',
    );
    // The failure struck with objects written and others not: a partial release was left.
    expect(outcome.complete).toBe(false);
    expect(outcome.objectsLeft).toBeGreaterThanOrEqual(after);
    expect(outcome.objectsLeft).toBeLessThan(outcome.objects);
  });

  it('all written but the manifest: not ready, not armed; a rerender completes it', async () => {
    const outcome = await failThenRetry('rennes', ({ command, key }) =>
      command === 'PutObject' && key.endsWith('/manifest.json') ? 'internal-error' : null,
    );
    // Only the manifest was missing (the SDK tried it three times): without it nothing is complete.
    expect(outcome).toMatchObject({ injected: 3, complete: false });
    expect(outcome.objectsLeft).toBe(outcome.objects - 1);
  });

  it('S3 failing while the release is checked: not recorded; a rerender records it', async () => {
    const outcome = await failThenRetry('orleans-tours', ({ command }) =>
      command === 'ListObjectsV2' || command === 'GetObject' ? 'internal-error' : null,
    );
    // Every object reached the bucket, yet the render could not check them: it records nothing.
    expect(outcome.injected).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ complete: true });
    expect(outcome.objectsLeft).toBe(outcome.objects);
  });
});
