import type { Command } from 'commander';
import type { RehearsalSample } from '../../ports/publication-store.port.js';
import {
  etablissementCommunes,
  etablissementNames,
} from '../../domain/reference/etablissements.js';
import { readEtablissementsReference } from '../../publication/etablissements-file.js';
import { DEFAULT_ITERATIONS } from '../../publication/lookup-material.js';
import { actingAs } from '../../publication/officer-actions.usecase.js';
import { duration, groupe, session, wholeNumber } from '../arguments.js';
import { cliOfficer } from '../officer.js';
import { publicationContext } from '../publication-context.js';
import { countProgress } from '../terminal-progress.js';
import { refusals } from './refusals.js';
import type { Groupe } from '../../domain/vocabulary.js';

interface RenderOptions {
  academie: string;
  session: string;
  groupe: Groupe;
  iterations?: number;
  etablissements?: string;
  json?: boolean;
  validFor?: number;
}

const common = (c: Command) =>
  c
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option(
      '--groupe <1|2>',
      '1: results after the first group; 2: after the second group',
      groupe,
      1 as const,
    )
    .option(
      '--iterations <n>',
      "PBKDF2 cost of the lookup, fixed at a session's first render (default " +
        `${DEFAULT_ITERATIONS.toLocaleString('en-GB')}, or PUBLIBAC_LOOKUP_ITERATIONS)`,
      wholeNumber,
    )
    .option(
      '--etablissements <file>',
      'the établissements reference, a "uai;libelle;commune" CSV (default: UAIs only)',
    )
    .option('--json', 'print the outcome as JSON');

function iterations(opts: RenderOptions): number | undefined {
  const env = process.env.PUBLIBAC_LOOKUP_ITERATIONS;
  return opts.iterations ?? (env && /^\d+$/.test(env) ? Number(env) : undefined);
}

/** The reference file as a render request takes it: names, and communes for the lists. */
async function etablissementsOption(path: string | undefined) {
  if (!path) return {};
  const reference = await readEtablissementsReference(path);
  return {
    etablissements: etablissementNames(reference),
    communes: etablissementCommunes(reference),
  };
}

export function register(program: Command): void {
  common(program.command('render'))
    .description(
      "Render an académie's release from the stored decisions into the site bucket (nothing " +
        'becomes public). Exit 2 if refused.',
    )
    .action(
      refusals(async (opts: RenderOptions) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const { release, derived } = await actingAs(deps, officer).render({
          academie: opts.academie,
          session: opts.session,
          groupe: opts.groupe,
          progress: countProgress('Deriving lookup keys'),
          ...(await etablissementsOption(opts.etablissements)),
          ...withIterations(iterations(opts)),
        });
        if (opts.json)
          return void process.stdout.write(`${JSON.stringify({ ...release, derived })}\n`);
        process.stdout.write(
          `Release ${release.id} rendered and verified: ` +
            `${release.candidates.toLocaleString('en-GB')} candidates, ` +
            `${release.objects.toLocaleString('en-GB')} objects, ` +
            `${(release.bytes / 1e6).toFixed(1)} MB (${derived.toLocaleString('en-GB')} lookup ` +
            'keys derived, the rest cached). Not public: schedule or publish it.\n',
        );
      }),
    );

  common(program.command('rehearse'))
    .description(
      'Render a full rehearsal release, reachable only through an expiring signed link, never ' +
        'through the public pointer',
    )
    .option(
      '--valid-for <duration>',
      'how long the link works: 30m, 2h (default), at most 24h',
      duration,
    )
    .action(
      refusals(async (opts: RenderOptions) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const outcome = await actingAs(deps, officer).rehearse({
          academie: opts.academie,
          session: opts.session,
          groupe: opts.groupe,
          ...withValidity(opts.validFor),
          progress: countProgress('Deriving lookup keys'),
          ...(await etablissementsOption(opts.etablissements)),
          ...withIterations(iterations(opts)),
        });
        const url = siteUrl(outcome.path);
        if (opts.json) return void process.stdout.write(`${JSON.stringify({ ...outcome, url })}\n`);
        process.stdout.write(
          `Rehearsal ${outcome.id}: ${outcome.candidates.toLocaleString('en-GB')} ` +
            `pseudonymous candidates (real structure and counts, no real person).\n` +
            `Link (valid until ${outcome.expires.toISOString()}):\n  ${url}\n` +
            tryWithLines(outcome.tryWith),
        );
      }),
    );

  registerRehearsal(program);
}

/**
 * `rehearsal link` and `rehearsal rotate-key`: a group of its own, since `rehearse` requires
 * --academie.
 */
function registerRehearsal(program: Command): void {
  const rehearsal = program
    .command('rehearsal')
    .description('Links to rehearsals already rendered: mint one, or revoke them all');
  rehearsal
    .command('link')
    .description('Mint a new signed link to a rehearsal (audited), without rendering again')
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option('--id <rehearsal>', 'which rehearsal (default: the newest of the session)')
    .option(
      '--valid-for <duration>',
      'how long the link works: 30m, 2h (default), at most 24h',
      duration,
    )
    .option('--json', 'print the link as JSON')
    .action(
      refusals(
        async (opts: {
          academie: string;
          session: string;
          id?: string;
          validFor?: number;
          json?: boolean;
        }) => {
          const officer = cliOfficer();
          const { deps } = publicationContext();
          const link = await actingAs(deps, officer).rehearsalLink({
            academie: opts.academie,
            session: opts.session,
            ...(opts.id ? { rehearsalId: opts.id } : {}),
            ...withValidity(opts.validFor),
          });
          const url = siteUrl(link.path);
          if (opts.json) return void process.stdout.write(`${JSON.stringify({ ...link, url })}\n`);
          process.stdout.write(
            `Rehearsal ${link.id}: link valid until ${link.expires.toISOString()}:\n  ` +
              `${url}\n${tryWithLines(link.tryWith)}`,
          );
        },
      ),
    );
  rehearsal
    .command('rotate-key')
    .description(
      'Replace the key that signs rehearsal links: every link minted so far, of every ' +
        'académie, stops working (any publication officer; audited)',
    )
    .action(
      refusals(async () => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const { rotatedAt } = await actingAs(deps, officer).rotateRehearsalKey();
        process.stdout.write(
          `Rehearsal key replaced at ${rotatedAt}: every earlier rehearsal link is revoked. ` +
            'Mint new ones with: publibac rehearsal link\n',
        );
      }),
    );
}

const siteUrl = (path: string) => `${process.env.PUBLIBAC_SITE_URL ?? ''}${path}`;
const withValidity = (ms: number | undefined) => (ms === undefined ? {} : { validForMs: ms });

const withIterations = (n: number | undefined) => (n === undefined ? {} : { iterations: n });

/** A rehearsal's pseudonymous candidates: safe to print, they are no one. */
function tryWithLines(samples: readonly RehearsalSample[]): string {
  return samples.length
    ? 'Try its lookup with (pseudonymous, no real person):\n' +
        samples.map((s) => `  candidate ${s.numero}, access code ${s.code}\n`).join('')
    : '';
}
