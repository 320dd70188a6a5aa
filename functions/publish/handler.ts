import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import {
  expireLists,
  type ExpireListsResult,
} from '../../shared/publication/lists-expiry.usecase.js';
import { armPublication, type ArmResult } from '../../shared/publication/publication.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { officerFromGroups } from '../../shared/domain/authority.js';
import { actingAs } from '../../shared/publication/officer-actions.usecase.js';
import { FUNCTION_NEEDS, functionContext } from '../context.js';
import { logInfo, logger } from '../log.js';
import { answer, OfficerFields, type OfficerResult } from '../officer-call.js';
import { parseEvent } from '../parse-event.js';
import { CODES_EXPORT_MAX_BYTES } from '../../shared/contracts/admin-routes.js';
import { parseCandidates } from '../../shared/publication/candidates-file.js';
import { codesCsv } from '../../shared/render/code-slips.js';
import { AcademieSlug, Groupe, Session } from '../../shared/domain/vocabulary.js';

/**
 * The Input of the one-time schedules (shared/adapters/aws/eventbridge-scheduler.ts): arming, the
 * default (schedules set before the lists' step have no step)...
 */
export const ArmEventSchema = z.object({
  step: z.literal('arm').optional(),
  academie: AcademieSlug,
  session: Session,
  groupe: Groupe,
});
/** ...or withdrawing an académie session's expired name lists. */
export const ExpireListsEventSchema = z.object({
  step: z.literal('expire-lists'),
  academie: AcademieSlug,
  session: Session,
});
export const ScheduledEventSchema = z.union([ExpireListsEventSchema, ArmEventSchema]);

/**
 * What the admin API asks of it for an officer: whatever writes a pointer
 * or the rehearsal key, which only this function and fraud may do
 * (scheduling can disarm an armed pointer; an approval publishes).
 */
export const OfficerPublishEventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('schedule'),
    ...OfficerFields,
    academie: AcademieSlug,
    session: Session,
    groupe: Groupe,
    at: z.string().min(10).max(19),
    listsDays: z.number().optional(),
  }),
  z.object({
    action: z.literal('approve'),
    ...OfficerFields,
    academie: AcademieSlug,
    session: Session,
    groupe: Groupe,
    id: z.string().max(40).optional(),
  }),
  z.object({ action: z.literal('rotate-rehearsal-key'), ...OfficerFields }),
  z.object({
    action: z.literal('export-codes'),
    ...OfficerFields,
    academie: AcademieSlug,
    session: Session,
    /** The inscriptions file's text (the admin API checked it already; checked again here). */
    inscriptions: z.string().min(1).max(CODES_EXPORT_MAX_BYTES),
    filename: z.string().max(100),
  }),
]);
export type OfficerPublishEvent = z.input<typeof OfficerPublishEventSchema>;
export const PublishEventSchema = z.union([OfficerPublishEventSchema, ScheduledEventSchema]);
export type ArmEvent = z.infer<typeof ArmEventSchema>;
export type ExpireListsEvent = z.infer<typeof ExpireListsEventSchema>;
/** What Scheduler delivers: the schedule's Input, parsed before use. */
export type ScheduledPayload = z.input<typeof ScheduledEventSchema>;

/**
 * Arms the pointer of the plan named by the schedule; a release not ready yet sets a retry trigger
 * (in the use case).
 */
export async function armFromSchedule(event: ArmEvent, deps: PublicationDeps): Promise<ArmResult> {
  const result = await armPublication(
    deps,
    { academie: event.academie, session: event.session, groupe: event.groupe },
    'scheduler',
  );
  logInfo(result.armed ? 'armed' : 'not armed', {
    ...event,
    ...(result.armed
      ? { releaseId: result.releaseId }
      : { reason: result.reason, retryAt: result.retryAt?.toISOString() ?? null }),
  });
  return result;
}

/**
 * Takes the session's expired name lists out of its live release (fired early, it sets itself again
 * at the expiry).
 */
export async function expireListsFromSchedule(
  event: ExpireListsEvent,
  deps: PublicationDeps,
): Promise<ExpireListsResult> {
  const result = await expireLists(
    deps,
    { academie: event.academie, session: event.session },
    'scheduler',
  );
  logInfo(`lists ${result.state}`, {
    ...event,
    ...(result.state === 'none' ? {} : { expiresAt: result.expiresAt }),
    ...(result.state === 'withdrawn'
      ? {
          rewritten: result.takedown?.paths.length ?? 0,
          invalidationId: result.takedown?.invalidationId ?? null,
        }
      : {}),
  });
  return result;
}

export function runScheduled(
  event: z.output<typeof ScheduledEventSchema>,
  deps: PublicationDeps,
): Promise<ArmResult | ExpireListsResult> {
  return event.step === 'expire-lists'
    ? expireListsFromSchedule(event, deps)
    : armFromSchedule(event, deps);
}

/**
 * An officer's action, their roles checked again by the use cases; refusals answered, not thrown.
 */
export function runForOfficer(
  event: z.output<typeof OfficerPublishEventSchema>,
  deps: PublicationDeps,
): Promise<OfficerResult> {
  const as = actingAs(deps, officerFromGroups(event.actor, event.roles));
  const { actor: _actor, roles: _roles, ...request } = event;
  return answer(
    async () => {
      if (request.action === 'rotate-rehearsal-key') return as.rotateRehearsalKey();
      if (request.action === 'export-codes') return exportCodes(as, request);
      if (request.action === 'schedule') {
        const { action: _a, ...key } = request;
        return as.schedule(stripUndefined(key));
      }
      const { action: _a, ...key } = request;
      return as.approve(stripUndefined(key));
    },
    (_err, forbidden) => {
      logInfo(forbidden ? 'officer request forbidden' : 'officer request refused', {
        action: event.action,
      });
    },
  );
}

/**
 * codes.csv for the console (the use case audits who, when, how many); logged as counts only,
 * never a name, number or code.
 */
async function exportCodes(
  as: ReturnType<typeof actingAs>,
  req: { academie: string; session: string; inscriptions: string; filename: string },
): Promise<{ csv: string; count: number; etablissements: number }> {
  const candidates = parseCandidates(Buffer.from(req.inscriptions, 'utf8'), req.filename, req);
  const rows = await as.exportCodes({ academie: req.academie, session: req.session, candidates });
  const etablissements = new Set(rows.map((r) => r.uai)).size;
  logInfo('access codes exported', {
    academie: req.academie,
    session: req.session,
    count: rows.length,
    etablissements,
  });
  return { csv: codesCsv(rows), count: rows.length, etablissements };
}

const stripUndefined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

export function runPublishEvent(
  event: z.output<typeof PublishEventSchema>,
  deps: PublicationDeps,
): Promise<ArmResult | ExpireListsResult | OfficerResult> {
  return 'action' in event ? runForOfficer(event, deps) : runScheduled(event, deps);
}

const composed = functionContext(FUNCTION_NEEDS.publish);

export const handler = middy<
  ScheduledPayload | OfficerPublishEvent,
  ArmResult | ExpireListsResult | OfficerResult
>()
  // Request id and cold start in every log line.
  .use(injectLambdaContext(logger))
  // Its own ARN is the target of any retry schedule it sets (it cannot be given its own ARN as an
  // environment variable).
  .handler((event, context) => {
    const { deps } = composed(context.invokedFunctionArn);
    return runPublishEvent(parseEvent(PublishEventSchema, event), deps);
  });
