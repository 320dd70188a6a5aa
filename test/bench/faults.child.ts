// Child process of the benchmark: the fault tests of test/integration/faults
// at full size (FAULT_SIZE=full: an académie of 30,000 candidates), run by
// vitest as in `npm test`; prints each test's outcome and duration. The
// scenarios are the tests themselves, so the bench and the suite cannot
// drift apart. Usage: faults.child.ts [test file filter]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '../..');
const HALF_HOUR_MS = String(30 * 60_000);

const Report = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      assertionResults: z.array(
        z.object({
          fullName: z.string(),
          status: z.string(),
          duration: z.number().nullish(),
          failureMessages: z.array(z.string()).default([]),
        }),
      ),
    }),
  ),
});

const dir = await mkdtemp(join(tmpdir(), 'publibac-faults-'));
const out = join(dir, 'report.json');
const started = performance.now();
try {
  // One file at a time: two cores, and each file starts its own stacks.
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/vitest'),
    [
      'run',
      process.argv[2] ?? 'test/integration/faults',
      '--reporter=json',
      `--outputFile=${out}`,
      '--no-file-parallelism',
      `--testTimeout=${HALF_HOUR_MS}`,
      `--hookTimeout=${HALF_HOUR_MS}`,
    ],
    { cwd: ROOT, env: { ...process.env, FAULT_SIZE: 'full' }, maxBuffer: 1 << 26 },
  ).catch((e: unknown) => e); // failing tests exit 1: the report says which
  const report = Report.parse(JSON.parse(await readFile(out, 'utf8')));
  const tests = report.testResults.flatMap((file) =>
    file.assertionResults.map((t) => ({
      file: basename(file.name, '.test.ts'),
      name: t.fullName,
      passed: t.status === 'passed',
      seconds: (t.duration ?? 0) / 1000,
      failure: t.failureMessages[0]?.split('\n')[0] ?? null,
    })),
  );
  process.stdout.write(
    `${JSON.stringify({ tests, seconds: (performance.now() - started) / 1000 })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
