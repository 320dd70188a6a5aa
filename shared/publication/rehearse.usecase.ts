import { renderAcademie, type RenderRequest } from './render.usecase.js';
import { rehearsalKey, rehearsalPath } from './rehearsal-link.js';
import type { PublicationDeps } from './publication.deps.js';

export interface RehearsalOutcome {
  id: string;
  candidates: number;
  /** Path on the public site (prefix it with the site's URL) of the rehearsal's landing page. */
  path: string;
  expires: Date;
}

/**
 * A full dress run: the release as it would be published, rendered under
 * `rehearsals/`, where no pointer ever leads, and shown through one signed
 * link that expires (default 24 hours).
 */
export async function rehearse(
  deps: PublicationDeps,
  req: Omit<RenderRequest, 'kind'> & { validForMs?: number },
): Promise<RehearsalOutcome> {
  const { release } = await renderAcademie(deps, { ...req, kind: 'rehearsal' });
  const expires = new Date(deps.clock.now().getTime() + (req.validForMs ?? 24 * 3600_000));
  const key = await rehearsalKey(deps.kvs);
  return { id: release.id, candidates: release.candidates, path: rehearsalPath(key, release.id, release.academie, expires), expires };
}
