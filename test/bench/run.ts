// `npm run bench`: prints the figures the issues set targets for. Figures,
// not assertions: timing belongs here, never in tests.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestStack } from '../support/local-stack.js';
import { writeDecisionFile } from './national-file.js';

const run = promisify(execFile);
const here = import.meta.dirname;
const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

async function child(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, script), ...args], { env, maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number; seconds: number; maxRssMB: number; written?: number };
}

const only = process.argv[2];
const tmp = await mkdtemp(join(tmpdir(), 'publibac-bench-'));
try {
  if (!only || only === 'parse') {
    const national = join(tmp, 'national.csv');
    let t = performance.now();
    await writeDecisionFile(national, 720_000);
    const size = (await stat(national)).size;
    console.log(`national file: 720,000 rows, ${fmt(size / 1e6, 1)} MB, generated in ${fmt((performance.now() - t) / 1000, 2)} s`);
    for (const mode of ['inline', 'workers']) {
      const r = await child('parse-validate.child.ts', [national, mode]);
      console.log(`parse+validate (${mode.padEnd(7)}): ${fmt(r.rows)} rows in ${fmt(r.seconds, 2)} s = ${fmt(r.rows / r.seconds)} rows/s, peak RSS ${fmt(r.maxRssMB)} MB  (target >= 250,000 rows/s)`);
    }
  }
  if (!only || only === 'ingest') {
    const file = join(tmp, 'academie-100k.csv');
    await writeDecisionFile(file, 100_000, 'aix-marseille');
    const stack = await startTestStack();
    try {
      const env = { ...process.env, ...stack.env };
      const r = await child('ingest.child.ts', [file], env);
      console.log(`ingest end to end (embedded stack): ${fmt(r.rows)} rows, ${fmt(r.written ?? 0)} versions written in ${fmt(r.seconds, 2)} s = ${fmt(r.rows / r.seconds)} rows/s, peak RSS ${fmt(r.maxRssMB)} MB`);
      const again = await child('ingest.child.ts', [file], env);
      console.log(`re-ingest of the same file (no-op): ${fmt(again.seconds, 2)} s, ${fmt(again.written ?? 0)} written`);
    } finally {
      await stack.stop();
    }
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
