// Child process of the benchmark: ingests one file end to end into the stack
// named by the environment, and reports time and its own peak memory, with
// the time of each pass (check, compare, write) apart: the check pass is
// parsing and validating, the write pass is mostly the store's writes.
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { compose } from '../../shared/composition-root.js';
import { loadConfig } from '../../shared/config.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { createPoolRunner } from '../../shared/ingest/validate-pool.js';
import type { Progress } from '../../shared/ports/byte-source.port.js';
import { systemClock } from '../../shared/ports/clock.port.js';

const [path] = process.argv.slice(2) as [string];
const store = compose(loadConfig(['decisions'])).deps.decisions;
const pool = createPoolRunner();
const steps: Record<string, number> = {};
/** CPU seconds of this process during each pass: the writer's share of the 2 cores. */
const stepsCpu: Record<string, number> = {};
let step = '';
let stepStarted = 0;
let stepCpu = process.cpuUsage();
const timing: Progress = {
  start(name) {
    step = name;
    stepStarted = performance.now();
    stepCpu = process.cpuUsage();
  },
  update() {},
  stop() {
    steps[step] = (steps[step] ?? 0) + (performance.now() - stepStarted) / 1000;
    const { user, system } = process.cpuUsage(stepCpu);
    stepsCpu[step] = (stepsCpu[step] ?? 0) + (user + system) / 1e6;
  },
};
const started = performance.now();
const summary = await ingestDecisions(
  { store, clock: systemClock, runner: pool, progress: timing },
  await fileSource(path),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
const maxRssMB = process.resourceUsage().maxRSS / 1024;
// This process's own CPU seconds (all threads): with the stack's, where the time went.
const { user, system } = process.cpuUsage();
const cpuSeconds = (user + system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ ...summary, seconds, steps, stepsCpu, maxRssMB, cpuSeconds })}\n`,
);
