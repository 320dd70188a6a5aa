// `publibac stats import-previous` and `publibac stats export`, the real
// commands, against the embedded stack (dynalite + S3 emulator).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDecisionStore } from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { DynamoFraudFlags } from '../../../shared/adapters/dynamodb/fraud-flags.dynamodb.js';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { toJson } from '../../../shared/stats/json-export.js';
import { StatsDocument } from '../../../shared/stats/json-export.js';
import { parsePreviousFiguresFile } from '../../../shared/stats/previous-figures-file.js';
import { academieStatistics } from '../../../shared/stats/statistics.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';
import { tableSnapshot } from '../../support/table-snapshot.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../shared/cli/publibac.js');

let stack: TestStack;
let client: DynamoDBDocumentClient;
let dir: string;
const DECISIONS = syntheticDecisions('amiens', '2024-06', 300, 11);
const WITHHELD = DECISIONS.find((d) => d.groupe === 1 && d.decision === 'ADMIS')!.numero;

const PREVIOUS_CSV = [
  'academie;session;groupe;niveau;code;presents;admis;taux_reussite',
  'amiens;2023-06;2;academie;amiens;20 099;17 900;89,1',
  'amiens;2023-06;2;departement;02;;;87,8',
  'amiens;2023-06;2;serie;BTN/STMG;;;85,6',
  'amiens;2023-06;2;voie;BCG;10000;9530;',
  '',
].join('\r\n');

