// The scheduled "expire lists" step: once an académie session's name lists
// have expired, the live release is rewritten in place without them (the
// landing page no longer links them, the list files are deleted), like a
// takedown. The edge already refuses them from the pointer's listsUntil, to
// the millisecond; this step makes the files themselves go, however late it runs.
import { findAcademie } from '../domain/reference/academies.js';
import { liveRelease } from '../edge/pointer.js';
import type { Takedown } from '../ports/publication-store.port.js';
import { sessionListsExpiry, sessionPlans } from './lists-expiry.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';
import { readPointer, writePointer } from './publication.usecase.js';
import { renderAcademie, renderInMemory } from './render.usecase.js';
import { rewriteLive } from './withholding.usecase.js';

export type ExpireListsResult =
  /** Nothing planned or published for the session: no lists to expire. */
  | { state: 'none' }
  /** Fired before the expiry (the instant moved since): the trigger is set again at the expiry. */
  | { state: 'pending'; expiresAt: string }
  /**
   * The session's live release has no lists any more; `takedown` is null when there was nothing
   * left to rewrite.
   */
  | { state: 'withdrawn'; expiresAt: string; takedown: Takedown | null };

export async function expireLists(
  deps: PublicationDeps,
  key: { academie: string; session: string },
  actor = 'scheduler',
): Promise<ExpireListsResult> {
  const slug = findAcademie(key.academie)?.slug;
  if (!slug) throw new PublicationError(`unknown académie "${key.academie}"`);
  const { session } = key;
  const plans = await sessionPlans(deps, session, slug);
  const expiry = sessionListsExpiry(plans);
  if (!expiry) return { state: 'none' };
  const expiresAt = expiry.at.toISOString();
  const now = deps.clock.now();
  if (now.getTime() < expiry.at.getTime()) {
    await deps.scheduler.setTrigger({
      step: 'expire-lists',
      academie: slug,
      session,
      at: expiry.at,
    });
    return { state: 'pending', expiresAt };
  }

  const pointer = await readPointer(deps, slug);
  const live = liveRelease(pointer, now.getTime());
  const releases = (await deps.publications.releases(session, slug)).filter(
    (r) => r.kind === 'release',
  );
  const liveRecord = releases.find((r) => r.id === live);
  // A pointer written before it carried the expiry (or with a later one): the edge must refuse the
  // lists too.
  const pointsHere = liveRecord !== undefined || releases.some((r) => r.id === pointer.next);
  if (
    pointsHere &&
    !(typeof pointer.listsUntil === 'number' && pointer.listsUntil <= expiry.at.getTime())
  ) {
    await writePointer(deps, slug, { ...pointer, listsUntil: expiry.at.getTime() });
  }

  let takedown: Takedown | null = null;
  if (live && liveRecord) {
    const { rendered } = await renderInMemory(deps, {
      academie: slug,
      session,
      groupe: liveRecord.groupe,
      lists: false,
    });
    takedown = await rewriteLive(deps, slug, session, live, rendered, actor, {
      action: 'expire-lists',
      detail: `name lists withdrawn (expired ${expiresAt}): `,
    });
  }
  // A release not open yet was rendered with its lists: render it again without (it is re-armed
  // before its instant).
  const pending = plans.filter(
    (p) =>
      (p.state === 'scheduled' || p.state === 'armed') && Date.parse(p.instant) > now.getTime(),
  );
  for (const plan of pending) {
    if (releases.some((r) => r.groupe === plan.groupe))
      await renderAcademie(deps, { academie: slug, session, groupe: plan.groupe, actor });
  }

  const anchor = await deps.publications.plan(session, slug, expiry.plan.groupe);
  if (anchor && !anchor.listsWithdrawnAt) {
    await deps.publications.savePlan({ ...anchor, listsWithdrawnAt: now.toISOString() });
    if (!takedown) {
      await deps.audit.record({
        at: now.toISOString(),
        actor,
        action: 'expire-lists',
        academie: slug,
        session,
        groupe: null,
        releaseId: liveRecord?.id ?? null,
        detail: `name lists expired ${expiresAt}: no file of the session's live release to rewrite`,
      });
    }
  }
  return { state: 'withdrawn', expiresAt, takedown };
}
