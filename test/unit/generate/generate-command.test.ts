import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../../shared/cli/commands/generate.command.js';
import {
  generateFirstGroup,
  generateSecondGroup,
  writeCsv,
} from '../../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../../shared/ingest/format-v1.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publibac-generate-'));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // the summary lines
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<void> {
  const program = new Command('publibac').exitOverride().configureOutput({ writeErr: () => {} });
  register(program);
  await program.parseAsync(['node', 'publibac', 'generate', ...args]);
}
async function libraryBytes(rows: Iterable<CsvV1Row>, encoding?: 'windows-1252'): Promise<Buffer> {
  const parts: Buffer[] = [];
  await writeCsv(
    rows,
    new Writable({
      write(chunk: Buffer, _e, done) {
        parts.push(chunk);
        done();
      },
    }),
    { encoding },
  );
  return Buffer.concat(parts);
}
const options = { academie: 'amiens', session: '2024-06', candidates: 4_000, seed: 3 };

describe('publibac generate', () => {
  it('writes the same bytes as the library, and group 2 from the group-1 file', async () => {
    const g1 = join(dir, 'g1.csv');
    const g2 = join(dir, 'g2.csv');
    await run(
      '--academie',
      'amiens',
      '--session',
      '2024-06',
      '--candidates',
      '4000',
      '--seed',
      '3',
      '-o',
      g1,
    );
    await run('--groupe', '2', '--from', g1, '--seed', '3', '-o', g2);
    expect((await readFile(g1)).equals(await libraryBytes(generateFirstGroup(options)))).toBe(true);
    expect(
      (await readFile(g2)).equals(
        await libraryBytes(generateSecondGroup(generateFirstGroup(options), { seed: 3 })),
      ),
    ).toBe(true);
  });

  it('reads a Windows-1252 group-1 file for group 2 and writes Windows-1252 back', async () => {
    const g1 = join(dir, 'g1-1252.csv');
    const g2 = join(dir, 'g2-1252.csv');
    await run(
      '--academie',
      'amiens',
      '--session',
      '2024-06',
      '--candidates',
      '4000',
      '--seed',
      '3',
      '--encoding',
      'windows-1252',
      '-o',
      g1,
    );
    await run('--groupe', '2', '--from', g1, '--seed', '3', '--encoding', 'windows-1252', '-o', g2);
    const expected = await libraryBytes(
      generateSecondGroup(generateFirstGroup(options), { seed: 3 }),
      'windows-1252',
    );
    expect((await readFile(g2)).equals(expected)).toBe(true);
    expect(iconv.decode(await readFile(g2), 'windows-1252')).toMatch(/[éèëïç]/);
  });

  it('refuses bad arguments', async () => {
    await expect(run('--academie', 'atlantis', '--session', '2024-06')).rejects.toThrow(
      /unknown académie/,
    );
    await expect(run('--academie', 'amiens', '--session', '2024-6')).rejects.toThrow(/YYYY-MM/);
    await expect(run('--groupe', '2')).rejects.toThrow(/--from/);
    await expect(
      run('--academie', 'amiens', '--session', '2024-06', '--encoding', 'latin1'),
    ).rejects.toThrow();
  });

  it('keeps standard output pure CSV: the summary goes to stderr', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        'shared/cli/publibac.js',
        'generate',
        '--academie',
        'corse',
        '--session',
        '2024-06',
        '--candidates',
        '250',
      ],
      { cwd: join(import.meta.dirname, '../../..'), maxBuffer: 1 << 24 },
    );
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^session;academie;/);
    expect(lines).toHaveLength(252);
    expect(stderr).toMatch(
      /250 first-group decisions \(Corse, session 2024-06, seed 1\) written to standard output/,
    );
  }, 30_000);
});
