// Child process of the benchmark: thousands of concurrent lookups (landing
// page, params, one shard) through the local CDN on loopback while the
// pointer flips from the live group-1 release to the group-2 one, with the
// real use cases over the embedded stack (env from the parent). Every
// response is compared byte for byte with the file of each release: one from
// the wrong side of the instant is counted. Stops by itself after DURATION_S.
// Usage: load.child.ts [connections] [seconds]
import { GetObjectCommand } from '@aws-sdk/client-s3';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import type { Decision } from '../../shared/domain/decision.schema.js';
import { findAcademie } from '../../shared/domain/reference/academies.js';
import {
  generateFirstGroup,
  generateSecondGroup,
} from '../../shared/generate/decisions.generator.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import {
  publishNow,
  readPointer,
  schedulePublication,
} from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { runDueTriggers } from '../../shared/publication/scheduler.js';
import { rowToDecision } from '../fixtures/stats/synthetic.js';
import { publicationDepsFor } from '../support/publication-deps.js';

const CONNECTIONS = Number(process.argv[2] ?? 2_000);
const DURATION_S = Number(process.argv[3] ?? 20);
/**
 * Long enough that a request queued behind thousands of others on the embedded stack (tens of
 * requests a second on two shared cores) is answered rather than counted as an error.
 */
const TIMEOUT_S = 60;
type Ctx = Record<string, unknown>;
const SLUG = 'bordeaux';
const SESSION = '2024-06';
const env = process.env as Record<string, string>;
const t = publicationDepsFor(env, systemClock);

async function store(decisions: Decision[]): Promise<void> {
  await t.deps.decisions.appendVersions(
    decisions.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: { file: 'bench.csv', sha256: '0'.repeat(64), line: 2, ingestedAt: d.deliberation },
    })),
  );
}
const render = async (groupe: 1 | 2) =>
  (
    await renderAcademie(t.deps, {
      academie: SLUG,
      session: SESSION,
      groupe,
      actor: 'bench',
      iterations: 1_000,
    })
  ).release.id;

// Group 1 live, group 2 rendered and armed to open a few seconds into the load.
const first = [...generateFirstGroup({ academie: SLUG, session: SESSION, candidates: 3_000 })];
await store(first.map(rowToDecision));
const g1 = await render(1);
await publishNow(t.deps, { academie: SLUG, session: SESSION, groupe: 1, actor: 'bench' });
await store([...generateSecondGroup(first)].map(rowToDecision));
const g2 = await render(2);
const zone = findAcademie(SLUG)!.timeZone;
// Whole seconds: the instant is set in local time to the second.
const instantMs = Math.ceil((Date.now() + (DURATION_S * 1000) / 2) / 1000) * 1000;
await schedulePublication(t.deps, {
  academie: SLUG,
  session: SESSION,
  groupe: 2,
  at: DateTime.fromMillis(instantMs, { zone }).toFormat('yyyy-MM-dd HH:mm:ss'),
  actor: 'bench',
});
await runDueTriggers(t.deps, { triggers: t.triggers });
const pointer = await readPointer(t.deps, SLUG);
if (pointer.current !== g1 || pointer.next !== g2 || pointer.notBefore !== instantMs)
  throw new Error(`pointer not armed for the flip: ${JSON.stringify(pointer)}`);

// What each release serves at the three paths a lookup fetches (the shard: the first listed).
const manifest = await t.deps.storage.currentManifest(g2);
const shard = manifest?.files.find((f) => /\/resultats\/[0-9a-f]+\.json$/.test(f.path))?.path;
if (!shard) throw new Error('no shard in the group-2 release');
const paths = {
  page: { viewer: `/${SLUG}/`, file: `${SLUG}/index.html` },
  params: { viewer: `/${SLUG}/resultats/params.json`, file: `${SLUG}/resultats/params.json` },
  shard: { viewer: `/${shard}`, file: shard },
};
const bodyOf = async (id: string, file: string) => {
  const got = await t.s3.send(
    new GetObjectCommand({ Bucket: env.PUBLIBAC_SITE_BUCKET, Key: `releases/${id}/${file}` }),
  );
  return got.Body!.transformToString('utf-8');
};

// A response is wrong when it is group 2's and arrived before the instant, or group 1's for a
// request sent after it (the edge reads the pointer after the request is sent). Under saturation
// a request sent before the instant may be answered long after it, rightly with group 1.
const counts = { before: 0, after: 0, same: 0, wrong: 0, unknown: 0 };
const markers = await Promise.all(
  Object.values(paths).map(
    async ({ file }) => (await bodyOf(g1, file)) !== (await bodyOf(g2, file)),
  ),
);
if (!markers.some(Boolean)) throw new Error('no file tells the two releases apart');
const requests = await Promise.all(
  Object.values(paths).map(async ({ viewer, file }) => {
    const [a, b] = await Promise.all([bodyOf(g1, file), bodyOf(g2, file)]);
    return {
      method: 'GET',
      path: viewer,
      setupRequest: <R>(request: R, context: Ctx): R => {
        context.sentAt = Date.now();
        return request;
      },
      onResponse: (status: number, body: string, context: Ctx) => {
        const now = Date.now();
        const sentAt = typeof context.sentAt === 'number' ? context.sentAt : 0;
        if (status !== 200) return; // counted by autocannon as non-2xx
        if (a === b) {
          if (body === a) counts.same++;
          else counts.unknown++;
        } else if (body === a) {
          counts.before++;
          if (sentAt > instantMs) counts.wrong++;
        } else if (body === b) {
          counts.after++;
          if (now < instantMs) counts.wrong++;
        } else counts.unknown++;
      },
    };
  }),
);

const cdn = await startLocalCdn({
  port: 0,
  s3: t.s3,
  bucket: env.PUBLIBAC_SITE_BUCKET!,
  kvs: t.kvs,
});
try {
  if (!new URL(cdn.url).hostname.startsWith('127.')) throw new Error('loopback only');
  const job = autocannon({
    url: cdn.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: TIMEOUT_S,
    requests,
  });
  // Why requests failed, by code (ECONNRESET, a timeout...): what `errors` alone does not say.
  const errorCodes: Record<string, number> = {};
  job.on('reqError', (e) => {
    const code = e.code ?? e.message;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  });
  const result = await job;
  process.stdout.write(
    `${JSON.stringify({
      connections: CONNECTIONS,
      seconds: result.duration,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      // autocannon's `errors` counts every failed request, timeouts included.
      errors: result.errors,
      timeouts: result.timeouts,
      errorCodes,
      non2xx: result.non2xx,
      ...counts,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
} finally {
  await cdn.stop();
}
