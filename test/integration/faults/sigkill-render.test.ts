// Issue 14, faults: `publibac render`, the real command in a child process,
// killed (SIGKILL) at seeded points of its upload and once its manifest is
// written, each run killed in turn, then run again to the end. The release
// must be the one a clean run renders on another stack (same id, same bytes,
// same lookup keys), and all along a scheduler arming the académie's plan as
// often as it can must never leave a pointer naming an incomplete release.
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../shared/adapters/fs/file-source.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../../shared/publication/publication.deps.js';
import {
  armPublication,
  readPointer,
  schedulePublication,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { runCli, spawnCli } from '../../support/cli-child.js';
import { seededRandom } from '../../support/fault-injection.js';
import {
  copyLookupKeys,
  decisionFiles,
  depsWith,
  stackState,
} from '../../support/fault-scenario.js';
import { faultCandidates, faultTimeout } from '../../support/fault-size.js';
import { s3ClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';

const SESSION = '2024-06';
const ACADEMIE = 'grenoble';
/**
 * Where each run is killed: twice in the upload (a seeded point in each band of it), then once the
 * manifest is in.
 */
const KILLS = [{ band: 0.1 }, { band: 0.45 }, { band: 'manifest' }] as const;
// 400: 25 a shard on average, 256 shard files, a release of about 300 objects; full size: 4,096
// shard files, about 4,300 objects.
const CANDIDATES = faultCandidates(400);
const SEED = Number(process.env.FAULT_SEED ?? 14);

let reference: TestStack;
let victim: TestStack;
/** Stacks started, stopped after the file's tests whatever happened. */
const started: TestStack[] = [];
const stack = () => startTestStack().then((s) => (started.push(s), s));

beforeAll(async () => {
  [reference, victim] = await Promise.all([stack(), stack()]);
  // The same decisions on both stacks.
  const files = await decisionFiles(ACADEMIE, SESSION, CANDIDATES);
  for (const env of [reference.env, victim.env])
    await ingestDecisions(
      { store: depsWith(env, systemClock).decisions, clock: systemClock },
      await fileSource(files.group1),
    );
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

async function objectsUnder(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    n += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return n;
}

async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/**
 * What the scheduler does, more often than it would: tries to arm the plan,
 * and after each try checks that whatever the pointer names is complete.
 */
function armingWatcher(deps: PublicationDeps) {
  const violations: string[] = [];
  // A release once found complete stays so (nothing deletes it): each pointed-at id is checked
  // once.
  const checked = new Set<string>();
  let armed = 0;
  const state = { stopped: false };
  const loop = (async () => {
    while (!state.stopped) {
      const result = await armPublication(deps, {
        academie: ACADEMIE,
        session: SESSION,
        groupe: 1,
      });
      if (result.armed) armed++;
      const pointer = await readPointer(deps, ACADEMIE);
      for (const id of [pointer.current, pointer.next]) {
        if (id === null || checked.has(id)) continue;
        checked.add(id);
        const check = await deps.storage.verify(id, 'releases');
        if (!check.complete) violations.push(`pointer names ${id}, incomplete`);
      }
      // EventBridge fires within a minute; the local scheduler polls every second: five times a
      // second is plenty.
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  return {
    violations,
    armed: () => armed,
    stop: async () => {
      state.stopped = true;
      await loop;
    },
  };
}

describe('publibac render killed at random points, then run again', () => {
  it(
    'ends as an uninterrupted run; no pointer ever names an incomplete release',
    async () => {
      const bucket = victim.env.PUBLIBAC_SITE_BUCKET!;
      const clean = depsWith(reference.env, systemClock);
      const deps = depsWith(victim.env, systemClock);
      const { release, rendered } = await renderAcademie(clean, {
        academie: ACADEMIE,
        session: SESSION,
        groupe: 1,
        actor: 'olga',
        iterations: 1_000,
      });
      const { id, objects } = release;
      // The files in the order they are uploaded, 16 at a time (the manifest last).
      const paths = rendered.files.map((f) => f.path).filter((p) => p !== 'manifest.json');
      // Same salt and code secret, so the same decisions give the same bytes; a plan to arm.
      await copyLookupKeys(clean, deps, SESSION, ACADEMIE);
      const at = DateTime.now()
        .setZone('Europe/Paris')
        .plus({ hours: 1 })
        .toFormat('yyyy-MM-dd HH:mm');
      await schedulePublication(deps, {
        academie: ACADEMIE,
        session: SESSION,
        groupe: 1,
        at,
        actor: 'olga',
      });

      const s3 = s3ClientFor(victim.env);
      const prefix = `releases/${id}/`;
      const render = ['render', '--academie', ACADEMIE, '--session', SESSION];
      const role = `${ACADEMIE}:publication`;
      const watcher = armingWatcher(deps);
      const random = seededRandom(SEED);
      const kills: { objects: number; recorded: boolean }[] = [];
      for (const { band } of KILLS) {
        // Killed once a seeded file of the band is in the bucket, or the manifest, written last.
        const watched =
          band === 'manifest'
            ? 'manifest.json'
            : paths[Math.floor((band + 0.3 * random()) * paths.length)]!;
        const run = spawnCli(render, victim.env, role);
        while (run.running()) {
          if (await exists(s3, bucket, `${prefix}${watched}`)) {
            run.kill('SIGKILL');
            break;
          }
          await new Promise((done) => setTimeout(done, 20));
        }
        const ended = await run.ended;
        expect(ended.signal, ended.stderr).toBe('SIGKILL');
        kills.push({
          objects: await objectsUnder(s3, bucket, prefix),
          recorded: (await deps.publications.releases(SESSION, ACADEMIE)).length > 0,
        });
      }
      // Run to the end: the same release, complete.
      const again = JSON.parse(await runCli([...render, '--json'], victim.env, role)) as {
        id: string;
      };
      expect(again.id).toBe(id);

      // Let the scheduler arm the plan with it, then stop it.
      const armed = async () => {
        const plan = await deps.publications.plan(SESSION, ACADEMIE, 1);
        return plan?.state === 'armed' && plan.releaseId === id;
      };
      for (let i = 0; i < 400 && !(await armed()); i++)
        await new Promise((done) => setTimeout(done, 25));
      await watcher.stop();
      s3.destroy();
      expect(watcher.armed()).toBeGreaterThanOrEqual(1);

      // The upload kills left part of the release and no record of it; the last, the whole upload.
      for (const k of kills.slice(0, 2)) {
        expect(k.objects, JSON.stringify(kills)).toBeGreaterThan(0);
        expect(k.objects, JSON.stringify(kills)).toBeLessThan(objects);
        expect(k.recorded, JSON.stringify(kills)).toBe(false);
      }
      // Every object was in (statistics.json too, if the kill came after the check).
      expect(kills[2]!.objects).toBeGreaterThanOrEqual(objects);
      expect(watcher.violations).toEqual([]);

      expect(await deps.publications.plan(SESSION, ACADEMIE, 1)).toMatchObject({
        state: 'armed',
        releaseId: id,
      });
      expect((await readPointer(deps, ACADEMIE)).next).toBe(id);
      expect([
        ...new Set((await deps.publications.releases(SESSION, ACADEMIE)).map((r) => r.id)),
      ]).toEqual([id]);
      const [want, got] = await Promise.all([stackState(reference.env), stackState(victim.env)]);
      expect(got.keys).toBe(want.keys);
      expect(got.files).toEqual(want.files);
    },
    faultTimeout(120_000),
  );
});
