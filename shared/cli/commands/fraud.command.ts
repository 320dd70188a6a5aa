import type { Command } from 'commander';
import { actingAs } from '../../publication/officer-actions.usecase.js';
import type { WithholdingEffect } from '../../publication/withholding.usecase.js';
import { session } from '../arguments.js';
import { cliOfficer } from '../officer.js';
import { publicationContext } from '../publication-context.js';
import { refusals } from './refusals.js';

interface FraudOptions {
  academie: string;
  session: string;
  pv?: string;
  now?: boolean;
  json?: boolean;
}

const scope = (c: Command) =>
  c
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option('--json', 'print the outcome as JSON');

function describe(effect: WithholdingEffect): string {
  const lines = [
    `Candidate ${effect.flag.numero}: ` +
      `${effect.flag.state === 'flagged' ? 'withheld from every public file' : 'released'}.`,
  ];
  if (effect.takedown)
    lines.push(
      `Live release ${effect.takedown.releaseId} rewritten in place; ` +
        `${effect.takedown.paths.length} paths invalidated (${effect.takedown.invalidationId}, ` +
        `${effect.takedown.state}).`,
    );
  if (effect.rearmed) lines.push(`Armed release replaced by ${effect.rearmed} before its instant.`);
  if (!effect.takedown && !effect.rearmed)
    lines.push(
      effect.flag.state === 'flagged'
        ? 'Nothing public or armed contained the result; every later render leaves it out.'
        : 'The result goes online with the next release of the académie (or use --now).',
    );
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  const fraud = program
    .command('fraud')
    .description(
      "Fraud procedures: withhold a candidate's result from every public file, and release it " +
        'when the commission has decided',
    );

  scope(fraud.command('flag').argument('<numero>', 'candidate number'))
    .description(
      "Withhold a candidate's result: no list, no lookup entry, no statistic; a live release " +
        'is rewritten at once and its paths invalidated',
    )
    .option('--pv <ref>', 'reference of the procès-verbal')
    .action(
      refusals(async (numero: string, opts: FraudOptions) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const effect = await actingAs(deps, officer).flag({
          academie: opts.academie,
          session: opts.session,
          numero: numero.toUpperCase(),
          pv: opts.pv ?? null,
        });
        process.stdout.write(opts.json ? `${JSON.stringify(effect)}\n` : describe(effect));
      }),
    );

  scope(fraud.command('release').argument('<numero>', 'candidate number'))
    .description(
      'End the procedure: the result goes online with the next release, or at once with --now',
    )
    .option('--now', 'rewrite the live release now to show the result')
    .action(
      refusals(async (numero: string, opts: FraudOptions) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const effect = await actingAs(deps, officer).release({
          academie: opts.academie,
          session: opts.session,
          numero: numero.toUpperCase(),
          now: opts.now ?? false,
        });
        process.stdout.write(opts.json ? `${JSON.stringify(effect)}\n` : describe(effect));
      }),
    );

  scope(fraud.command('list'))
    .description("Every procedure of an académie's session, open or ended")
    .action(
      refusals(async (opts: FraudOptions) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const flags = await actingAs(deps, officer).fraudProcedures({
          academie: opts.academie,
          session: opts.session,
        });
        if (opts.json) return void process.stdout.write(`${JSON.stringify(flags)}\n`);
        if (flags.length === 0) return void process.stdout.write('No fraud procedure.\n');
        for (const f of flags) {
          process.stdout.write(
            `${f.numero}  ${f.state === 'flagged' ? 'WITHHELD' : 'released'}  ` +
              `flagged ${f.flaggedAt} by ${f.flaggedBy}` +
              (f.pv ? `  PV ${f.pv}` : '') +
              (f.releasedAt ? `  released ${f.releasedAt} by ${f.releasedBy}` : '') +
              '\n',
          );
        }
      }),
    );
}
