import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { findAcademie } from '../../domain/reference/academies.js';
import { Session } from '../../domain/vocabulary.js';
import {
  expectedCandidates,
  generateFirstGroup,
  generateSecondGroup,
  writeCsv,
} from '../../generate/decisions.generator.js';
import { readSecondGroupCandidates } from '../../generate/group-one-reader.js';
import { etablissementsCsv, etablissementsReferenceOf } from '../../generate/lycees.js';
import type { CsvV1Row } from '../../ingest/format-v1.js';
import { oneOf, wholeNumber } from '../arguments.js';

interface GenerateCliOptions {
  academie?: string;
  session?: string;
  candidates?: number;
  seed: number;
  output?: string;
  groupe: '1' | '2';
  from?: string;
  encoding: 'utf-8' | 'windows-1252';
  bom?: boolean;
  etablissements?: string;
}

/**
 * A bar on stderr when it is a terminal, counting rows as the writer pulls them; stdout stays pure
 * CSV.
 */
function* withProgress(rows: Iterable<CsvV1Row>, total: number): Generator<CsvV1Row> {
  if (!process.stderr.isTTY || total < 50_000) {
    yield* rows;
    return;
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Generating {bar} {percentage}% | {value}/{total} rows' },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  try {
    for (const row of rows) {
      yield row;
      if (++done % 10_000 === 0) bar.update(done);
    }
    bar.update(done);
  } finally {
    bar.stop();
  }
}

export function register(program: Command): void {
  program
    .command('generate')
    .description(
      'Write realistic, valid, deterministic synthetic jury decisions (format v1 CSV) for an ' +
        'académie',
    )
    .option('--academie <slug>', 'académie, e.g. aix-marseille (group 2: keep only its rows)')
    .option('--session <YYYY-MM>', 'session, e.g. 2024-06 (group 2: keep only its rows)')
    .option(
      '--candidates <n>',
      'candidates present (default: a realistic size for the académie)',
      wholeNumber,
    )
    .option('--seed <n>', 'the same seed gives the same bytes', wholeNumber, 1)
    .option('-o, --output <file>', 'file to write (default: standard output)')
    .option(
      '--groupe <1|2>',
      '2: second-group decisions of the candidates a group-1 file invites (needs --from)',
      oneOf('1', '2'),
      '1',
    )
    .option('--from <file>', 'the group-1 file, with --groupe 2')
    .option(
      '--encoding <encoding>',
      'utf-8 or windows-1252',
      oneOf('utf-8', 'windows-1252'),
      'utf-8',
    )
    .option('--bom', 'start a UTF-8 file with a byte-order mark')
    .option(
      '--etablissements <file>',
      'group 1: also write the académie’s établissements reference (uai;libelle;commune)',
    )
    .action(async (opts: GenerateCliOptions, cmd: Command) => {
      const started = performance.now();
      let rows: Iterable<CsvV1Row>;
      let what: string;
      if (opts.groupe === '2') {
        if (!opts.from)
          return cmd.error('error: --groupe 2 needs --from <group-1 file>', { exitCode: 2 });
        const invited = (await readSecondGroupCandidates(opts.from)).filter(
          (r) =>
            (!opts.academie || r.academie === opts.academie) &&
            (!opts.session || r.session === opts.session),
        );
        rows = generateSecondGroup(invited, { seed: opts.seed });
        what = 'second-group decisions';
      } else {
        if (!opts.academie || !opts.session)
          return cmd.error('error: --academie and --session are required', { exitCode: 2 });
        const academie = findAcademie(opts.academie);
        if (!academie)
          return cmd.error(`error: unknown académie "${opts.academie}"`, { exitCode: 2 });
        if (!Session.safeParse(opts.session).success)
          return cmd.error('error: --session must be YYYY-MM, e.g. 2024-06', { exitCode: 2 });
        const candidates = opts.candidates ?? expectedCandidates(academie);
        rows = withProgress(
          generateFirstGroup({
            academie: academie.slug,
            session: opts.session,
            candidates,
            seed: opts.seed,
          }),
          candidates,
        );
        what =
          `first-group decisions (${academie.name}, ` +
          `session ${opts.session}, seed ${opts.seed})`;
        // The lycées the decisions name, with their communes: what `render --etablissements` reads.
        if (opts.etablissements)
          await writeFile(
            opts.etablissements,
            etablissementsCsv(etablissementsReferenceOf(academie.slug, opts.seed)),
          );
      }

      const out = opts.output ? createWriteStream(opts.output) : process.stdout;
      const count = await writeCsv(rows, out, { encoding: opts.encoding, bom: opts.bom });
      if (out !== process.stdout) {
        out.end();
        await finished(out);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `${count.toLocaleString('en-GB')} ${what} written to ` +
          `${opts.output ?? 'standard output'} in ${seconds} s\n`,
      );
    });
}
