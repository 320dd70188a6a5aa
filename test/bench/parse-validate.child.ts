// Child process of the benchmark: times the first pass (parse + validate +
// whole-file rules) of one file, alone in its process so peak memory is its own.
// In worker mode the pool is started first, on the file's first megabyte (two
// chunks, one per worker), and timed apart (`startSeconds`): starting threads
// and loading their code is a fixed cost (about half a second), not the
// pass's rate. `cpuSeconds` (the process's user and system time, worker
// threads included) says what the pass cost when other processes share
// the cores and stretch the wall time.
import { open } from 'node:fs/promises';
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { checkDecisionFile } from '../../shared/ingest/ingest.usecase.js';
import { createPoolRunner } from '../../shared/ingest/validate-pool.js';

const [path, mode] = process.argv.slice(2) as [string, 'inline' | 'workers'];
const pool = mode === 'workers' ? createPoolRunner() : undefined;
let startSeconds = 0;
if (pool) {
  const started = performance.now();
  const file = await open(path);
  const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(1 << 20) });
  await file.close();
  const half = buffer.lastIndexOf(10, bytesRead >> 1) + 1;
  const pieces = [
    buffer.subarray(0, half),
    buffer.subarray(half, buffer.lastIndexOf(10, bytesRead - 1) + 1),
  ];
  await checkDecisionFile(
    { runner: pool },
    {
      name: 'warm-up.csv',
      open: async function* () {
        yield* pieces;
      },
    },
  );
  startSeconds = (performance.now() - started) / 1000;
}
const started = performance.now();
const cpuBefore = process.cpuUsage();
const checked = await checkDecisionFile(pool ? { runner: pool } : {}, await fileSource(path));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await pool?.close();
const maxRssMB = process.resourceUsage().maxRSS / 1024;
const report = { rows: checked.rows, seconds, cpuSeconds, startSeconds, maxRssMB };
process.stdout.write(`${JSON.stringify(report)}\n`);
