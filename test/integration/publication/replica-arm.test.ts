// Issue 14, item 6: results day survives a regional S3 outage. The
// distribution fails over to the site bucket's replica on the same paths, so
// a release is armed only once it is complete in both buckets. A second
// bucket of the S3 emulator stands for the replica; the test copies objects
// into it as S3 Replication would, in no particular order.
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../shared/adapters/fs/file-source.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../../shared/publication/publication.deps.js';
import {
  ARM_RETRY_MS,
  readPointer,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../../shared/publication/scheduler.js';
import { publicationStatus } from '../../../shared/publication/status.usecase.js';
import { decisionFiles } from '../../support/fault-scenario.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const SESSION = '2024-06';
const INSTANT = Date.parse('2024-07-04T08:00:00.000Z'); // 10:00 in Paris
const REPLICA = 'publibac-site-replica';
const clock = fixedClock(new Date(INSTANT - 24 * 3600_000));
let stack: TestStack | undefined;
let t: ReturnType<typeof publicationDepsFor>;

beforeAll(async () => {
  stack = await startTestStack();
  // The composition root wires the replica from the variable, as on AWS.
  t = publicationDepsFor({ ...stack.env, PUBLIBAC_SITE_REPLICA_BUCKET: REPLICA }, clock);
  await t.s3.send(new CreateBucketCommand({ Bucket: REPLICA }));
});
afterAll(async () => {
  await stack?.stop();
});

/** Decisions stored, group 1 scheduled for INSTANT and rendered a day ahead: the release's id. */
async function renderedAndPlanned(deps: PublicationDeps, academie: string): Promise<string> {
  clock.set(new Date(INSTANT - 24 * 3600_000));
  const files = await decisionFiles(academie, SESSION, 80);
  await ingestDecisions({ store: deps.decisions, clock }, await fileSource(files.group1));
  await rm(files.dir, { recursive: true, force: true });
  await schedulePublication(deps, {
    academie,
    session: SESSION,
    groupe: 1,
    at: '2024-07-04 10:00',
    actor: 'olga',
  });
  const { release } = await renderAcademie(deps, {
    academie,
    session: SESSION,
    groupe: 1,
    actor: 'olga',
    iterations: 1_000,
  });
  return release.id;
}

/** Copies the release's objects (bytes, metadata, headers) that `pick` selects into the replica. */
async function replicate(id: string, pick: (key: string) => boolean): Promise<number> {
  const bucket = stack!.env.PUBLIBAC_SITE_BUCKET!;
  const listed = await t.s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: `releases/${id}/` }),
  );
  const keys = (listed.Contents ?? []).map((o) => o.Key!).filter(pick);
  for (const key of keys) {
    const got = await t.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const body = await got.Body!.transformToByteArray();
    await t.s3.send(
      new PutObjectCommand({
        Bucket: REPLICA,
        Key: key,
        Body: body,
        ContentLength: body.length,
        ContentType: got.ContentType,
        CacheControl: got.CacheControl,
        Metadata: got.Metadata,
      }),
    );
  }
  return keys.length;
}

const isManifest = (key: string) => key.endsWith('/manifest.json');

async function schedulerAt(ms: number, academie: string) {
  clock.set(new Date(ms));
  await runDueTriggers(t.deps, { triggers: t.triggers });
  return {
    plan: await t.deps.publications.plan(SESSION, academie, 1),
    pointer: await readPointer(t.deps, academie),
  };
}

describe('arming with a replica bucket', () => {
  it('waits while the manifest is missing from the replica, arms once it is there', async () => {
    const id = await renderedAndPlanned(t.deps, 'normandie');
    // Every file replicated but the manifest: not armed, with the reason, and tried again.
    expect(await replicate(id, (k) => !isManifest(k))).toBeGreaterThan(10);
    const waiting = await schedulerAt(INSTANT - ARM_AHEAD_MS, 'normandie');
    expect(waiting.plan).toMatchObject({ state: 'scheduled', releaseId: null });
    expect(waiting.plan?.reason).toBe(
      `release ${id} is not yet complete in the replica bucket ${REPLICA}: ` +
        'waiting for S3 Replication before arming',
    );
    expect(waiting.pointer).toMatchObject({ current: null, next: null });
    const audit = await t.deps.audit.entries({ academie: 'normandie' });
    expect(audit.filter((e) => e.action === 'arm-deferred').map((e) => e.detail)).toEqual([
      waiting.plan?.reason,
    ]);

    // The manifest arrives: the retry arms the same release, on time.
    await replicate(id, isManifest);
    const armed = await schedulerAt(INSTANT - ARM_AHEAD_MS + ARM_RETRY_MS, 'normandie');
    expect(armed.plan).toMatchObject({ state: 'armed', releaseId: id, reason: null });
    expect(armed.plan).not.toHaveProperty('lateByMs');
    expect(armed.pointer).toMatchObject({ next: id, notBefore: INSTANT });
  });

  it('a manifest that arrived before some files is not enough', async () => {
    const id = await renderedAndPlanned(t.deps, 'lille');
    // Replication keeps no order: the manifest and all but one shard are there.
    let skipped = '';
    await replicate(id, (k) => {
      if (!skipped && k.includes('/resultats/') && !k.endsWith('params.json')) {
        skipped = k;
        return false;
      }
      return true;
    });
    expect(skipped).not.toBe('');
    const waiting = await schedulerAt(INSTANT - ARM_AHEAD_MS, 'lille');
    expect(waiting.plan).toMatchObject({ state: 'scheduled', releaseId: null });
    expect(waiting.plan?.reason).toMatch(/not yet complete in the replica bucket/);

    await replicate(id, (k) => k === skipped);
    const armed = await schedulerAt(INSTANT - ARM_AHEAD_MS + ARM_RETRY_MS, 'lille');
    expect(armed.plan).toMatchObject({ state: 'armed', releaseId: id });
  });

  it('replication lagging past the instant delays the opening, never misses it', async () => {
    const id = await renderedAndPlanned(t.deps, 'amiens');
    // Nothing replicated at the arm time, nor at the instant.
    await schedulerAt(INSTANT - ARM_AHEAD_MS, 'amiens');
    const late = await schedulerAt(INSTANT + 1_000, 'amiens');
    expect(late.plan).toMatchObject({ state: 'scheduled', releaseId: null });
    expect(late.plan?.reason).toMatch(/waiting for S3 Replication/);

    // Replicated by the next retry, 31 s after the instant: armed then, opening at once, late.
    await replicate(id, () => true);
    const opened = await schedulerAt(INSTANT + 1_000 + ARM_RETRY_MS, 'amiens');
    expect(opened.plan).toMatchObject({ state: 'armed', releaseId: id, lateByMs: 31_000 });
    expect(opened.pointer).toMatchObject({ next: id, notBefore: INSTANT });
    const [row] = await publicationStatus(t.deps, { academie: 'amiens', session: SESSION });
    expect(row).toMatchObject({ plan: { state: 'armed', lateByMs: 31_000 } });
  });
});
