// Child process of the benchmark: one académie from its CSV file to an armed
// release, on the embedded stack named by the environment: ingest (check and
// store), render (lookup roots derived at the default cost, release written
// and verified), schedule an instant 4 minutes ahead (inside the arming
// window), arm. Each step's time is reported apart.
import { DateTime } from 'luxon';
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { findAcademie } from '../../shared/domain/reference/academies.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { createPoolRunner } from '../../shared/ingest/validate-pool.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import {
  armPublication,
  schedulePublication,
} from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { publicationDepsFor } from '../support/publication-deps.js';

const [file, academie] = [process.argv[2]!, process.argv[3] ?? 'aix-marseille'];
const t = publicationDepsFor(process.env as Record<string, string>, systemClock);
const steps: Record<string, number> = {};
const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const s = performance.now();
  const out = await work();
  steps[name] = (performance.now() - s) / 1000;
  return out;
};
const started = performance.now();
const pool = createPoolRunner();
const summary = await step('ingest', async () =>
  ingestDecisions(
    { store: t.deps.decisions, clock: systemClock, runner: pool },
    await fileSource(file),
  ),
);
await pool.close();
const key = { academie, session: '2024-06', groupe: 1 as const };
await step('render', () => renderAcademie(t.deps, { ...key, actor: 'bench' }));
const zone = findAcademie(academie)!.timeZone;
const at = DateTime.fromMillis(Date.now() + 240_000, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
await step('schedule', () => schedulePublication(t.deps, { ...key, at, actor: 'bench' }));
const armed = await step('arm', () => armPublication(t.deps, key, 'bench'));
const seconds = (performance.now() - started) / 1000;
if (!armed.armed) throw new Error(`not armed: ${armed.reason}`);
process.stdout.write(
  `${JSON.stringify({
    rows: summary.rows,
    seconds,
    steps,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
