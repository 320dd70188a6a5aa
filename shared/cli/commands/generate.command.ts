import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { generateFirstGroup, generateSecondGroup, writeCsv } from '../../generate/decisions.generator.js';
import { CSV_V1_COLUMNS, type CsvV1Row } from '../../ingest/format-v1.js';

const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
};

interface GenerateCliOptions {
  academie: string;
  session: string;
  candidates?: number;
  seed: number;
  output?: string;
  groupe: string;
  from?: string;
  encoding: 'utf-8' | 'windows-1252';
  bom?: boolean;
}

/** Reads a group-1 file this command wrote (small: a few MB for an académie). */
async function readGroupOne(path: string): Promise<CsvV1Row[]> {
  const rows = parse(await readFile(path), { delimiter: ';', columns: true, bom: true }) as Record<string, string>[];
  return rows.map((r) => Object.fromEntries(CSV_V1_COLUMNS.map((c) => [c, r[c] ?? ''])) as CsvV1Row);
}

export function register(program: Command): void {
  program
    .command('generate')
    .description('Write realistic, valid, deterministic synthetic jury decisions (format v1 CSV) for a whole académie')
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06')
    .option('--candidates <n>', 'number of candidates (default 20,000)', integer)
    .option('--seed <n>', 'seed: the same seed gives the same bytes', integer, 1)
    .option('-o, --output <file>', 'file to write (default: standard output)')
    .option('--groupe <1|2>', '2: second-group decisions of the candidates invited to it (needs --from)', '1')
    .option('--from <file>', 'the group-1 file, with --groupe 2')
    .option('--encoding <encoding>', 'utf-8 or windows-1252', 'utf-8')
    .option('--bom', 'start a UTF-8 file with a byte-order mark')
    .action(async (opts: GenerateCliOptions) => {
      if (opts.groupe !== '1' && opts.groupe !== '2') throw new InvalidArgumentError('--groupe must be 1 or 2');
      if (opts.groupe === '2' && !opts.from) throw new InvalidArgumentError('--groupe 2 needs --from <group-1 file>');
      if (opts.encoding !== 'utf-8' && opts.encoding !== 'windows-1252') throw new InvalidArgumentError('--encoding must be utf-8 or windows-1252');
      const rows = opts.groupe === '2'
        ? generateSecondGroup(await readGroupOne(opts.from!), { seed: opts.seed })
        : generateFirstGroup({ academie: opts.academie, session: opts.session, candidates: opts.candidates, seed: opts.seed });
      const out = opts.output ? createWriteStream(opts.output) : process.stdout;
      const count = await writeCsv(rows, out, { encoding: opts.encoding, bom: opts.bom });
      if (opts.output) {
        out.end();
        await finished(out);
      }
      process.stderr.write(`${count.toLocaleString('en-GB')} decisions written${opts.output ? ` to ${opts.output}` : ''}\n`);
    });
}
