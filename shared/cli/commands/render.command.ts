import type { Command } from 'commander';
import { readEtablissements } from '../../publication/etablissements-file.js';
import { DEFAULT_ITERATIONS } from '../../publication/lookup-material.js';
import { renderAcademie } from '../../publication/render.usecase.js';
import { rehearse } from '../../publication/rehearse.usecase.js';
import { duration, groupe, session, wholeNumber } from '../arguments.js';
import { publicationContext } from '../publication-context.js';
import { countProgress } from '../terminal-progress.js';
import { refusals } from './refusals.js';

interface RenderOptions {
  academie: string;
  session: string;
  groupe: 1 | 2;
  iterations?: number;
  etablissements?: string;
  json?: boolean;
  validFor?: number;
}

const common = (c: Command) =>
  c
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option('--groupe <1|2>', '1: results after the first group; 2: after the second group', groupe, 1 as const)
    .option('--iterations <n>', `PBKDF2 cost of the lookup, fixed at a session's first render (default ${DEFAULT_ITERATIONS.toLocaleString('en-GB')}, or PUBLIBAC_LOOKUP_ITERATIONS)`, wholeNumber)
    .option('--etablissements <file>', 'names of the établissements, a "uai;libelle" CSV (default: "Établissement <UAI>")')
    .option('--json', 'print the outcome as JSON');

function iterations(opts: RenderOptions): number | undefined {
  const env = process.env.PUBLIBAC_LOOKUP_ITERATIONS;
  return opts.iterations ?? (env && /^\d+$/.test(env) ? Number(env) : undefined);
}

export function register(program: Command): void {
  common(program.command('render'))
    .description('Render an académie\'s release from the stored decisions into the site bucket (nothing becomes public). Exit 2 if refused.')
    .action(
      refusals(async (opts: RenderOptions) => {
        const { deps, actor } = publicationContext();
        const etablissements = opts.etablissements ? await readEtablissements(opts.etablissements) : undefined;
        const { release, derived } = await renderAcademie(deps, {
          academie: opts.academie, session: opts.session, phase: opts.groupe, actor, progress: countProgress('Deriving lookup keys'),
          ...(etablissements ? { etablissements } : {}), ...withIterations(iterations(opts)),
        });
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ ...release, derived })}\n`);
        process.stdout.write(
          `Release ${release.id} rendered and verified: ${release.candidates.toLocaleString('en-GB')} candidates, ${release.objects.toLocaleString('en-GB')} objects, ` +
            `${(release.bytes / 1e6).toFixed(1)} MB (${derived.toLocaleString('en-GB')} lookup keys derived, the rest cached). Not public: schedule or publish it.\n`,
        );
      }),
    );

  common(program.command('rehearse'))
    .description('Render a full rehearsal release, reachable only through an expiring signed link, never through the public pointer')
    .option('--valid-for <duration>', 'how long the link works: 90m, 24h, 7d', duration, 24 * 3_600_000)
    .action(
      refusals(async (opts: RenderOptions) => {
        const { deps, actor } = publicationContext();
        const etablissements = opts.etablissements ? await readEtablissements(opts.etablissements) : undefined;
        const outcome = await rehearse(deps, {
          academie: opts.academie, session: opts.session, phase: opts.groupe, actor, validForMs: opts.validFor!, progress: countProgress('Deriving lookup keys'),
          ...(etablissements ? { etablissements } : {}), ...withIterations(iterations(opts)),
        });
        const url = `${process.env.PUBLIBAC_SITE_URL ?? ''}${outcome.path}`;
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ ...outcome, url })}\n`);
        process.stdout.write(`Rehearsal ${outcome.id}: ${outcome.candidates.toLocaleString('en-GB')} candidates.\nLink (valid until ${outcome.expires.toISOString()}):\n  ${url}\n`);
      }),
    );
}

const withIterations = (n: number | undefined) => (n === undefined ? {} : { iterations: n });
