import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { findAcademie } from '../../domain/reference/academies.js';
import { GroupeText, Session } from '../../domain/vocabulary.js';
import {
  exportStatistics,
  NoDecisionsError,
  type ExportFormat,
} from '../../stats/export.usecase.js';
import { formatFileIssue, parsePreviousFiguresFile } from '../../stats/previous-figures-file.js';
import { publicationContext } from '../publication-context.js';

/** Rejected input: the same exit status as a rejected decision file. */
function reject(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

export function register(program: Command): void {
  const stats = program
    .command('stats')
    .description(
      'Statistics for press offices: exports, and figures of previous sessions for evolutions.',
    );

  stats
    .command('export')
    .description(
      'Statistics of an académie’s session from the stored decisions, with evolutions against ' +
        'the previous session (imported figures first, else its stored decisions).',
    )
    .requiredOption('--academie <slug>', 'académie slug, e.g. amiens')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06')
    .addOption(
      new Option('--format <format>', 'download format')
        .choices(['csv', 'xlsx', 'json'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--groupe <groupe>',
        '1: provisional after the first group; 2: after the second group',
      )
        .choices(['1', '2'])
        .default('2'),
    )
    .addOption(
      new Option('--table <table>', 'CSV only: which table')
        .choices(['synthese', 'etablissements'])
        .default('synthese'),
    )
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(
      async (o: {
        academie: string;
        session: string;
        format: ExportFormat;
        groupe: '1' | '2';
        table: 'synthese' | 'etablissements';
        output?: string;
      }) => {
        if (!findAcademie(o.academie)) {
          reject(`unknown académie "${o.academie}"`);
          return;
        }
        if (!Session.safeParse(o.session).success) {
          reject(`session must be YYYY-MM (got "${o.session}")`);
          return;
        }
        const ctx = publicationContext(['decisions', 'control']);
        const { deps } = ctx;
        const request = {
          academie: o.academie,
          session: o.session,
          groupe: GroupeText.parse(o.groupe),
          format: o.format,
          table: o.table,
        } as const;
        const r = await exportStatistics(deps, request).catch((err: unknown) => {
          if (err instanceof NoDecisionsError) {
            reject(`${err.message} (in ${ctx.target})`);
            return;
          }
          throw err;
        });
        if (!r) return;
        if (o.output) await writeFile(o.output, r.body);
        else process.stdout.write(r.body);
        const from =
          r.previous.source === 'none'
            ? `no figures for ${r.previous.session}: evolutions unavailable`
            : `evolutions against ${r.previous.session} ` +
              `(${r.previous.source === 'import' ? 'imported figures' : 'stored decisions'})`;
        process.stderr.write(
          `${r.decisions} decisions of ${o.academie} ${o.session} from ${ctx.target}; ` +
            `${from}${o.output ? `; written to ${o.output}` : ''}\n`,
        );
      },
    );

  stats
    .command('import-previous')
    .description(
      'Store figures of previous sessions (CSV: ' +
        'academie;session;groupe;niveau;code;presents;admis;taux_reussite; see ' +
        'shared/stats/previous-figures-file.ts). Checked whole: any error and nothing is ' +
        'stored (exit 2).',
    )
    .argument('<file>', 'CSV file, ";"-separated, UTF-8 or Windows-1252')
    .action(async (file: string) => {
      const name = basename(file);
      const result = parsePreviousFiguresFile(await readFile(file));
      if (!result.ok) {
        for (const issue of result.issues)
          process.stderr.write(`${formatFileIssue(name, issue)}\n`);
        const n = result.issues.length;
        reject(`${name}: rejected, ${n} error${n > 1 ? 's' : ''}; nothing was stored`);
        return;
      }
      await publicationContext(['control']).deps.figures.save(result.sets);
      for (const s of result.sets)
        process.stdout.write(
          `${s.academie} ${s.session} groupe ${s.groupe}: ${s.rows.length} figures stored\n`,
        );
    });
}
