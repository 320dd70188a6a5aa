import type { Command } from 'commander';
import { PublicationError } from '../../publication/publication.deps.js';
import { ARM_AHEAD_MS } from '../../domain/publication/instant.js';
import { publishNow, schedulePublication } from '../../publication/publication.usecase.js';
import { publicationStatus, type ListsStatus, type StatusRow } from '../../publication/status.usecase.js';
import { DEFAULT_LISTS_DAYS, MAX_LISTS_DAYS } from '../../domain/publication/lists-expiry.js';
import { groupe, session, wholeNumber } from '../arguments.js';
import { publicationContext } from '../publication-context.js';
import { refusals } from './refusals.js';

interface PlanOptions {
  academie: string;
  session: string;
  groupe: 1 | 2;
  at?: string;
  now?: boolean;
  json?: boolean;
  listsDays?: number;
}

const planOptions = (c: Command) =>
  c
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option('--groupe <1|2>', '1: results after the first group; 2: after the second group', groupe, 1 as const)
    .option(
      '--lists-days <n>',
      `days the name lists stay online after the session's first publication (1-${MAX_LISTS_DAYS}; default ${DEFAULT_LISTS_DAYS}, or what this group's plan had)`,
      wholeNumber,
    );

export function register(program: Command): void {
  planOptions(program.command('schedule'))
    .description('Set when a group\'s results open, in the académie\'s local time; the pointer is armed 5 minutes ahead. Exit 2 if refused.')
    .requiredOption('--at <"YYYY-MM-DD HH:MM">', 'local time of the académie; a date alone means 10:00 (group 1) or 18:00 (group 2)')
    .action(
      refusals(async (opts: PlanOptions) => {
        const { deps, actor } = publicationContext();
        const plan = await schedulePublication(deps, { academie: opts.academie, session: opts.session, groupe: opts.groupe, at: opts.at!, actor, listsDays: opts.listsDays });
        process.stdout.write(`${plan.academie} ${plan.session} group ${plan.groupe}: opens ${plan.local} (${plan.timeZone}) = ${plan.instant}.\n`);
        process.stdout.write(`Its name lists come down ${plan.listsDays} days after the session's first publication (this plan: ${plan.listsExpireAt}).\n`);
        process.stdout.write(`The scheduler arms it ${Math.round(ARM_AHEAD_MS / 60_000)} minutes ahead (publibac local or npm start must be running; on AWS, EventBridge Scheduler).\n`);
      }),
    );

  planOptions(program.command('publish'))
    .description('Open the newest complete release of a group now, on explicit command. Exit 2 if there is none.')
    .option('--now', 'required: publishing is immediate and public')
    .action(
      refusals(async (opts: PlanOptions) => {
        if (!opts.now) throw new PublicationError('publish opens the results to everyone at once: confirm with --now (or use schedule --at)');
        const { deps, actor } = publicationContext();
        const plan = await publishNow(deps, { academie: opts.academie, session: opts.session, groupe: opts.groupe, actor, listsDays: opts.listsDays });
        process.stdout.write(`${plan.academie} ${plan.session} group ${plan.groupe} is public: release ${plan.releaseId}.\n`);
      }),
    );

  program
    .command('status')
    .description('Per académie, session and group: release ready, candidates, objects, instant, live or not, when the name lists expire')
    .option('--academie <slug>', 'only this académie (with --session: also groups rendered but not planned)')
    .option('--session <YYYY-MM>', 'only this session', session)
    .option('--json', 'print the rows as JSON')
    .action(
      refusals(async (opts: { academie?: string; session?: string; json?: boolean }) => {
        const { deps } = publicationContext();
        const rows = await publicationStatus(deps, opts);
        process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 1)}\n` : formatStatus(rows));
      }),
    );

  program
    .command('audit')
    .description('Who did what, when: every render, schedule, arm, publication and rehearsal')
    .option('--academie <slug>', 'only this académie')
    .option('--session <YYYY-MM>', 'only this session', session)
    .option('--json', 'print the entries as JSON lines')
    .action(
      refusals(async (opts: { academie?: string; session?: string; json?: boolean }) => {
        const { deps } = publicationContext();
        const entries = await deps.audit.entries(opts);
        for (const e of entries) {
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(e)}\n`
              : `${e.at}  ${e.actor.padEnd(10)} ${e.action.padEnd(12)} ${e.academie} ${e.session}${e.groupe ? ` g${e.groupe}` : ''}  ${e.detail}${e.releaseId ? ` [${e.releaseId}]` : ''}\n`,
          );
        }
        if (!opts.json && entries.length === 0) process.stdout.write('No audit entries.\n');
      }),
    );
}

function formatLists(l: ListsStatus): string {
  const when = `${l.local} ${l.timeZone} (${l.expiresAt})`;
  if (!l.expired) return `name lists online until ${when}`;
  return `name lists expired ${when}: ${l.withdrawnAt ? `withdrawn from the live release ${l.withdrawnAt}` : 'refused at the edge, withdrawal step pending'}`;
}

export function formatStatus(rows: readonly StatusRow[]): string {
  if (rows.length === 0) return 'Nothing rendered or planned yet (render, then schedule or publish).\n';
  return rows
    .map((r) => {
      const head = `${r.academie} ${r.session} group ${r.groupe}: ${r.live ? 'LIVE' : r.plan?.state ?? 'not planned'}`;
      const release = r.release
        ? `release ${r.release.id} ready (${r.release.candidates.toLocaleString('en-GB')} candidates, ${r.release.objects.toLocaleString('en-GB')} objects, rendered ${r.release.renderedAt})`
        : 'no release rendered';
      const when = r.plan ? `opens ${r.plan.local} ${r.plan.timeZone} (${r.plan.instant})` : 'no instant set';
      return [head, `  ${release}`, `  ${when}`, ...(r.plan?.reason ? [`  ${r.plan.reason}`] : []), ...(r.rehearsals ? [`  ${r.rehearsals} rehearsal(s)`] : []), ...(r.takedown ? [`  takedown ${r.takedown.state === 'complete' ? 'complete' : 'IN PROGRESS'}: ${r.takedown.paths} paths invalidated (${r.takedown.invalidationId}, ${r.takedown.requestedAt})`] : []), ...(r.lists ? [`  ${formatLists(r.lists)}`] : []), `  public now: ${r.liveRelease ?? 'nothing (announcement only)'}`].join('\n');
    })
    .join('\n')
    .concat('\n');
}
