// The two-person rule (shared/domain/publication/two-person.ts) as use cases:
// publishing now, or moving an instant earlier, is recorded as a request by
// one officer and carried out only on the approval of a second officer of
// the same académie within APPROVAL_WINDOW_MS. Requests, approvals and
// refusals are all audited. Roles are checked before these run
// (officer-actions.usecase.ts); the rule here is about *who else* approves.
import { randomBytes } from 'node:crypto';
import { ForbiddenError, academieRole } from '../domain/authority.js';
import { listsDaysProblem } from '../domain/publication/lists-expiry.js';
import {
  approvalDeadline,
  isExpired,
  isSelfApproval,
  schedulingNeedsSecondOfficer,
  type EarlyOpening,
} from '../domain/publication/two-person.js';
import type { ApprovalRequest } from '../ports/approval-requests.port.js';
import type { PublicationPlan } from '../ports/publication-store.port.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';
import {
  academieOf,
  isOpen,
  plannedInstant,
  publishNow,
  readyRelease,
  schedulePublication,
  type PlanKey,
} from './publication.usecase.js';

/** The requester cannot be their own second officer. */
export class SelfApprovalError extends ForbiddenError {
  override name = 'SelfApprovalError';
}

/** The request waited longer than the window: it must be asked again. */
export class ApprovalExpiredError extends PublicationError {
  override name = 'ApprovalExpiredError';
}

/** Done at once (one officer sufficed), or recorded and waiting for a second officer. */
export type Outcome =
  | { state: 'done'; plan: PublicationPlan }
  | { state: 'awaiting-approval'; request: ApprovalRequest };

const ACTION = {
  'publish-now': 'publish-request',
  'schedule-earlier': 'schedule-request',
} as const;

/**
 * Sets a group's instant. A first instant, or one moved later, is done at
 * once; an instant earlier than the one already set is only recorded, for a
 * second officer to approve.
 */
export async function scheduleOrRequest(
  deps: PublicationDeps,
  req: PlanKey & { at: string; listsDays?: number; actor: string },
): Promise<Outcome> {
  const academie = academieOf(req.academie);
  const now = deps.clock.now();
  const { local, instant } = plannedInstant(academie, req.groupe, req.at, now);
  const existing = await deps.publications.plan(req.session, academie.slug, req.groupe);
  const current = existing && !isOpen(existing, now) ? existing : null;
  if (!current || !schedulingNeedsSecondOfficer(new Date(current.instant), instant)) {
    return {
      state: 'done',
      plan: await schedulePublication(deps, { ...req, academie: academie.slug }),
    };
  }
  const request = await openRequest(deps, { ...req, academie: academie.slug }, 'schedule-earlier', {
    at: local,
    instant: instant.toISOString(),
    detail:
      `earlier instant requested: ${local} ${academie.timeZone} (${instant.toISOString()}), ` +
      `now ${current.local}`,
  });
  return { state: 'awaiting-approval', request };
}

/**
 * Publishing now is always a request: the release must be ready when asked, and is checked again on
 * approval.
 */
export async function requestPublishNow(
  deps: PublicationDeps,
  req: PlanKey & { listsDays?: number; actor: string },
): Promise<ApprovalRequest> {
  const academie = academieOf(req.academie);
  const { release, reason } = await readyRelease(
    deps,
    { ...req, academie: academie.slug },
    deps.clock.now().getTime(),
  );
  if (!release)
    throw new PublicationError(
      `${academie.slug} ${req.session} group ${req.groupe}: ${reason}; nothing to publish`,
    );
  return openRequest(deps, { ...req, academie: academie.slug }, 'publish-now', {
    at: null,
    instant: null,
    detail: `publication now requested (release ${release.id})`,
  });
}

