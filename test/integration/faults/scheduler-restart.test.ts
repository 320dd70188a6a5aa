// Issue 14, faults: the scheduler down at a plan's arm time and back after
// its instant. The publication still happens, at once, and status says it
// opened late and by how much. First with an injected clock and the
// scheduler loop, then with the real `publibac local` killed (SIGKILL) and
// started again on the same data.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../shared/adapters/fs/file-source.js';
import { formatStatus } from '../../../shared/cli/commands/publish.command.js';
import { ARM_AHEAD_MS } from '../../../shared/domain/publication/instant.js';
import { liveRelease } from '../../../shared/edge/pointer.js';
import { ingestDecisions } from '../../../shared/ingest/ingest.usecase.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock, systemClock, type Clock } from '../../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../../shared/publication/publication.deps.js';
import {
  formatLateness,
  readPointer,
  schedulePublication,
  type ArmResult,
} from '../../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../../shared/publication/render.usecase.js';
import { startScheduler } from '../../../shared/publication/scheduler.js';
import { publicationStatus } from '../../../shared/publication/status.usecase.js';
import { decisionFiles, depsWith } from '../../support/fault-scenario.js';
import { faultCandidates, faultTimeout } from '../../support/fault-size.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { CLI, startLocalProcess, type LocalProcess } from '../../support/local-process.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const run = promisify(execFile);
const SESSION = '2024-06';
const INSTANT = Date.parse('2024-07-04T08:00:00.000Z'); // 10:00 in Paris

/** Decisions stored and a group-1 release rendered for an académie, a day before `instant`. */
async function rendered(deps: PublicationDeps, clock: Clock, academie: string) {
  const files = await decisionFiles(academie, SESSION, faultCandidates(60));
  await ingestDecisions({ store: deps.decisions, clock }, await fileSource(files.group1));
  const { release } = await renderAcademie(deps, {
    academie,
    session: SESSION,
    groupe: 1,
    actor: 'olga',
    iterations: 1_000,
  });
  await rm(files.dir, { recursive: true, force: true });
  return release.id;
}

describe('the scheduler down at the arm time, back after the instant (injected clock)', () => {
  const clock = fixedClock(new Date(INSTANT - 24 * 3600_000));
  let stack: TestStack | undefined;
  let t: ReturnType<typeof publicationDepsFor>;
  let cdn: { url: string; stop(): Promise<void> } | undefined;
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
  });
  afterAll(async () => {
    await cdn?.stop();
    await stack?.stop();
  });

  /** A scheduler loop, as `publibac local` runs it, and the first arm it carries out. */
  function schedulerLoop() {
    let armed: (r: ArmResult) => void = () => undefined;
    const firstArm = new Promise<ArmResult>((done) => (armed = done));
    const loop = startScheduler(t.deps, {
      triggers: t.triggers,
      intervalMs: 20,
      onArm: (_key, result) => {
        armed(result);
      },
    });
    return { firstArm, stop: () => loop.stop() };
  }
  const ticks = () => new Promise((done) => setTimeout(done, 200));
  const lookupParams = (slug: string) => fetch(`${cdn!.url}/${slug}/resultats/params.json`);

  async function planned(academie: string) {
    clock.set(new Date(INSTANT - 24 * 3600_000));
    const id = await rendered(t.deps, clock, academie);
    await schedulePublication(t.deps, {
      academie,
      session: SESSION,
      groupe: 1,
      at: '2024-07-04 10:00',
      actor: 'olga',
    });
    return id;
  }

  it('opens at once on restart, and status says it opened late by 42 s', async () => {
    const id = await planned('nantes');

    // The scheduler runs until 30 s before the arm time, then goes down.
    clock.set(new Date(INSTANT - ARM_AHEAD_MS - 30_000));
    const first = schedulerLoop();
    await ticks();
    await first.stop();
    expect(await t.deps.publications.plan(SESSION, 'nantes', 1)).toMatchObject({
      state: 'scheduled',
    });

    // The instant passes with nothing armed: the public sees nothing yet.
    clock.set(new Date(INSTANT + 42_000));
    expect((await lookupParams('nantes')).status).toBe(404);

    // Back 42 s after the instant: it arms at once, and the release is public.
    const second = schedulerLoop();
    expect(await second.firstArm).toEqual({ armed: true, releaseId: id });
    await second.stop();
    expect(liveRelease(await readPointer(t.deps, 'nantes'), clock.now().getTime())).toBe(id);
    expect((await lookupParams('nantes')).status).toBe(200);

    expect(await t.deps.publications.plan(SESSION, 'nantes', 1)).toMatchObject({
      state: 'armed',
      releaseId: id,
      lateByMs: 42_000,
    });
    const rows = await publicationStatus(t.deps, { academie: 'nantes' });
    expect(rows[0]).toMatchObject({ live: true, plan: { lateByMs: 42_000 } });
    expect(formatStatus(rows)).toContain('opened late by 42 s');
    const arm = (await t.deps.audit.entries({ academie: 'nantes' })).find(
      (e) => e.action === 'arm',
    );
    expect(arm?.detail).toContain('opened late by 42 s');
  });

  it('armed on time when the scheduler runs through the arm time: nothing said late', async () => {
    const id = await planned('nice');
    clock.set(new Date(INSTANT - ARM_AHEAD_MS));
    const loop = schedulerLoop();
    expect(await loop.firstArm).toEqual({ armed: true, releaseId: id });
    await loop.stop();
    clock.set(new Date(INSTANT + 42_000));
    const plan = await t.deps.publications.plan(SESSION, 'nice', 1);
    expect(plan).toMatchObject({ state: 'armed', releaseId: id });
    expect(plan?.lateByMs).toBeUndefined();
    const rows = await publicationStatus(t.deps, { academie: 'nice' });
    expect(rows[0]).toMatchObject({ live: true });
    expect(formatStatus(rows)).not.toContain('late');
  });

  it('says how late in seconds, then minutes', () => {
    expect([42_400, 60_000, 185_000].map(formatLateness)).toEqual([
      '42 s',
      '1 min 00 s',
      '3 min 05 s',
    ]);
  });
});

