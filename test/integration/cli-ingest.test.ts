import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack, dynamoClientFor } from '../support/local-stack.js';
import { clearTable } from '../support/clear-table.js';
import { tableSnapshot } from '../support/table-snapshot.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../shared/cli/publibac.js');
const fixtures = join(import.meta.dirname, '../fixtures/decisions');

let stack: TestStack;
// The stack stops after the file's tests; if it failed to start, there is nothing to stop.
beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
// Each test starts from an empty decisions table: none relies on what another ingested.
beforeEach(async () => clearTable(dynamoClientFor(stack.env), stack.env.PUBLIBAC_DECISIONS_TABLE!));

/** Runs the real command against the test stack; resolves with its exit status and output. */
async function publibac(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...stack.env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('publibac ingest', () => {
  it('exits 0 with a summary, and re-ingesting finds everything unchanged', async () => {
    const first = await publibac('ingest', join(fixtures, 'good.csv'), '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      rows: 6,
      candidates: 5,
      new: 6,
      superseded: 0,
      unchanged: 0,
      written: 6,
    });
    const again = await publibac('ingest', join(fixtures, 'good.csv'));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+6/);
    expect(again.stdout).toMatch(/written\s+0/);
  });

  it('exits 2 with every error on stderr and writes nothing', async () => {
    const client = dynamoClientFor(stack.env);
    const before = await tableSnapshot(client, stack.env.PUBLIBAC_DECISIONS_TABLE!);
    const r = await publibac('ingest', join(fixtures, 'bad/many-errors.csv'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => /^many-errors\.csv:\d/.test(l));
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'many-errors.csv:2:7',
      'many-errors.csv:4:3',
      'many-errors.csv:4:13',
      'many-errors.csv:5:16',
    ]);
    expect(r.stderr).toContain('lettre clé de l’UAI incorrecte (attendue : Y)');
    expect(r.stderr).toContain('rejected, 4 errors; nothing was written');
    expect(await tableSnapshot(client, stack.env.PUBLIBAC_DECISIONS_TABLE!)).toBe(before);
  });

  it('exits 1 on a failure that is not the file’s fault', async () => {
    const r = await publibac('ingest', join(fixtures, 'does-not-exist.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^publibac: .*no such file/m);
  });

  it('--dry-run checks against the store and writes nothing', async () => {
    // The file is refused for what the store holds: a later deliberation of the same rows.
    expect((await publibac('ingest', join(fixtures, 'good.csv'))).code).toBe(0);
    const client = dynamoClientFor(stack.env);
    const before = await tableSnapshot(client, stack.env.PUBLIBAC_DECISIONS_TABLE!);
    const r = await publibac('ingest', join(fixtures, 'bad/older-deliberation.csv'), '--dry-run');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('older-deliberation');
    expect(await tableSnapshot(client, stack.env.PUBLIBAC_DECISIONS_TABLE!)).toBe(before);
  });
});
