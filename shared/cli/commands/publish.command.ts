import type { Command } from 'commander';
import { PublicationError } from '../../publication/publication.deps.js';
import { ARM_AHEAD_MS } from '../../domain/publication/instant.js';
import type { ApprovalRequest } from '../../ports/approval-requests.port.js';
import type { PublicationPlan } from '../../ports/publication-store.port.js';
import { actingAs } from '../../publication/officer-actions.usecase.js';
import { formatLateness } from '../../publication/publication.usecase.js';
import type { ListsStatus, StatusRow } from '../../publication/status.usecase.js';
import { academieRole } from '../../domain/authority.js';
import { DEFAULT_LISTS_DAYS, MAX_LISTS_DAYS } from '../../domain/publication/lists-expiry.js';
import { APPROVAL_WINDOW_MS } from '../../domain/publication/two-person.js';
import { groupe, session, wholeNumber } from '../arguments.js';
import { cliOfficer } from '../officer.js';
import { publicationContext } from '../publication-context.js';
import { refusals } from './refusals.js';
import type { Groupe } from '../../domain/vocabulary.js';

interface PlanOptions {
  academie: string;
  session: string;
  groupe: Groupe;
  at?: string;
  now?: boolean;
  json?: boolean;
  listsDays?: number;
}

const planOptions = (c: Command) =>
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
      '--lists-days <n>',
      "days the name lists stay online after the session's first publication " +
        `(1-${MAX_LISTS_DAYS}; default ${DEFAULT_LISTS_DAYS}, or what this group's plan had)`,
      wholeNumber,
    );

const windowMinutes = Math.round(APPROVAL_WINDOW_MS / 60_000);

export function register(program: Command): void {
  planOptions(program.command('schedule'))
    .description(
      "Set when a group's results open, in the académie's local time; the pointer is armed 5 " +
        'minutes ahead. An instant earlier than the one set is a request that a second officer ' +
        `approves within ${windowMinutes} minutes (publibac approve). Exit 2 if refused.`,
    )
    .requiredOption(
      '--at <"YYYY-MM-DD HH:MM">',
      'local time of the académie; a date alone means 10:00 (group 1) or 18:00 (group 2)',
    )
    .action(
      // --at is a required option of this command.
      refusals(async (opts: PlanOptions & { at: string }) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const outcome = await actingAs(deps, officer).schedule({
          academie: opts.academie,
          session: opts.session,
          groupe: opts.groupe,
          at: opts.at,
          ...withListsDays(opts),
        });
        process.stdout.write(
          outcome.state === 'done' ? describePlan(outcome.plan) : awaitingApproval(outcome.request),
        );
      }),
    );

  planOptions(program.command('publish'))
    .description(
      'Open the newest complete release of a group now, on explicit command: records a request ' +
        `that a second officer of the académie approves within ${windowMinutes} minutes ` +
        '(publibac approve), which publishes. Exit 2 if refused.',
    )
    .option('--now', 'required: publishing is immediate and public')
    .action(
      refusals(async (opts: PlanOptions) => {
        if (!opts.now)
          throw new PublicationError(
            'publish opens the results to everyone at once: confirm with --now (or use ' +
              'schedule --at)',
          );
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const request = await actingAs(deps, officer).publishNow({
          academie: opts.academie,
          session: opts.session,
          groupe: opts.groupe,
          ...withListsDays(opts),
        });
        process.stdout.write(awaitingApproval(request));
      }),
    );

  program
    .command('approve')
    .description(
      "As a second officer of the académie, carry out the group's request awaiting approval " +
        `(publish now, or an earlier instant), within ${windowMinutes} minutes of it; never ` +
        'your own. Exit 2 if refused.',
    )
    .requiredOption('--academie <slug>', 'académie, e.g. aix-marseille')
    .requiredOption('--session <YYYY-MM>', 'session, e.g. 2024-06', session)
    .option(
      '--groupe <1|2>',
      '1: results after the first group; 2: after the second group',
      groupe,
      1 as const,
    )
    .option('--request <id>', 'the request to approve (refused if another one is pending)')
    .action(
      refusals(
        async (opts: { academie: string; session: string; groupe: Groupe; request?: string }) => {
          const officer = cliOfficer();
          const { deps } = publicationContext();
          const { request, plan } = await actingAs(deps, officer).approve({
            academie: opts.academie,
            session: opts.session,
            groupe: opts.groupe,
            ...(opts.request ? { id: opts.request } : {}),
          });
          process.stdout.write(
            `Request ${request.id} by ${request.requestedBy} approved by ${officer.actor}.\n`,
          );
          process.stdout.write(
            request.kind === 'publish-now'
              ? `${plan.academie} ${plan.session} group ${plan.groupe} is public: release ` +
                  `${plan.releaseId}.\n`
              : describePlan(plan),
          );
        },
      ),
    );

  program
    .command('status')
    .description(
      'Per académie, session and group: release ready, candidates, objects, instant, live or ' +
        'not, when the name lists expire',
    )
    .option(
      '--academie <slug>',
      'only this académie (with --session: also groups rendered but not planned)',
    )
    .option('--session <YYYY-MM>', 'only this session', session)
    .option('--json', 'print the rows as JSON')
    .action(
      refusals(async (opts: { academie?: string; session?: string; json?: boolean }) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const rows = await actingAs(deps, officer).status(filterOf(opts));
        process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 1)}\n` : formatStatus(rows));
      }),
    );

  program
    .command('audit')
    .description(
      'Who did what, when: every render, schedule, arm, publication, rehearsal, request, ' +
        'approval and refusal (fraud details for fraud officers and the audit reader only)',
    )
    .option('--academie <slug>', 'only this académie')
    .option('--session <YYYY-MM>', 'only this session', session)
    .option('--json', 'print the entries as JSON lines')
    .action(
      refusals(async (opts: { academie?: string; session?: string; json?: boolean }) => {
        const officer = cliOfficer();
        const { deps } = publicationContext();
        const entries = await actingAs(deps, officer).audit(filterOf(opts));
        for (const e of entries) {
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(e)}\n`
              : `${e.at}  ${e.actor.padEnd(10)} ${e.action.padEnd(12)} ${e.academie} ` +
                  `${e.session}${e.groupe ? ` g${e.groupe}` : ''}  ` +
                  `${e.detail}${e.releaseId ? ` [${e.releaseId}]` : ''}\n`,
          );
        }
        if (!opts.json && entries.length === 0) process.stdout.write('No audit entries.\n');
      }),
    );
}

