import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { armPublication, type ArmResult } from '../../shared/publication/publication.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { functionContext } from '../context.js';
import { logInfo } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { Session, Slug } from '../render/render-request.js';

/** The Input of the one-time schedules (shared/adapters/aws/eventbridge-scheduler.ts). */
export const ArmEventSchema = z.object({ academie: Slug, session: Session, groupe: z.union([z.literal(1), z.literal(2)]) });
export type ArmEvent = z.infer<typeof ArmEventSchema>;
/** What Scheduler delivers: the schedule's Input, parsed before use. */
export type ScheduledPayload = z.input<typeof ArmEventSchema>;

/** Arms the pointer of the plan named by the schedule; a release not ready yet sets a retry trigger (in the use case). */
export async function armFromSchedule(event: ArmEvent, deps: PublicationDeps): Promise<ArmResult> {
  const result = await armPublication(deps, event, 'scheduler');
  logInfo(result.armed ? 'armed' : 'not armed', {
    ...event,
    ...(result.armed ? { releaseId: result.releaseId } : { reason: result.reason, retryAt: result.retryAt?.toISOString() ?? null }),
  });
  return result;
}

export const handler = middy<ScheduledPayload, ArmResult, Error, Context>()
  // Its own ARN is the target of any retry schedule it sets (it cannot be given its own ARN as an environment variable).
  .handler((event, context) => armFromSchedule(parseEvent(ArmEventSchema, event), functionContext(context.invokedFunctionArn).deps));
