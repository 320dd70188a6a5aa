import { renderAcademie, type RenderRequest } from './render.usecase.js';
import { linkValidity, mintRehearsalLink } from './rehearsal-link.js';
import type { PublicationDeps } from './publication.deps.js';
import type { RehearsalSample } from '../ports/publication-store.port.js';

export interface RehearsalOutcome {
  id: string;
  candidates: number;
  /** Path on the public site (prefix it with the site's URL) of the rehearsal's landing page. */
  path: string;
  expires: Date;
  /** Pseudonymous candidates to try on the rehearsal's lookup (no real person). */
  tryWith: RehearsalSample[];
}

/**
 * A full dress run rendered under `rehearsals/`, where no pointer ever
 * leads. No link: the render Lambda uses this, and a link is minted only for
 * whoever asks for one (mintRehearsalLink), so that each is audited.
 */
export async function renderRehearsal(
  deps: PublicationDeps,
  req: Omit<RenderRequest, 'kind'>,
): Promise<{ id: string; candidates: number; tryWith: RehearsalSample[] }> {
  const { release } = await renderAcademie(deps, { ...req, kind: 'rehearsal' });
  return { id: release.id, candidates: release.candidates, tryWith: release.tryWith ?? [] };
}

/** Renders a rehearsal and mints one link to it (default 2 hours, at most 24). */
export async function rehearse(
  deps: PublicationDeps,
  req: Omit<RenderRequest, 'kind'> & { validForMs?: number },
): Promise<RehearsalOutcome> {
  // Refused before the render (minutes on a large académie), with nothing written.
  linkValidity(req.validForMs);
  const { validForMs, ...render } = req;
  const rendered = await renderRehearsal(deps, render);
  const link = await mintRehearsalLink(deps, {
    academie: req.academie,
    session: req.session,
    rehearsalId: rendered.id,
    actor: req.actor,
    ...(validForMs === undefined ? {} : { validForMs }),
  });
  return { ...rendered, path: link.path, expires: link.expires };
}