const withListsDays = (opts: PlanOptions) =>
  opts.listsDays === undefined ? {} : { listsDays: opts.listsDays };
const filterOf = (opts: { academie?: string; session?: string }) => ({
  ...(opts.academie ? { academie: opts.academie } : {}),
  ...(opts.session ? { session: opts.session } : {}),
});

function describePlan(plan: PublicationPlan): string {
  return (
    `${plan.academie} ${plan.session} group ${plan.groupe}: opens ${plan.local} ` +
    `(${plan.timeZone}) = ${plan.instant}.\nIts name lists come down ${plan.listsDays} days ` +
    `after the session's first publication (this plan: ${plan.listsExpireAt}).\nThe ` +
    `scheduler arms it ${Math.round(ARM_AHEAD_MS / 60_000)} minutes ahead (publibac local or ` +
    'npm start must be running; on AWS, EventBridge Scheduler).\n'
  );
}

/** A request recorded under the two-person rule: who must do what, by when. */
function awaitingApproval(r: ApprovalRequest): string {
  const what = r.kind === 'publish-now' ? 'publishing now' : `opening earlier, at ${r.at}`;
  return (
    `Request ${r.id} recorded: ${what} (${r.academie} ${r.session} group ${r.groupe}) awaits ` +
    `approval by a second officer of ${r.academie} (role ` +
    `${academieRole(r.academie, 'publication')}, not ${r.requestedBy}) until ${r.expiresAt}. ` +
    `Nothing is public yet.\nThey run: publibac approve --academie ${r.academie} --session ` +
    `${r.session} --groupe ${r.groupe}\n`
  );
}

function formatAwaiting(a: NonNullable<StatusRow['awaitingApproval']>): string {
  return (
    `AWAITING APPROVAL: ${a.kind === 'publish-now' ? 'publish now' : `open at ${a.at}`}, ` +
    `request ${a.id} by ${a.requestedBy}, until ${a.expiresAt} (publibac approve, by another ` +
    'officer)'
  );
}

function formatLists(l: ListsStatus): string {
  const when = `${l.local} ${l.timeZone} (${l.expiresAt})`;
  if (!l.expired) return `name lists online until ${when}`;
  return (
    `name lists expired ${when}: ` +
    (l.withdrawnAt
      ? `withdrawn from the live release ${l.withdrawnAt}`
      : 'refused at the edge, withdrawal step pending')
  );
}

export function formatStatus(rows: readonly StatusRow[]): string {
  if (rows.length === 0)
    return 'Nothing rendered or planned yet (render, then schedule or publish).\n';
  return rows
    .map((r) => {
      const head =
        `${r.academie} ${r.session} group ${r.groupe}: ` +
        (r.live ? 'LIVE' : (r.plan?.state ?? 'not planned'));
      const release = r.release
        ? `release ${r.release.id} ready (${r.release.candidates.toLocaleString('en-GB')} ` +
          `candidates, ${r.release.objects.toLocaleString('en-GB')} objects, rendered ` +
          `${r.release.renderedAt})`
        : 'no release rendered';
      const when = r.plan
        ? `opens ${r.plan.local} ${r.plan.timeZone} (${r.plan.instant})`
        : 'no instant set';
      return [
        head,
        `  ${release}`,
        `  ${when}`,
        ...(r.plan?.reason ? [`  ${r.plan.reason}`] : []),
        ...(r.plan?.lateByMs
          ? [
              `  opened late by ${formatLateness(r.plan.lateByMs)}: the scheduler armed it ` +
                'after the instant (it was not running at its arm time)',
            ]
          : []),
        ...(r.rehearsals ? [`  ${r.rehearsals} rehearsal(s)`] : []),
        ...(r.takedown
          ? [
              `  takedown ${r.takedown.state === 'complete' ? 'complete' : 'IN PROGRESS'}: ` +
                `${r.takedown.paths} paths invalidated (${r.takedown.invalidationId}, ` +
                `${r.takedown.requestedAt})`,
            ]
          : []),
        ...(r.lists ? [`  ${formatLists(r.lists)}`] : []),
        ...(r.awaitingApproval ? [`  ${formatAwaiting(r.awaitingApproval)}`] : []),
        `  public now: ${r.liveRelease ?? 'nothing (announcement only)'}`,
      ].join('\n');
    })
    .join('\n')
    .concat('\n');
}
