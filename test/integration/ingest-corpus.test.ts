import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoDecisionStore } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { fileSource } from '../../shared/adapters/fs/file-source.js';
import { loadConfig, setting } from '../../shared/config.js';
import { IngestRejectedError } from '../../shared/ingest/ingest-issue.js';
import { ingestDecisions } from '../../shared/ingest/ingest.usecase.js';
import { fixedClock } from '../../shared/ports/clock.port.js';
import { startTestStack } from '../support/local-stack.js';
import { tableSnapshot } from '../support/table-snapshot.js';
import { clearTable } from '../support/clear-table.js';

const dir = join(import.meta.dirname, '../fixtures/decisions');
type Expected = { line: number; code: string; column?: string; columnIndex?: number };
const manifest = JSON.parse(await readFile(join(dir, 'bad/expected.json'), 'utf8')) as Record<
  string,
  { expected: Expected[]; after?: string }
>;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let table: string;
const deps = () => ({
  store: new DynamoDecisionStore({ client: dynamoDocumentClient(), tableName: table }),
  clock: fixedClock('2024-07-06T08:00:00Z'),
});

beforeAll(async () => {
  stack = await startTestStack();
  Object.assign(process.env, stack.env);
  table = setting(loadConfig(['decisions']), 'decisions', 'PUBLIBAC_DECISIONS_TABLE');
});
afterAll(async () => stack.stop());
beforeEach(async () => clearTable(dynamoDocumentClient(), table));

async function expectRejected(path: string, expected: Expected[]) {
  const before = await tableSnapshot(dynamoDocumentClient(), table);
  const err = await ingestDecisions(deps(), await fileSource(path)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(IngestRejectedError);
  const issues = (err as IngestRejectedError).issues;
  // Every error is reported, and only those expected.
  expect(issues.map((i) => ({ line: i.line, code: i.code }))).toEqual(
    expected.map((e) => ({ line: e.line, code: e.code })),
  );
  expected.forEach((e, n) => {
    if (e.column) expect(issues[n]!.column).toBe(e.column);
    if (e.columnIndex) expect(issues[n]!.columnIndex).toBe(e.columnIndex);
    expect(issues[n]!.rule.length).toBeGreaterThan(10);
    expect(issues[n]!.regle.length).toBeGreaterThan(10);
  });
  expect(await tableSnapshot(dynamoDocumentClient(), table)).toBe(before);
}

describe('bad-input corpus: each file is rejected whole and the store is unchanged', () => {
  it('has at least 25 files', () => {
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(25);
  });

  for (const [file, { expected, after }] of Object.entries(manifest)) {
    it(`${file}${after ? ` (after ${after})` : ''}`, async () => {
      if (after) await ingestDecisions(deps(), await fileSource(join(dir, after)));
      await expectRejected(join(dir, 'bad', file), expected);
    });
  }

  it('a 10 MB single line is refused without being parsed', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'publibac-'));
    const path = join(tmp, 'ten-megabyte-line.csv');
    const good = await readFile(join(dir, 'good.csv'), 'utf8');
    await writeFile(
      path,
      `${good.split('\n')[0]}\n2024-06;aix-marseille;${'A'.repeat(10 * 1024 * 1024)}\n`,
    );
    await expectRejected(path, [{ line: 2, code: 'line-too-long' }]);
  });
});

describe('good files', () => {
  it('ingests, and a second ingest of the same file changes nothing', async () => {
    const first = await ingestDecisions(deps(), await fileSource(join(dir, 'good.csv')));
    expect(first).toMatchObject({
      rows: 6,
      candidates: 5,
      new: 6,
      superseded: 0,
      unchanged: 0,
      written: 6,
      encoding: 'utf-8',
    });
    const snapshot = await tableSnapshot(dynamoDocumentClient(), table);
    const again = await ingestDecisions(deps(), await fileSource(join(dir, 'good.csv')));
    expect(again).toMatchObject({ new: 0, superseded: 0, unchanged: 6, written: 0 });
    expect(await tableSnapshot(dynamoDocumentClient(), table)).toBe(snapshot);
  });

  it('a later deliberation supersedes and both versions are kept', async () => {
    await ingestDecisions(deps(), await fileSource(join(dir, 'good.csv')));
    const tmp = await mkdtemp(join(tmpdir(), 'publibac-'));
    const lines = (await readFile(join(dir, 'good.csv'), 'utf8')).split('\n');
    const corrected = lines[1]!
      .replace(';AB;12,50;', ';B;14,10;')
      .replace('2024-07-05T14:30:00+02:00', '2024-07-06T09:00:00+02:00');
    await writeFile(join(tmp, 'correction.csv'), `${lines[0]}\n${corrected}\n`);
    const summary = await ingestDecisions(deps(), await fileSource(join(tmp, 'correction.csv')));
    expect(summary).toMatchObject({ rows: 1, new: 0, superseded: 1, written: 1 });

    const store = deps().store;
    const history = await store.candidateHistory('2024-06', 'aix-marseille', '24000000001');
    expect(history.map((v) => [v.mention, v.deliberation])).toEqual([
      ['AB', '2024-07-05T12:30:00.000Z'],
      ['B', '2024-07-06T07:00:00.000Z'],
    ]);
    expect(history[1]!.source).toMatchObject({ file: 'correction.csv', line: 2 });
    const current = (await store.currentDecisions('2024-06', 'aix-marseille')).find(
      (d) => d.numero === '24000000001',
    );
    expect(current).toMatchObject({ mention: 'B', moyenne: 14.1 });
  });

  it('reads Windows-1252 and UTF-8 with BOM alike', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'publibac-'));
    const text = await readFile(join(dir, 'good.csv'), 'utf8');
    const cp1252 = new Uint8Array(
      Array.from(text, (ch) =>
        ch === 'É'
          ? 0xc9
          : ch === 'é'
            ? 0xe9
            : ch === 'è'
              ? 0xe8
              : ch === 'Í'
                ? 0xcd
                : ch === 'ç'
                  ? 0xe7
                  : ch.charCodeAt(0),
      ),
    );
    await writeFile(join(tmp, 'cp1252.csv'), cp1252);
    const a = await ingestDecisions(deps(), await fileSource(join(tmp, 'cp1252.csv')), {
      dryRun: true,
    });
    expect(a).toMatchObject({
      encoding: 'windows-1252',
      rows: 6,
      new: 6,
      written: 0,
      dryRun: true,
    });
    await writeFile(join(tmp, 'bom.csv'), `\uFEFF${text.replaceAll('\n', '\r\n')}`);
    const b = await ingestDecisions(deps(), await fileSource(join(tmp, 'bom.csv')));
    expect(b).toMatchObject({ encoding: 'utf-8', rows: 6, written: 6 });
    const names = (await deps().store.currentDecisions('2024-06', 'aix-marseille'))
      .map((d) => d.nom)
      .sort();
    expect(names).toContain('LE GALL-ÉTIENNE');
    expect(names).toContain('GARCÍA');
  });
});
