import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { expireLists, type ExpireListsResult } from '../../shared/publication/lists-expiry.usecase.js';
import { armPublication, type ArmResult } from '../../shared/publication/publication.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { functionContext } from '../context.js';
import { logInfo } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { Session, Slug } from '../render/render-request.js';

/** The Input of the one-time schedules (shared/adapters/aws/eventbridge-scheduler.ts): arming, the default (schedules set before the lists' step have no step)... */
export const ArmEventSchema = z.object({ step: z.literal('arm').optional(), academie: Slug, session: Session, groupe: z.union([z.literal(1), z.literal(2)]) });
/** ...or withdrawing an académie session's expired name lists. */
export const ExpireListsEventSchema = z.object({ step: z.literal('expire-lists'), academie: Slug, session: Session });
export const ScheduledEventSchema = z.union([ExpireListsEventSchema, ArmEventSchema]);
export type ArmEvent = z.infer<typeof ArmEventSchema>;
export type ExpireListsEvent = z.infer<typeof ExpireListsEventSchema>;
/** What Scheduler delivers: the schedule's Input, parsed before use. */
export type ScheduledPayload = z.input<typeof ScheduledEventSchema>;

/** Arms the pointer of the plan named by the schedule; a release not ready yet sets a retry trigger (in the use case). */
export async function armFromSchedule(event: ArmEvent, deps: PublicationDeps): Promise<ArmResult> {
  const result = await armPublication(deps, { academie: event.academie, session: event.session, groupe: event.groupe }, 'scheduler');
  logInfo(result.armed ? 'armed' : 'not armed', {
    ...event,
    ...(result.armed ? { releaseId: result.releaseId } : { reason: result.reason, retryAt: result.retryAt?.toISOString() ?? null }),
  });
  return result;
}

/** Takes the session's expired name lists out of its live release (fired early, it sets itself again at the expiry). */
export async function expireListsFromSchedule(event: ExpireListsEvent, deps: PublicationDeps): Promise<ExpireListsResult> {
  const result = await expireLists(deps, { academie: event.academie, session: event.session }, 'scheduler');
  logInfo(`lists ${result.state}`, {
    ...event,
    ...(result.state === 'none' ? {} : { expiresAt: result.expiresAt }),
    ...(result.state === 'withdrawn' ? { rewritten: result.takedown?.paths.length ?? 0, invalidationId: result.takedown?.invalidationId ?? null } : {}),
  });
  return result;
}

export function runScheduled(event: z.output<typeof ScheduledEventSchema>, deps: PublicationDeps): Promise<ArmResult | ExpireListsResult> {
  return event.step === 'expire-lists' ? expireListsFromSchedule(event, deps) : armFromSchedule(event, deps);
}

export const handler = middy<ScheduledPayload, ArmResult | ExpireListsResult, Error, Context>()
  // Its own ARN is the target of any retry schedule it sets (it cannot be given its own ARN as an environment variable).
  .handler((event, context) => runScheduled(parseEvent(ScheduledEventSchema, event), functionContext(context.invokedFunctionArn).deps));
