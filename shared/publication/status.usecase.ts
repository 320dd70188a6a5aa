// What the rectorat sees: per académie, session and group, whether a
// release is ready, when it opens, whether it is live now, and when the
// name lists expire.
import { DateTime } from 'luxon';
import type { ApprovalRequest } from '../ports/approval-requests.port.js';
import type {
  PublicationPlan,
  RenderedRelease,
  Takedown,
} from '../ports/publication-store.port.js';
import { isExpired } from '../domain/publication/two-person.js';
import { liveRelease } from '../edge/pointer.js';
import { sessionListsExpiry } from './lists-expiry.js';
import { readPointer } from './publication.usecase.js';
import type { PublicationDeps } from './publication.deps.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface StatusRow {
  academie: string;
  session: string;
  groupe: Groupe;
  plan: Pick<
    PublicationPlan,
    'state' | 'instant' | 'local' | 'timeZone' | 'reason' | 'releaseId' | 'lateByMs'
  > | null;
  /** The newest release rendered for the group (complete: it is recorded only once verified). */
  release: Pick<RenderedRelease, 'id' | 'candidates' | 'objects' | 'bytes' | 'renderedAt'> | null;
  rehearsals: number;
  /** The group's planned release is what the public sees now. */
  live: boolean;
  /** What the public sees of the académie now, whatever the group. */
  liveRelease: string | null;
  /**
   * The last in-place rewrite of this group's live release (a result withheld or released after
   * publication).
   */
  takedown: (Pick<Takedown, 'state' | 'requestedAt' | 'invalidationId'> & { paths: number }) | null;
  /**
   * When the académie session's name lists expire (the same on each group's row); null while
   * nothing is planned.
   */
  lists: ListsStatus | null;
  /**
   * A request to open the group early (publish now, an earlier instant) waiting for a second
   * officer; null if none.
   */
  awaitingApproval: Pick<
    ApprovalRequest,
    'id' | 'kind' | 'at' | 'requestedBy' | 'requestedAt' | 'expiresAt'
  > | null;
}

export interface ListsStatus {
  /** UTC ISO; `local` the same instant as "YYYY-MM-DD HH:MM" in `timeZone`. */
  expiresAt: string;
  local: string;
  timeZone: string;
  /** Past the expiry: the edge refuses the lists. */
  expired: boolean;
  /** When the scheduled step took them out of the live release; null until it has run. */
  withdrawnAt: string | null;
}

function listsStatus(plans: readonly PublicationPlan[], now: number): ListsStatus | null {
  const expiry = sessionListsExpiry(plans);
  if (!expiry) return null;
  const { timeZone } = expiry.plan;
  return {
    expiresAt: expiry.at.toISOString(),
    local: DateTime.fromJSDate(expiry.at, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm'),
    timeZone,
    expired: now >= expiry.at.getTime(),
    withdrawnAt: expiry.plan.listsWithdrawnAt ?? null,
  };
}

export async function publicationStatus(
  deps: Pick<PublicationDeps, 'publications' | 'kvs' | 'clock' | 'invalidator' | 'approvals'>,
  filter: { academie?: string; session?: string } = {},
): Promise<StatusRow[]> {
  const plans = (await deps.publications.plans()).filter(
    (p) =>
      (!filter.academie || p.academie === filter.academie) &&
      (!filter.session || p.session === filter.session),
  );
  const keys = new Map<string, { academie: string; session: string; groupe: Groupe }>();
  for (const p of plans) keys.set(`${p.session}#${p.academie}#${p.groupe}`, p);
  // Rendered but not planned: shown when the operator names the académie and session.
  const releasesOf = new Map<string, RenderedRelease[]>();
  const releases = async (session: string, academie: string) => {
    const k = `${session}#${academie}`;
    let cached = releasesOf.get(k);
    if (!cached) {
      cached = await deps.publications.releases(session, academie);
      releasesOf.set(k, cached);
    }
    return cached;
  };
  if (filter.academie && filter.session) {
    for (const r of await releases(filter.session, filter.academie))
      keys.set(`${r.session}#${r.academie}#${r.groupe}`, {
        academie: r.academie,
        session: r.session,
        groupe: r.groupe,
      });
  }

  const now = deps.clock.now().getTime();
  // One pointer read per académie, whatever its number of sessions and groups.
  const pointers = new Map<string, Promise<string | null>>();
  const liveOf = (academie: string) => {
    let live = pointers.get(academie);
    if (!live) {
      live = readPointer(deps, academie).then((p) => liveRelease(p, now));
      pointers.set(academie, live);
    }
    return live;
  };
  const rows: StatusRow[] = [];
  for (const key of [...keys.values()].sort(
    (a, b) =>
      a.academie.localeCompare(b.academie) ||
      a.session.localeCompare(b.session) ||
      a.groupe - b.groupe,
  )) {
    const plan =
      plans.find(
        (p) => p.academie === key.academie && p.session === key.session && p.groupe === key.groupe,
      ) ?? null;
    const all = await releases(key.session, key.academie);
    const release = all.find((r) => r.kind === 'release' && r.groupe === key.groupe) ?? null;
    const live = await liveOf(key.academie);
    const takedown = plan?.releaseId
      ? await currentTakedown(deps, key.session, key.academie, plan.releaseId)
      : null;
    const request = await deps.approvals.get(key.session, key.academie, key.groupe);
    const pending =
      request?.state === 'pending' && !isExpired(request, new Date(now)) ? request : null;
    rows.push({
      ...key,
      plan: plan && {
        state: plan.state,
        instant: plan.instant,
        local: plan.local,
        timeZone: plan.timeZone,
        reason: plan.reason,
        releaseId: plan.releaseId,
        ...(plan.lateByMs && { lateByMs: plan.lateByMs }),
      },
      release: release && {
        id: release.id,
        candidates: release.candidates,
        objects: release.objects,
        bytes: release.bytes,
        renderedAt: release.renderedAt,
      },
      rehearsals: all.filter((r) => r.kind === 'rehearsal' && r.groupe === key.groupe).length,
      live: plan?.releaseId != null && live === plan.releaseId,
      liveRelease: live,
      takedown: takedown && {
        state: takedown.state,
        requestedAt: takedown.requestedAt,
        invalidationId: takedown.invalidationId,
        paths: takedown.paths.length,
      },
      lists: listsStatus(
        plans.filter((p) => p.academie === key.academie && p.session === key.session),
        now,
      ),
      awaitingApproval: pending && {
        id: pending.id,
        kind: pending.kind,
        at: pending.at,
        requestedBy: pending.requestedBy,
        requestedAt: pending.requestedAt,
        expiresAt: pending.expiresAt,
      },
    });
  }
  return rows;
}

/**
 * The latest takedown of a release; one still in progress is asked again and recorded complete once
 * it is.
 */
async function currentTakedown(
  deps: Pick<PublicationDeps, 'publications' | 'invalidator'>,
  session: string,
  academie: string,
  releaseId: string,
): Promise<Takedown | null> {
  const latest = (await deps.publications.takedowns(session, academie)).find(
    (t) => t.releaseId === releaseId,
  );
  if (
    !latest ||
    latest.state === 'complete' ||
    !(await deps.invalidator.isComplete(latest.invalidationId))
  )
    return latest ?? null;
  const done: Takedown = { ...latest, state: 'complete' };
  await deps.publications.saveTakedown(done);
  return done;
}
