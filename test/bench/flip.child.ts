// Child process of the benchmark: flip latency, from the scheduled instant
// to the first 200 through the local CDN, with the real use cases over the
// embedded stack (its env comes from the parent) and the system clock.
import { DateTime } from 'luxon';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { findAcademie } from '../../shared/domain/reference/academies.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { observeFlip } from '../../shared/local/flip-probe.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { schedulePublication } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../shared/publication/scheduler.js';
import { publicationDepsFor } from '../support/publication-deps.js';
import { generatedDecisions } from './decisions-from-rows.js';

const env = process.env as Record<string, string>;
const t = publicationDepsFor(env, systemClock);
const cdn = await startLocalCdn({
  port: 0,
  s3: t.s3,
  bucket: env.PUBLIBAC_SITE_BUCKET!,
  kvs: t.kvs,
});
const latencies: number[] = [];
try {
  for (const slug of ['lyon', 'nantes', 'rennes', 'toulouse', 'lille']) {
    const decisions = generatedDecisions(slug, 300);
    await t.deps.decisions.appendVersions(
      decisions.map((d) => ({
        ...d,
        digest: decisionDigest(d),
        source: {
          file: 'bench.csv',
          sha256: '0'.repeat(64),
          line: 2,
          ingestedAt: new Date().toISOString(),
        },
      })),
    );
    await renderAcademie(t.deps, {
      academie: slug,
      session: '2024-06',
      groupe: 1,
      actor: 'bench',
      iterations: 1_000,
    });
    const zone = findAcademie(slug)!.timeZone;
    const at = DateTime.fromMillis(Date.now() + 4_000, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
    const plan = await schedulePublication(t.deps, {
      academie: slug,
      session: '2024-06',
      groupe: 1,
      at,
      actor: 'bench',
    });
    // the scheduler's tick: armed ahead of the instant
    await runDueTriggers(t.deps, { triggers: t.triggers });
    const flip = await observeFlip(
      `${cdn.url}/${slug}/resultats/params.json`,
      Date.parse(plan.instant),
      { pollMs: 2 },
    );
    latencies.push(flip.latencyMs);
  }
} finally {
  await cdn.stop();
}
process.stdout.write(
  `${JSON.stringify({ latencies, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
