import middy from '@middy/core';
import type { z } from 'zod';
import { PublicationError, type PublicationDeps } from '../../shared/publication/publication.deps.js';
import { renderRehearsal } from '../../shared/publication/rehearse.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { functionContext } from '../context.js';
import { logInfo } from '../log.js';
import { parseEvent } from '../parse-event.js';
import { RenderEventSchema, type RenderEvent } from './render-request.js';

type Parsed = z.output<typeof RenderEventSchema>;

export type RenderResult =
  | { ok: true; academie: string; session: string; releaseId: string; kind: 'release' | 'rehearsal'; candidates: number; objects: number; derived?: number }
  | { ok: false; academie: string; session: string; error: string };

/**
 * Renders one académie's release (or rehearsal). A refusal (unknown
 * académie, nothing ingested) is returned, not thrown: the function is
 * invoked asynchronously and retrying would refuse again. The rehearsal's
 * signed link is not returned here (it is a credential): the admin API
 * makes one on request.
 */
export async function renderOne(event: Parsed, deps: PublicationDeps): Promise<RenderResult> {
  const { academie, session, phase, actor } = event;
  try {
    if (event.kind === 'rehearsal') {
      const r = await renderRehearsal(deps, { academie, session, phase, actor });
      logInfo('rehearsal rendered', { academie, session, phase, releaseId: r.id, candidates: r.candidates });
      return { ok: true, academie, session, releaseId: r.id, kind: 'rehearsal', candidates: r.candidates, objects: 0 };
    }
    const { release, derived } = await renderAcademie(deps, { academie, session, phase, actor });
    logInfo('release rendered', { academie, session, phase, releaseId: release.id, candidates: release.candidates, objects: release.objects, derived });
    return { ok: true, academie, session, releaseId: release.id, kind: 'release', candidates: release.candidates, objects: release.objects, derived };
  } catch (err) {
    if (!(err instanceof PublicationError)) throw err;
    logInfo('render refused', { academie, session, phase, reason: err.message });
    return { ok: false, academie, session, error: err.message };
  }
}

export const handler = middy<RenderEvent, RenderResult>().handler((event) => renderOne(parseEvent(RenderEventSchema, event), functionContext().deps));