describe('`publibac local` killed before the instant, started again after it', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill('SIGTERM');
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it(
    'publishes at once on restart; `status` says it opened late and by how much',
    async () => {
      const home = await mkdtemp(join(tmpdir(), 'publibac-restart-'));
      dirs.push(home);
      const dataDir = join(home, 'data');
      // The stack up without its scheduler: it stands for a scheduler that died before the arm
      // time.
      const down = await startLocalProcess({ home, dataDir, scheduler: false });
      processes.push(down);
      const deps = depsWith(down.env, systemClock);
      const id = await rendered(deps, systemClock, 'amiens');
      const instant = DateTime.now().setZone('Europe/Paris').plus({ seconds: 6 }).startOf('second');
      await schedulePublication(deps, {
        academie: 'amiens',
        session: SESSION,
        groupe: 1,
        at: instant.toFormat('yyyy-MM-dd HH:mm:ss'),
        actor: 'olga',
      });
      await down.kill('SIGKILL');
      expect(Date.now()).toBeLessThan(instant.toMillis());

      // Back two seconds after the instant, on the same data, with its scheduler.
      await new Promise((done) => setTimeout(done, instant.toMillis() + 2_000 - Date.now()));
      const up = await startLocalProcess({ home, dataDir });
      processes.push(up);
      // The restarted scheduler arms it on its first pass (it logs each arm).
      const armedLine = `Scheduler: amiens ${SESSION} group 1 armed with release ${id}`;
      for (let i = 0; i < 300 && !up.output().includes(armedLine); i++)
        await new Promise((done) => setTimeout(done, 100));
      expect(up.output()).toContain(armedLine);
      expect((await fetch(`${up.siteUrl}/amiens/resultats/params.json`)).status).toBe(200);

      const { stdout } = await run(
        process.execPath,
        [CLI, 'status', '--academie', 'amiens', '--session', SESSION],
        {
          env: {
            ...process.env,
            PUBLIBAC_HOME: home,
            PUBLIBAC_ACTOR: 'olga',
            PUBLIBAC_ROLES: 'amiens:publication',
          },
        },
      );
      expect(stdout).toContain('amiens 2024-06 group 1: LIVE');
      const late = /opened late by (\d+) s/.exec(stdout);
      expect(late, stdout).not.toBeNull();
      // At least the two seconds it was down past the instant, and no more than its restart took.
      expect(Number(late![1])).toBeGreaterThanOrEqual(2);
      expect(Number(late![1])).toBeLessThan(60);
    },
    faultTimeout(90_000),
  );
});
