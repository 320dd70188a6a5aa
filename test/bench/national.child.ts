// Child process of the benchmark: renders a whole national session (every
// académie at its realistic size) on the render pool, one worker thread per
// core, with lookup roots already derived (the cache the render use case
// keeps). Releases are counted and dropped, not uploaded: upload is its own
// part. Peak memory is the whole process's, worker threads included.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Decision } from '../../shared/domain/decision.schema.js';
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import { lyceesOf } from '../../shared/generate/decisions.generator.js';
import { DEFAULT_ITERATIONS } from '../../shared/publication/lookup-material.js';
import { lookupScope } from '../../shared/render/lookup/lookup-crypto.js';
import { chooseShardChars } from '../../shared/render/lookup/lookup-shards.js';
import {
  createRenderPool,
  renderAll,
  serializeRenderInput,
  type PooledRenderInput,
} from '../../shared/render/parallel/render-pool.js';
import { generatedDecisions } from './decisions-from-rows.js';
import { nationalSizes } from './national-sizes.js';

const total = Number(process.argv[2] ?? 720_000);
const threads = Number(process.argv[3] ?? availableParallelism());

const inputFor = (academie: string, decisions: Decision[]): PooledRenderInput => ({
  academie,
  session: '2024-06',
  groupe: 1,
  decisions,
  etablissements: new Map(lyceesOf(academie, 1).map((l) => [l.uai, l.nom])),
  lookup: {
    params: {
      v: 2,
      salt: 'AAECAwQFBgcICQoLDA0ODw==',
      iterations: DEFAULT_ITERATIONS,
      shardChars: chooseShardChars(decisions.length),
      scope: lookupScope('2024-06', academie, 1),
    },
    // Stand-in for cached PBKDF2 roots: 32 uniform bytes per candidate.
    roots: new Map(
      decisions.map((d) => [d.numero, createHash('sha256').update(d.numero).digest('base64')]),
    ),
  },
});

// Each académie's input is kept serialised, as read from storage would be: the render threads
// get the bytes by transfer and parse them, and the main thread holds bytes, not objects.
let t = performance.now();
const inputs = nationalSizes(total).map(({ academie, candidates }) =>
  serializeRenderInput(inputFor(academie, generatedDecisions(academie, candidates))),
);
const generateSeconds = (performance.now() - t) / 1000;

// Starting the threads and loading their code is paid once per process: timed apart.
t = performance.now();
const pool = createRenderPool(threads);
await Promise.all(
  ACADEMIES.slice(0, threads).map(({ slug }) =>
    pool.render(inputFor(slug, generatedDecisions(slug, 100))),
  ),
);
const startSeconds = (performance.now() - t) / 1000;

let files = 0;
let bytes = 0;
let releases = 0;
const candidates = inputs.reduce((n, i) => n + i.candidates, 0);
t = performance.now();
const cpu = process.cpuUsage();
// Handed over, not kept: each académie's input is freed once rendered, as a real national render
// would drop what it has published.
await renderAll(
  pool,
  inputs.splice(0),
  (release) => {
    releases++;
    files += release.files.length;
    bytes += release.files.reduce((n, f) => n + f.body.length, 0);
  },
  threads,
);
const seconds = (performance.now() - t) / 1000;
// Every thread's CPU time: what the render costs whatever else the machine runs.
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
await pool.close();
process.stdout.write(
  `${JSON.stringify({
    candidates,
    releases,
    threads,
    seconds,
    cpuSeconds,
    generateSeconds,
    startSeconds,
    files,
    bytes,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