async function publibac(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...stack.env },
      encoding: 'buffer',
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr: stderr.toString() };
  } catch (err) {
    const e = err as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr.toString() };
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  client = dynamoClientFor(stack.env);
  dir = await mkdtemp(join(tmpdir(), 'publibac-stats-'));
  const store = new DynamoDecisionStore({ client, tableName: stack.env.PUBLIBAC_DECISIONS_TABLE! });
  await store.appendVersions(
    DECISIONS.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'synthetic.csv',
        sha256: 'b'.repeat(64),
        line: 2,
        ingestedAt: '2024-07-05T10:00:00.000Z',
      },
    })),
  );
  await new DynamoFraudFlags({ client, tableName: stack.env.PUBLIBAC_CONTROL_TABLE! }).put({
    session: '2024-06',
    academie: 'amiens',
    numero: WITHHELD,
    pv: null,
    state: 'flagged',
    flaggedAt: '2024-07-04T12:00:00.000Z',
    flaggedBy: 'test',
    releasedAt: null,
    releasedBy: null,
  });
});
afterAll(async () => {
  client.destroy();
  await stack.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What the export must equal: the domain computation on the same decisions and figures. */
function expected(withheld: ReadonlySet<string>): string {
  const parsed = parsePreviousFiguresFile(new TextEncoder().encode(PREVIOUS_CSV));
  if (!parsed.ok) throw new Error('fixture file rejected');
  return toJson(
    academieStatistics({
      academie: 'amiens',
      session: '2024-06',
      groupe: 2,
      decisions: DECISIONS,
      withheld,
      previous: parsed.sets[0]!,
    }),
  );
}

describe('publibac stats', () => {
  it(
    'rejects a bad figures file with every error located, exit 2, and stores ' + 'nothing',
    async () => {
      const bad = join(dir, 'bad-figures.csv');
      await writeFile(
        bad,
        [
          'academie;session;groupe;niveau;code;presents;admis;taux_reussite',
          'amiens;2023-06;2;departement;59;;;87,8',
          'amiens;2023-06;3;voie;BCG;100;90;',
          'amiens;2023-06;2;voie;BTN;100;120;',
          'amiens;2023-06;2;academie;amiens;1000;900;89,1',
          'amiens;2023-06;2;serie;BTN/STMG;;;',
          '',
        ].join('\n'),
      );
      const before = await tableSnapshot(client, stack.env.PUBLIBAC_CONTROL_TABLE!);
      const r = await publibac('stats', 'import-previous', bad);
      expect(r.code).toBe(2);
      const located = r.stderr.split('\n').filter((l) => /^bad-figures\.csv:\d/.test(l));
      expect(located.map((l) => l.split(' ')[0])).toEqual([
        'bad-figures.csv:2:5',
        'bad-figures.csv:3:3',
        'bad-figures.csv:4:7',
        'bad-figures.csv:5:8',
        'bad-figures.csv:6:8',
      ]);
      expect(located[0]).toContain('département 59 is not in académie amiens');
      expect(located[1]).toContain('column groupe "3": groupe must be 1 or 2');
      expect(located[2]).toContain('admis cannot exceed presents');
      expect(located[3]).toContain('does not match admis / presents (90.0)');
      expect(located[4]).toContain('taux_reussite is required without presents and admis');
      expect(r.stderr).toContain('bad-figures.csv: rejected, 5 errors; nothing was stored');
      expect(await tableSnapshot(client, stack.env.PUBLIBAC_CONTROL_TABLE!)).toBe(before);
    },
  );

  it(
    'imports previous figures, then exports JSON with evolutions against them and without ' +
      'withheld candidates',
    async () => {
      const file = join(dir, 'figures-2023.csv');
      await writeFile(file, PREVIOUS_CSV);
      const imported = await publibac('stats', 'import-previous', file);
      expect(imported.code).toBe(0);
      expect(imported.stdout.toString()).toBe('amiens 2023-06 groupe 2: 4 figures stored\n');

      const r = await publibac(
        'stats',
        'export',
        '--academie',
        'amiens',
        '--session',
        '2024-06',
        '--format',
        'json',
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('evolutions against 2023-06 (imported figures)');
      const json = r.stdout.toString();
      expect(json).toBe(expected(new Set([WITHHELD])));
      const doc = StatsDocument.parse(JSON.parse(json));
      const total = doc.lignes.find((l) => l.niveau === 'academie')!;
      expect(total.taux_reussite_precedent).toBe(89.1);
      expect(total.evolution.points).toBeCloseTo(total.taux_reussite! - 89.1, 10);
      // A série the figures do not have is new, not +100 points; the withheld candidate is nowhere.
      expect(doc.lignes.find((l) => l.code === 'BTN/STL')?.evolution).toEqual({
        statut: 'nouveau',
        points: null,
      });
      expect(json).not.toBe(expected(new Set()));
    },
  );

  it('exports CSV to standard output and XLSX to a file', async () => {
    const csv = await publibac(
      'stats',
      'export',
      '--academie',
      'amiens',
      '--session',
      '2024-06',
      '--format',
      'csv',
      '--table',
      'etablissements',
    );
    expect(csv.code).toBe(0);
    expect(
      csv.stdout.toString().startsWith('\ufeffsession;uai;libelle_uai;code_departement;'),
    ).toBe(true);

    const out = join(dir, 'amiens.xlsx');
    const x = await publibac(
      'stats',
      'export',
      '--academie',
      'amiens',
      '--session',
      '2024-06',
      '--format',
      'xlsx',
      '--groupe',
      '1',
      '-o',
      out,
    );
    expect(x.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Synthèse')!;
    expect(ws.getRow(2).getCell(1).value).toBe('academie');
    expect(typeof ws.getRow(2).getCell(6).value).toBe('number');
  });

  it(
    'rejects an unknown académie, or a session with no decisions, with exit 2 and no ' + 'output',
    async () => {
      const r = await publibac(
        'stats',
        'export',
        '--academie',
        'atlantide',
        '--session',
        '2024-06',
        '--format',
        'csv',
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('unknown académie "atlantide"');
      const empty = await publibac(
        'stats',
        'export',
        '--academie',
        'amiens',
        '--session',
        '2042-06',
        '--format',
        'json',
      );
      expect([empty.code, empty.stdout.length]).toEqual([2, 0]);
      expect(empty.stderr).toContain('no decisions stored for amiens 2042-06');
    },
  );
});
