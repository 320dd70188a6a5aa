// Child process of the benchmark: renders one académie's release in memory
// with key material already derived (the cache the render use case keeps),
// alone in its process so that peak memory is its own.
import { createHash } from 'node:crypto';
import { lyceesOf } from '../../shared/generate/decisions.generator.js';
import { DEFAULT_ITERATIONS } from '../../shared/publication/lookup-material.js';
import { lookupScope } from '../../shared/render/lookup/lookup-crypto.js';
import { renderRelease } from '../../shared/render/release.js';
import { chooseShardChars } from '../../shared/render/lookup/lookup-shards.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [academie, count] = [process.argv[2]!, Number(process.argv[3])];
const decisions = generatedDecisions(academie, count);
// Stand-in for cached PBKDF2 roots: 32 uniform bytes per candidate, as the cache returns them.
const cached = new Map(
  decisions.map((d) => [d.numero, createHash('sha256').update(d.numero).digest('base64')]),
);
const input = {
  academie,
  session: '2024-06',
  groupe: 1 as const,
  decisions,
  etablissements: new Map(lyceesOf(academie, 1).map((l) => [l.uai, l.nom])),
  lookup: {
    params: {
      v: 2 as const,
      salt: 'AAECAwQFBgcICQoLDA0ODw==',
      iterations: DEFAULT_ITERATIONS,
      shardChars: chooseShardChars(count),
      scope: lookupScope('2024-06', academie, 1),
    },
    root: (numero: string) => cached.get(numero)!,
  },
};
const timed = async () => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const release = await renderRelease(input);
  const used = process.cpuUsage(cpu);
  // CPU time as well: on a shared machine wall time also counts other processes' turns.
  return {
    release,
    seconds: (performance.now() - t) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
};
const cold = await timed(); // includes bundling the page script once per process
const warm = await timed();
const shards = warm.release.files
  .filter((f) => /\/resultats\/[0-9a-f]+\.json$/.test(f.path))
  .map((f) => f.body.length);
const lookupPage = warm.release.files.filter(
  (f) =>
    f.path === `${academie}/index.html` ||
    f.path.includes('/assets/') ||
    f.path.endsWith('params.json'),
);
process.stdout.write(
  `${JSON.stringify({
    candidates: decisions.length,
    coldSeconds: cold.seconds,
    warmSeconds: warm.seconds,
    warmCpuSeconds: warm.cpuSeconds,
    files: warm.release.files.length,
    bytes: warm.release.files.reduce((n, f) => n + f.body.length, 0),
    shardMean: shards.reduce((a, b) => a + b, 0) / shards.length,
    shardMax: Math.max(...shards),
    pageBytes: lookupPage.reduce((n, f) => n + f.body.length, 0),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
