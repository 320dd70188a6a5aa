import middy from '@middy/core';
import { z } from 'zod';
import { PublicationError, type PublicationDeps } from '../../shared/publication/publication.deps.js';
import { flagCandidate, releaseCandidate } from '../../shared/publication/withholding.usecase.js';
import { functionContext } from '../context.js';
import { logInfo } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { Session, Slug } from '../render/render-request.js';

const Numero = z.string().regex(/^[0-9A-Z]{6,15}$/);
const Scope = { academie: Slug, session: Session, actor: z.string().min(1).max(128) };

/** What the admin API sends (synchronously: the officer waits for the takedown). */
export const FraudEventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('flag'), ...Scope, numero: Numero, pv: z.string().max(64).nullable().default(null) }),
  z.object({ action: z.literal('release'), ...Scope, numero: Numero, now: z.boolean().default(false) }),
  z.object({ action: z.literal('list'), ...Scope }),
]);
export type FraudEvent = z.input<typeof FraudEventSchema>;

export type FraudResult = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Fraud procedures on AWS: the function that may rewrite a live release's
 * files and invalidate them (the admin API may not). Refusals are returned,
 * not thrown, for the API to answer 409. Logs carry the action and the
 * effect, never the candidate number.
 */
export async function fraud(event: z.output<typeof FraudEventSchema>, deps: PublicationDeps): Promise<FraudResult> {
  const { academie, session, actor } = event;
  try {
    if (event.action === 'list') return { ok: true, result: await deps.fraud.list(session, academie) };
    const effect =
      event.action === 'flag'
        ? await flagCandidate(deps, { academie, session, numero: event.numero, pv: event.pv, actor })
        : await releaseCandidate(deps, { academie, session, numero: event.numero, now: event.now, actor });
    logInfo(`fraud ${event.action}`, { academie, session, takedownPaths: effect.takedown?.paths.length ?? 0, invalidationId: effect.takedown?.invalidationId ?? null, rearmed: effect.rearmed });
    return { ok: true, result: effect };
  } catch (err) {
    if (!(err instanceof PublicationError)) throw err;
    logInfo('fraud request refused', { academie, session, action: event.action });
    return { ok: false, error: err.message };
  }
}

export const handler = middy<FraudEvent, FraudResult>().handler((event) => fraud(parseEvent(FraudEventSchema, event), functionContext().deps));