async function openRequest(
  deps: PublicationDeps,
  req: PlanKey & { listsDays?: number; actor: string },
  kind: EarlyOpening,
  what: { at: string | null; instant: string | null; detail: string },
): Promise<ApprovalRequest> {
  if (req.listsDays !== undefined) {
    const problem = listsDaysProblem(req.listsDays);
    if (problem) throw new PublicationError(problem);
  }
  const now = deps.clock.now();
  const request: ApprovalRequest = {
    id: `req-${randomBytes(6).toString('hex')}`,
    academie: req.academie,
    session: req.session,
    groupe: req.groupe,
    kind,
    at: what.at,
    instant: what.instant,
    listsDays: req.listsDays ?? null,
    requestedBy: req.actor,
    requestedAt: now.toISOString(),
    expiresAt: approvalDeadline(now).toISOString(),
    state: 'pending',
    approvedBy: null,
    approvedAt: null,
  };
  if (!(await deps.approvals.open(request, now))) {
    const pending = await deps.approvals.get(req.session, req.academie, req.groupe);
    throw new PublicationError(
      `${req.academie} ${req.session} group ${req.groupe}: a request by ` +
        `${pending?.requestedBy ?? 'another officer'} awaits approval until ` +
        `${pending?.expiresAt ?? 'soon'}; approve it, or ask again once it has expired`,
    );
  }
  await deps.audit.record({
    at: request.requestedAt,
    actor: req.actor,
    action: ACTION[kind],
    academie: req.academie,
    session: req.session,
    groupe: req.groupe,
    releaseId: null,
    detail:
      `${what.detail}; awaits a second officer of ${req.academie} until ${request.expiresAt} ` +
      `(request ${request.id})`,
  });
  return request;
}

/**
 * The second officer's approval: carries out the group's pending request
 * (publish now, or the earlier instant). Refused, and audited, when the
 * approver made the request, when it has expired, or when `id` names
 * another request than the one pending (it was replaced meanwhile).
 */
export async function approveRequest(
  deps: PublicationDeps,
  req: PlanKey & { id?: string; actor: string },
): Promise<{ request: ApprovalRequest; plan: PublicationPlan }> {
  const slug = academieOf(req.academie).slug;
  const now = deps.clock.now();
  const request = await deps.approvals.get(req.session, slug, req.groupe);
  const where = `${slug} ${req.session} group ${req.groupe}`;
  if (!request || request.state !== 'pending')
    throw new PublicationError(`${where}: no request awaits approval`);
  if (req.id !== undefined && req.id !== request.id)
    throw new PublicationError(
      `${where}: the request awaiting approval is ${request.id}, not ${req.id}`,
    );

  const refuse = async (err: Error) => {
    await deps.audit.record({
      at: now.toISOString(),
      actor: req.actor,
      action: 'refused',
      academie: slug,
      session: req.session,
      groupe: req.groupe,
      releaseId: null,
      detail: `approval of ${request.id} refused: ${err.message}`,
    });
    return err;
  };
  if (isSelfApproval(request, req.actor)) {
    const role = academieRole(slug, 'publication');
    throw await refuse(
      new SelfApprovalError(
        `${req.actor} made request ${request.id} and may not approve it: a second officer with ` +
          `the role ${role} must`,
        slug,
        [role],
      ),
    );
  }
  if (isExpired(request, now)) {
    throw await refuse(
      new ApprovalExpiredError(
        `request ${request.id} by ${request.requestedBy} expired at ${request.expiresAt}: ` +
          'nothing was done; ask again',
      ),
    );
  }
  if (!(await deps.approvals.claim(request, req.actor, now)))
    throw new PublicationError(
      `${where}: request ${request.id} was approved or replaced meanwhile`,
    );

  await deps.audit.record({
    at: now.toISOString(),
    actor: req.actor,
    action: 'approve',
    academie: slug,
    session: req.session,
    groupe: req.groupe,
    releaseId: null,
    detail: `approved ${request.kind} request ${request.id} by ${request.requestedBy}`,
  });
  const key = {
    academie: slug,
    session: req.session,
    groupe: req.groupe,
    actor: req.actor,
    approval: { requestedBy: request.requestedBy },
    ...(request.listsDays !== null ? { listsDays: request.listsDays } : {}),
  };
  try {
    const plan =
      request.kind === 'publish-now'
        ? await publishNow(deps, key)
        : await schedulePublication(deps, { ...key, at: instantAsked(request) });
    return {
      request: {
        ...request,
        state: 'approved',
        approvedBy: req.actor,
        approvedAt: now.toISOString(),
      },
      plan,
    };
  } catch (err) {
    if (!(err instanceof PublicationError)) throw err;
    // Approved, but the use case refused (the release went missing, the instant passed): the
    // request waits again.
    await deps.approvals.reopen(request);
    throw await refuse(
      new PublicationError(`request ${request.id} approved but not carried out: ${err.message}`),
    );
  }
}

/** The instant a schedule-earlier request asks for, recorded with it. */
function instantAsked(request: ApprovalRequest): string {
  if (request.at === null) throw new PublicationError(`request ${request.id} names no instant`);
  return request.at;
}
