// `npm run bench`: prints the figures the issues set targets for. Figures,
// not assertions: timing belongs here, never in tests.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestStack } from '../support/local-stack.js';
import { DEFAULT_ITERATIONS } from '../../shared/publication/lookup-material.js';
import { writeDecisionFile } from './national-file.js';

const run = promisify(execFile);
const here = import.meta.dirname;
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

async function child<T = { rows: number; seconds: number; maxRssMB: number; written?: number }>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    env,
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

const only = process.argv[2];
const tmp = await mkdtemp(join(tmpdir(), 'publibac-bench-'));
try {
  if (!only || only === 'parse') {
    const national = join(tmp, 'national.csv');
    const t = performance.now();
    await writeDecisionFile(national, 720_000);
    const size = (await stat(national)).size;
    console.log(
      `national file: 720,000 rows, ${fmt(size / 1e6, 1)} MB, generated in ` +
        `${fmt((performance.now() - t) / 1000, 2)} s`,
    );
    for (const mode of ['inline', 'workers']) {
      const r = await child<{
        rows: number;
        seconds: number;
        maxRssMB: number;
        startSeconds?: number;
      }>('parse-validate.child.ts', [national, mode]);
      const start = !r.startSeconds
        ? ''
        : ` (starting the worker pool first: ${fmt(r.startSeconds, 2)} s, timed apart)`;
      console.log(
        `parse+validate (${mode.padEnd(7)}): ${fmt(r.rows)} rows in ${fmt(r.seconds, 2)} s = ` +
          `${fmt(r.rows / r.seconds)} rows/s, peak RSS ${fmt(r.maxRssMB)} MB${start}  (target ` +
          '>= 250,000 rows/s)',
      );
    }
  }
  if (!only || only === 'ingest') {
    const file = join(tmp, 'academie-100k.csv');
    await writeDecisionFile(file, 100_000, 'aix-marseille');
    const stack = await startTestStack();
    try {
      const env = { ...process.env, ...stack.env };
      const r = await child('ingest.child.ts', [file], env);
      console.log(
        `ingest end to end (embedded stack): ${fmt(r.rows)} rows, ${fmt(r.written ?? 0)} ` +
          `versions written in ${fmt(r.seconds, 2)} s = ${fmt(r.rows / r.seconds)} rows/s, ` +
          `peak RSS ${fmt(r.maxRssMB)} MB`,
      );
      const again = await child('ingest.child.ts', [file], env);
      console.log(
        `re-ingest of the same file (no-op): ${fmt(again.seconds, 2)} s, ` +
          `${fmt(again.written ?? 0)} written`,
      );
    } finally {
      await stack.stop();
    }
  }
  if (!only || only === 'render') {
    for (const [academie, count] of [
      ['aix-marseille', 30_000],
      ['versailles', 100_000],
    ] as const) {
      const r = await child<{
        candidates: number;
        coldSeconds: number;
        warmSeconds: number;
        files: number;
        bytes: number;
        shardMean: number;
        shardMax: number;
        pageBytes: number;
        maxRssMB: number;
      }>('render.child.ts', [academie, String(count)]);
      console.log(
        `render ${fmt(r.candidates)} candidates (${academie}, keys cached): ` +
          `${fmt(r.warmSeconds, 2)} s = ${fmt(r.candidates / r.warmSeconds)} candidates/s ` +
          `(first render in the process ${fmt(r.coldSeconds, 2)} s, with the page script ` +
          `bundling); ${fmt(r.files)} files, ${fmt(r.bytes / 1e6, 1)} MB, peak RSS ` +
          `${fmt(r.maxRssMB)} MB  (target < 2 s for 30,000)`,
      );
      console.log(
        `  bytes per lookup request: one shard, ${fmt(r.shardMean)} B on average, ` +
          `${fmt(r.shardMax)} B at most (plus once per visit: landing page, script, ` +
          `stylesheet, params: ${fmt(r.pageBytes / 1024, 1)} KB)`,
      );
    }
    for (const iterations of [DEFAULT_ITERATIONS, 10_000]) {
      const d = await child<{ count: number; seconds: number }>('derive.child.ts', [
        String(iterations),
        '4000',
      ]);
      const per = d.seconds / d.count;
      console.log(
        `lookup root derivation (access code HMAC, then PBKDF2) at ${fmt(iterations)} ` +
          `iterations${iterations === DEFAULT_ITERATIONS ? ' (the default)' : ''}: ` +
          `${fmt(per * 1000, 3)} ms a candidate (both cores) = ${fmt(per * 30_000, 1)} s for ` +
          `30,000 candidates, ${fmt(per * 720_000, 0)} s for 720,000, once per session (cached ` +
          'for every later render)',
      );
    }
  }
  if (!only || only === 'lookup') {
    const stack = await startTestStack();
    try {
      const r = await child<{ candidates: number; slowdown: number; timings: number[] }>(
        'lookup-phone.child.ts',
        ['30000', '4'],
        { ...process.env, ...stack.env },
      );
      const rest = [...r.timings.slice(1)].sort((a, b) => a - b);
      console.log(
        `lookup on a phone (Chromium, Pixel 7 profile, CPU ${r.slowdown}x slower, ` +
          `${fmt(r.candidates)}-candidate release through the local CDN): first ` +
          `${fmt(r.timings[0]!)} ms (with params.json), then median ` +
          `${fmt(rest[Math.floor(rest.length / 2)]!)} ms, max ${fmt(rest.at(-1)!)} ms from tap ` +
          'to result',
      );
    } finally {
      await stack.stop();
    }
  }
  if (!only || only === 'flip') {
    const stack = await startTestStack();
    try {
      const r = await child<{ latencies: number[] }>('flip.child.ts', [], {
        ...process.env,
        ...stack.env,
      });
      const sorted = [...r.latencies].sort((a, b) => a - b);
      console.log(
        `flip latency (scheduled instant to first 200 through the local CDN, ${sorted.length} ` +
          `flips): median ${fmt(sorted[Math.floor(sorted.length / 2)]!)} ms, max ` +
          `${fmt(sorted.at(-1)!)} ms  (target < 1 s)`,
      );
      const td = await child<{
        candidates: number;
        seconds: number;
        files: number;
        maxRssMB: number;
      }>('takedown.child.ts', ['aix-marseille', '30000'], { ...process.env, ...stack.env });
      console.log(
        `takedown of a live result (fraud flag, ${fmt(td.candidates)}-candidate académie on ` +
          `the embedded stack): ${fmt(td.seconds, 2)} s to rewrite ${td.files} public files in ` +
          `place and request their invalidation, peak RSS ${fmt(td.maxRssMB)} MB`,
      );
    } finally {
      await stack.stop();
    }
  }
  if (!only || only === 'stats') {
    const r = await child<{
      rows: number;
      seconds: number;
      cpuSeconds: number;
      renderSeconds: number;
      etablissements: number;
      maxRssMB: number;
    }>('stats.child.ts', ['720000']);
    console.log(
      `statistics aggregation (every académie and national, groupe 2): ${fmt(r.rows)} ` +
        `decisions in ${fmt(r.seconds, 2)} s (${fmt(r.cpuSeconds, 2)} s CPU), peak RSS ` +
        `${fmt(r.maxRssMB)} MB  (target < 2 s)`,
    );
    console.log(
      `statistics files of one académie (page, CSV, XLSX, JSON; ${fmt(r.etablissements)} ` +
        `établissements): ${fmt(r.renderSeconds, 2)} s`,
    );
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
