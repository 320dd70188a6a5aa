// Child process of the benchmark: times the first pass (parse + validate +
// whole-file rules) of one file, alone in its process so peak memory is its own.
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { checkDecisionFile } from '../../shared/ingest/ingest.usecase.js';
import { createPoolRunner } from '../../shared/ingest/validate-pool.js';

const [path, mode] = process.argv.slice(2) as [string, 'inline' | 'workers'];
const pool = mode === 'workers' ? createPoolRunner() : undefined;
const started = performance.now();
const checked = await checkDecisionFile(pool ? { runner: pool } : {}, await fileSource(path));
const seconds = (performance.now() - started) / 1000;
await pool?.close();
process.stdout.write(`${JSON.stringify({ rows: checked.rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
