import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { findAcademie } from '../../domain/reference/academies.js';
import { readCandidates } from '../../publication/candidates-file.js';
import type { CodeRow } from '../../publication/codes-export.usecase.js';
import { readEtablissements } from '../../publication/etablissements-file.js';
import { PublicationError } from '../../publication/publication.deps.js';
import { codesCsv, slipsPage } from '../../render/code-slips.js';
import { actingAs } from '../../publication/officer-actions.usecase.js';
import { session } from '../arguments.js';
import { cliOfficer } from '../officer.js';
import { publicationContext } from '../publication-context.js';
import { refusals } from './refusals.js';

interface ExportOptions {
  academie: string;
  session: string;
  from: string;
  output?: string;
  etablissements?: string;
  siteUrl?: string;
}

const scope = (c: Command) =>
  c
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session);

export function register(program: Command): void {
  const codes = program
    .command('codes')
    .description(
      "Candidates' access codes for the private lookup (derived: asking again gives the same " +
        'codes)',
    );

  scope(codes.command('export'))
    .description(
      'Write codes.csv (mail-merge for convocations) and one printable <UAI>.html page of ' +
        'slips per établissement. Exit 2 if the file is refused (nothing written).',
    )
    .requiredOption(
      '--from <file>',
      'a decisions file (format v1) or an inscriptions file "numero;nom;prenoms;uai"',
    )
    .option('-o, --output <dir>', 'folder to write into (default codes-<academie>-<session>)')
    .option(
      '--etablissements <file>',
      'names of the établissements for the slips, a "uai;libelle" CSV',
    )
    .option('--site-url <url>', 'the public site printed on the slips (default PUBLIBAC_SITE_URL)')
    .action(
      refusals(async (opts: ExportOptions) => {
        const officer = cliOfficer();
        const academie = findAcademie(opts.academie);
        if (!academie) throw new PublicationError(`unknown académie "${opts.academie}"`);
        // Everything is read and checked before anything is derived or written.
        const candidates = await readCandidates(opts.from, {
          academie: academie.slug,
          session: opts.session,
        });
        const names = opts.etablissements
          ? await readEtablissements(opts.etablissements)
          : undefined;
        const { deps } = publicationContext();
        const rows = await actingAs(deps, officer).exportCodes({
          academie: academie.slug,
          session: opts.session,
          candidates,
        });
        const dir = resolve(opts.output ?? `codes-${academie.slug}-${opts.session}`);
        const siteUrl =
          opts.siteUrl ?? process.env.PUBLIBAC_SITE_URL ?? 'https://resultats.example.fr';
        const lookupUrl = `${siteUrl.replace(/\/+$/, '')}/${academie.slug}/`;
        const byUai = new Map<string, CodeRow[]>();
        for (const r of rows) byUai.set(r.uai, [...(byUai.get(r.uai) ?? []), r]);
        // Codes open results: the folder is for its owner only.
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await chmod(dir, 0o700);
        const write = (name: string, text: string) =>
          writeFile(join(dir, name), text, { mode: 0o600 });
        await write('codes.csv', codesCsv(rows));
        for (const [uai, list] of byUai) {
          const etablissement = names?.get(uai);
          await write(
            `${uai}.html`,
            slipsPage({
              academie,
              session: opts.session,
              uai,
              rows: list,
              lookupUrl,
              ...(etablissement ? { etablissement } : {}),
            }),
          );
        }
        process.stdout.write(
          `${rows.length.toLocaleString('en-GB')} access codes for ${byUai.size} ` +
            `établissements written to ${dir}/ (codes.csv and one <UAI>.html of slips ` +
            'each).\nThese files open results: hand them to the établissements only.\n',
        );
      }),
    );

  scope(codes.command('show').argument('<numero>', 'candidate number'))
    .description("Print one candidate's code again (a lost slip); audited")
    .action(
      refusals(async (numero: string, opts: { academie: string; session: string }) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const code = await actingAs(deps, officer).reissueCode({
          academie: opts.academie,
          session: opts.session,
          numero,
        });
        process.stdout.write(`${numero.toUpperCase()}: ${code}\n`);
      }),
    );
}
