// Child process of the benchmark: upload throughput to the embedded S3
// emulator: one 30,000-candidate release (rendered first, not timed) written
// with the product's release writer (PutObject per file, manifest last).
import { createHash } from 'node:crypto';
import { writeRelease } from '../../shared/adapters/s3/release-writer.s3.js';
import { lyceesOf } from '../../shared/generate/decisions.generator.js';
import { lookupScope } from '../../shared/render/lookup/lookup-crypto.js';
import { chooseShardChars } from '../../shared/render/lookup/lookup-shards.js';
import { renderRelease } from '../../shared/render/release.js';
import { s3ClientFor } from '../support/local-stack.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [academie, count] = [process.argv[2] ?? 'aix-marseille', Number(process.argv[3] ?? 30_000)];
const env = process.env as Record<string, string>;
const decisions = generatedDecisions(academie, count);
const release = await renderRelease({
  academie,
  session: '2024-06',
  groupe: 1,
  decisions,
  etablissements: new Map(lyceesOf(academie, 1).map((l) => [l.uai, l.nom])),
  lookup: {
    params: {
      v: 2,
      salt: 'AAECAwQFBgcICQoLDA0ODw==',
      iterations: 1_000,
      shardChars: chooseShardChars(count),
      scope: lookupScope('2024-06', academie, 1),
    },
    root: (numero) => createHash('sha256').update(numero).digest('base64'),
  },
});
const started = performance.now();
await writeRelease(s3ClientFor(env), env.PUBLIBAC_SITE_BUCKET!, release);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    files: release.files.length,
    bytes: release.files.reduce((n, f) => n + f.body.length, 0),
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
