// Child process of the benchmark: ingests one file end to end into the stack
// named by the environment, and reports time and its own peak memory.
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { compose } from '../../shared/composition-root.js';
import { loadConfig } from '../../shared/config.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { createPoolRunner } from '../../shared/ingest/validate-pool.js';
import { systemClock } from '../../shared/ports/clock.port.js';

const [path] = process.argv.slice(2) as [string];
const store = compose(loadConfig(['decisions'])).deps.decisions;
const pool = createPoolRunner();
const started = performance.now();
const summary = await ingestDecisions(
  { store, clock: systemClock, runner: pool },
  await fileSource(path),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
process.stdout.write(
  `${JSON.stringify({ ...summary, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
