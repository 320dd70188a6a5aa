import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { z } from 'zod';
import { ForbiddenError, officerFromGroups } from '../../shared/domain/authority.js';
import { actingAs } from '../../shared/publication/officer-actions.usecase.js';
import {
  PublicationError,
  type PublicationDeps,
} from '../../shared/publication/publication.deps.js';
import { FUNCTION_NEEDS, functionContext } from '../context.js';
import { logInfo, logger } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { RenderEventSchema, type RenderEvent } from '../render-call.js';

type Parsed = z.output<typeof RenderEventSchema>;

export type RenderResult =
  | {
      ok: true;
      academie: string;
      session: string;
      releaseId: string;
      kind: 'release' | 'rehearsal';
      candidates: number;
      objects: number;
      derived?: number;
    }
  | { ok: false; academie: string; session: string; error: string };

/**
 * Renders one académie's release (or rehearsal), as the officer who asked
 * (their roles are checked again here). A refusal (unknown académie,
 * nothing ingested, no role for it) is returned, not thrown: the function is
 * invoked asynchronously and retrying would refuse again. The rehearsal's
 * signed link is not returned here (it is a credential): the admin API
 * makes one on request.
 */
export async function renderOne(event: Parsed, deps: PublicationDeps): Promise<RenderResult> {
  const { academie, session, groupe } = event;
  const as = actingAs(deps, officerFromGroups(event.actor, event.roles));
  try {
    if (event.kind === 'rehearsal') {
      const r = await as.renderRehearsal({ academie, session, groupe });
      logInfo('rehearsal rendered', {
        academie,
        session,
        groupe,
        releaseId: r.id,
        candidates: r.candidates,
      });
      return {
        ok: true,
        academie,
        session,
        releaseId: r.id,
        kind: 'rehearsal',
        candidates: r.candidates,
        objects: 0,
      };
    }
    const { release, derived } = await as.render({ academie, session, groupe });
    logInfo('release rendered', {
      academie,
      session,
      groupe,
      releaseId: release.id,
      candidates: release.candidates,
      objects: release.objects,
      derived,
    });
    return {
      ok: true,
      academie,
      session,
      releaseId: release.id,
      kind: 'release',
      candidates: release.candidates,
      objects: release.objects,
      derived,
    };
  } catch (err) {
    if (!(err instanceof PublicationError) && !(err instanceof ForbiddenError)) throw err;
    logInfo('render refused', { academie, session, groupe, reason: err.message });
    return { ok: false, academie, session, error: err.message };
  }
}

const context = functionContext(FUNCTION_NEEDS.render);

export const handler = middy<RenderEvent, RenderResult>()
  // Request id and cold start in every log line.
  .use(injectLambdaContext(logger))
  .handler((event) => {
    const { deps } = context();
    return renderOne(parseEvent(RenderEventSchema, event), deps);
  });
