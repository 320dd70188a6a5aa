import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { officerFromGroups } from '../../shared/domain/authority.js';
import { actingAs } from '../../shared/publication/officer-actions.usecase.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { FUNCTION_NEEDS, functionContext } from '../context.js';
import { logInfo, logger } from '../log.js';
import { answer, OfficerFields, type OfficerResult } from '../officer-call.js';
import { parseEvent } from '../parse-event.js';
import { AcademieSlug, CandidateNumber, Session } from '../../shared/domain/vocabulary.js';

/**
 * The officer as the admin API read them from their token: the use cases
 * check the roles (again) here.
 */
const Scope = { academie: AcademieSlug, session: Session, ...OfficerFields };

/** What the admin API sends (synchronously: the officer waits for the takedown). */
export const FraudEventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('flag'),
    ...Scope,
    numero: CandidateNumber,
    pv: z.string().max(64).nullable().default(null),
  }),
  z.object({
    action: z.literal('release'),
    ...Scope,
    numero: CandidateNumber,
    now: z.boolean().default(false),
  }),
  z.object({ action: z.literal('list'), ...Scope }),
]);
export type FraudEvent = z.input<typeof FraudEventSchema>;

/**
 * A refusal says whether it was for want of a role (`forbidden`: the API answers 403) or the use
 * case's (409).
 */
export type FraudResult = OfficerResult;

/**
 * Fraud procedures on AWS: the function that may rewrite a live release's
 * files and invalidate them (the admin API may not). Refusals are returned,
 * not thrown, for the API to answer 409 (403 for want of a role: the
 * use cases check the officer here too). Logs carry the action and the
 * effect, never the candidate number.
 */
export async function fraud(
  event: z.output<typeof FraudEventSchema>,
  deps: PublicationDeps,
): Promise<FraudResult> {
  const { academie, session } = event;
  const as = actingAs(deps, officerFromGroups(event.actor, event.roles));
  return answer(
    async () => {
      if (event.action === 'list') return as.fraudProcedures({ academie, session });
      const effect =
        event.action === 'flag'
          ? await as.flag({ academie, session, numero: event.numero, pv: event.pv })
          : await as.release({ academie, session, numero: event.numero, now: event.now });
      logInfo(`fraud ${event.action}`, {
        academie,
        session,
        takedownPaths: effect.takedown?.paths.length ?? 0,
        invalidationId: effect.takedown?.invalidationId ?? null,
        rearmed: effect.rearmed,
      });
      return effect;
    },
    (_err, forbidden) => {
      logInfo(forbidden ? 'fraud request forbidden' : 'fraud request refused', {
        academie,
        session,
        action: event.action,
      });
    },
  );
}

const context = functionContext(FUNCTION_NEEDS.fraud);

export const handler = middy<FraudEvent, FraudResult>()
  // Request id and cold start in every log line.
  .use(injectLambdaContext(logger))
  .handler((event) => {
    const { deps } = context();
    return fraud(parseEvent(FraudEventSchema, event), deps);
  });
