// Scheduling, arming and publishing an académie's release: the pointer the
// edge function reads is the only thing that makes a release public.
import { DateTime } from 'luxon';
import { findAcademie, type Academie } from '../domain/reference/academies.js';
import {
  ARM_AHEAD_MS,
  DEFAULT_PUBLICATION_TIME,
  InvalidInstantError,
  publicationInstant,
} from '../domain/publication/instant.js';
import {
  decodePointer,
  encodePointer,
  liveRelease,
  pointerKey,
  type EdgePointer,
} from '../edge/pointer.js';
import type { PublicationPlan, RenderedRelease } from '../ports/publication-store.port.js';
import { refreshHomePage, writeAnnouncementPage } from './home.js';
import {
  listsFields,
  scheduleListsExpiry,
  sessionListsExpiry,
  sessionPlans,
} from './lists-expiry.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface PlanKey {
  academie: string;
  session: string;
  groupe: Groupe;
}

/** How long the scheduler waits before trying again to arm a plan whose release is not ready. */
export const ARM_RETRY_MS = 30_000;

export function academieOf(slug: string): Academie {
  const academie = findAcademie(slug);
  if (!academie) throw new PublicationError(`unknown académie "${slug}"`);
  return academie;
}

/**
 * Sets (or moves) the instant at which a group's results open, in the
 * académie's time zone: "YYYY-MM-DD HH:MM", or a date alone for the
 * default time (10:00 first group, 18:00 second). The pointer is armed by
 * a trigger ARM_AHEAD_MS before; an armed pointer not yet open is disarmed
 * at once, so moving an instant later can never leave the old one active.
 * The session's name lists expire `listsDays` after its first publication
 * (default 30, or the period this plan had); the step that takes them down
 * is scheduled with it. No role is checked here: officers reach it through
 * officer-actions.usecase.ts, where an earlier instant waits for a second
 * officer (two-person.usecase.ts).
 */
export async function schedulePublication(
  deps: PublicationDeps,
  key: PlanKey & { at: string; actor: string; listsDays?: number; approval?: Approval },
): Promise<PublicationPlan> {
  const academie = academieOf(key.academie);
  const now = deps.clock.now();
  const { local, instant } = plannedInstant(academie, key.groupe, key.at, now);

  const existing = await deps.publications.plan(key.session, academie.slug, key.groupe);
  if (existing && isOpen(existing, now))
    throw new PublicationError(
      `${academie.slug} ${key.session} group ${key.groupe} is already public since ` +
        existing.instant,
    );
  if (key.groupe === 2) {
    const first = await deps.publications.plan(key.session, academie.slug, 1);
    if (first && Date.parse(first.instant) >= instant.getTime())
      throw new PublicationError(`the second group cannot open before the first (${first.local})`);
  }

  const lists = listsFields(instant, academie.timeZone, key.listsDays, existing);

  if (existing?.state === 'armed' && existing.releaseId)
    await disarmPending(deps, academie.slug, existing.releaseId, now);
  const plan: PublicationPlan = {
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
    instant: instant.toISOString(),
    local,
    timeZone: academie.timeZone,
    state: 'scheduled',
    releaseId: null,
    reason: null,
    updatedAt: now.toISOString(),
    ...lists,
  };
  await deps.publications.savePlan(plan);
  await deps.scheduler.setTrigger({
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
    at: new Date(Math.max(now.getTime(), instant.getTime() - ARM_AHEAD_MS)),
  });
  await scheduleListsExpiry(deps, academie.slug, key.session);
  // Nothing public yet: the landing page announces the instant.
  if (liveRelease(await readPointer(deps, academie.slug), now.getTime()) === null) {
    await writeAnnouncementPage(deps, academie, key.session, instant);
  }
  await deps.audit.record({
    at: now.toISOString(),
    actor: key.actor,
    action: 'schedule',
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
    releaseId: null,
    detail:
      `publication set for ${local} ${academie.timeZone} ` +
      `(${instant.toISOString()})${existing ? `, was ${existing.local}` : ''}; name lists ` +
      `for ${lists.listsDays} days${approvalNote(key.approval)}`,
  });
  await refreshHomePage(deps);
  return plan;
}

/**
 * A request carried out on a second officer's approval (the two-person rule): its audit entry names
 * both.
 */
export interface Approval {
  requestedBy: string;
}

const approvalNote = (approval: Approval | undefined) =>
  approval
    ? `; requested by ${approval.requestedBy}, approved by this actor (two-person rule)`
    : '';

/**
 * The instant a schedule asks for: "YYYY-MM-DD HH:MM[:SS]" in the
 * académie's zone, or a date alone for the group's default time; refused
 * when it does not exist (a daylight-saving gap), is ambiguous, or is not in
 * the future.
 */
export function plannedInstant(
  academie: Academie,
  groupe: Groupe,
  at: string,
  now: Date,
): { local: string; instant: Date } {
  const local = /^\d{4}-\d{2}-\d{2}$/.test(at.trim())
    ? `${at.trim()} ${DEFAULT_PUBLICATION_TIME[groupe]}`
    : at.trim();
  let instant: Date;
  try {
    instant = publicationInstant(local, academie.timeZone);
  } catch (err) {
    if (err instanceof InvalidInstantError) throw new PublicationError(err.message);
    throw err;
  }
  if (instant.getTime() <= now.getTime())
    throw new PublicationError(
      `${local} (${academie.timeZone}) is not in the future; use publish --now to open at once`,
    );
  return { local, instant };
}

export type ArmResult =
  { armed: true; releaseId: string } | { armed: false; reason: string; retryAt: Date | null };

/**
 * What the scheduler calls: points the académie's pointer at the newest
 * complete release of the group, opening at the plan's instant. A release
 * that is missing, incomplete, or rendered after the instant is not ready:
 * before the instant the trigger is set again; at the instant the plan is
 * missed and nothing is published.
 */
export async function armPublication(
  deps: PublicationDeps,
  key: PlanKey,
  actor = 'scheduler',
): Promise<ArmResult> {
  const plan = await deps.publications.plan(key.session, key.academie, key.groupe);
  if (!plan || plan.state !== 'scheduled')
    return { armed: false, reason: plan ? `plan is ${plan.state}` : 'no plan', retryAt: null };
  const now = deps.clock.now();
  const instant = Date.parse(plan.instant);
  const ready = await readyRelease(deps, key, instant);
  const { release, reason, replicating } = ready.release
    ? await replicated(deps, ready.release)
    : { ...ready, replicating: false };

  if (!release) {
    // Waiting for the replica never misses the instant: the release is complete in the primary,
    // so it opens (late, and `status` says by how much) once replication has caught up.
    const missed = now.getTime() >= instant && !replicating;
    const retryAt = missed
      ? null
      : new Date(
          replicating
            ? now.getTime() + ARM_RETRY_MS
            : Math.min(now.getTime() + ARM_RETRY_MS, instant),
        );
    const stated = missed ? `not published: ${reason} at the instant` : reason;
    await deps.publications.savePlan({
      ...plan,
      state: missed ? 'missed' : 'scheduled',
      reason: stated,
      updatedAt: now.toISOString(),
    });
    if (retryAt) await deps.scheduler.setTrigger({ ...key, at: retryAt });
    else await refreshHomePage(deps); // missed: the home page stops announcing it
    // One entry when the reason changes, not one per retry.
    if (missed || plan.reason !== stated) {
      await deps.audit.record({
        at: now.toISOString(),
        actor,
        action: missed ? 'missed' : 'arm-deferred',
        academie: key.academie,
        session: key.session,
        groupe: key.groupe,
        releaseId: null,
        detail: stated,
      });
    }
    return { armed: false, reason: stated, retryAt };
  }

  const pointer = await readPointer(deps, key.academie);
  // Another group's release still waiting to open keeps the pointer's one `next` slot until it
  // opens.
  if (
    pointer.next !== null &&
    pointer.next !== release.id &&
    pointer.notBefore !== null &&
    now.getTime() < pointer.notBefore &&
    pointer.notBefore < instant
  ) {
    const retryAt = new Date(pointer.notBefore);
    await deps.scheduler.setTrigger({ ...key, at: retryAt });
    return { armed: false, reason: 'waiting for the earlier publication to open', retryAt };
  }
  const current = liveRelease(pointer, now.getTime());
  const lists = sessionListsExpiry(await sessionPlans(deps, key.session, key.academie));
  // Armed after the instant (the scheduler was down at its arm time): it opens now, late by this
  // much.
  const lateByMs = Math.max(0, now.getTime() - instant);
  await writePointer(deps, key.academie, {
    v: 1,
    current,
    next: release.id,
    notBefore: instant,
    ...(lists && { listsUntil: lists.at.getTime() }),
  });
  await deps.publications.savePlan({
    ...plan,
    state: 'armed',
    releaseId: release.id,
    reason: null,
    updatedAt: now.toISOString(),
    ...(lateByMs > 0 && { lateByMs }),
  });
  await scheduleListsExpiry(deps, key.academie, key.session, new Date(instant));
  await deps.audit.record({
    at: now.toISOString(),
    actor,
    action: 'arm',
    academie: key.academie,
    session: key.session,
    groupe: key.groupe,
    releaseId: release.id,
    detail:
      `pointer armed, opens at ${plan.instant}` +
      (lateByMs > 0 ? `; armed after the instant: opened late by ${formatLateness(lateByMs)}` : ''),
  });
  await refreshHomePage(deps);
  return { armed: true, releaseId: release.id };
}

/**
 * Opens the newest complete release of the group now, whatever was planned; the lists' period
 * counts from now.
 * No role is checked here: officers reach it through the two-person rule (two-person.usecase.ts),
 * which calls it on approval.
 */
export async function publishNow(
  deps: PublicationDeps,
  key: PlanKey & { actor: string; listsDays?: number; approval?: Approval },
): Promise<PublicationPlan> {
  const academie = academieOf(key.academie);
  const now = deps.clock.now();
  const others = await sessionPlans(deps, key.session, academie.slug);
  const lists = listsFields(
    now,
    academie.timeZone,
    key.listsDays,
    others.find((p) => p.groupe === key.groupe),
  );
  const { release, reason } = await readyRelease(
    deps,
    { ...key, academie: academie.slug },
    now.getTime(),
  );
  if (!release)
    throw new PublicationError(
      `${academie.slug} ${key.session} group ${key.groupe}: ${reason}; nothing published`,
    );
  const plan: PublicationPlan = {
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
    instant: now.toISOString(),
    local: DateTime.fromJSDate(now, { zone: academie.timeZone }).toFormat('yyyy-MM-dd HH:mm'),
    timeZone: academie.timeZone,
    state: 'published',
    releaseId: release.id,
    reason: null,
    updatedAt: now.toISOString(),
    ...lists,
  };
  const expiry = sessionListsExpiry([...others.filter((p) => p.groupe !== key.groupe), plan]);
  await writePointer(deps, academie.slug, {
    v: 1,
    current: release.id,
    next: null,
    notBefore: null,
    ...(expiry && { listsUntil: expiry.at.getTime() }),
  });
  await deps.publications.savePlan(plan);
  await deps.scheduler.clearTrigger({
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
  });
  await scheduleListsExpiry(deps, academie.slug, key.session, now);
  await deps.audit.record({
    at: now.toISOString(),
    actor: key.actor,
    action: 'publish',
    academie: academie.slug,
    session: key.session,
    groupe: key.groupe,
    releaseId: release.id,
    detail: `published now on explicit command${approvalNote(key.approval)}`,
  });
  await refreshHomePage(deps);
  return plan;
}

/** "42 s", "3 min 05 s": how late a publication opened. */
export function formatLateness(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Public from its instant on: armed and past the instant, or published. */
export function isOpen(plan: PublicationPlan, now: Date): boolean {
  return (
    plan.state === 'published' ||
    (plan.state === 'armed' && now.getTime() >= Date.parse(plan.instant))
  );
}

/** The newest complete release of the group rendered by the instant, or why there is none. */
export async function readyRelease(
  deps: Pick<PublicationDeps, 'publications' | 'storage'>,
  key: PlanKey,
  instantMs: number,
): Promise<{ release?: RenderedRelease; reason: string }> {
  const all = await deps.publications.releases(key.session, key.academie);
  const candidates = all.filter((r) => r.kind === 'release' && r.groupe === key.groupe);
  const release = candidates.find((r) => Date.parse(r.renderedAt) <= instantMs);
  if (!release)
    return {
      reason: candidates.length
        ? 'the only release was rendered after the instant'
        : `no release rendered for group ${key.groupe}`,
    };
  const check = await deps.storage.verify(release.id, 'releases');
  if (!check.complete)
    return {
      reason:
        `release ${release.id} is incomplete (${check.missing.length} objects missing or ` +
        'altered)',
    };
  return { release, reason: '' };
}

/**
 * A release complete in the primary bucket, checked in the replica when there is one: the
 * distribution fails over to the replica on the same paths (release ids are the same in both
 * buckets), so a pointer must never name a release the replica lacks. S3 Replication lags (up
 * to 15 minutes under Replication Time Control): render well ahead of the instant.
 */
async function replicated(
  deps: Pick<PublicationDeps, 'replica'>,
  release: RenderedRelease,
): Promise<{ release?: RenderedRelease; reason: string; replicating: boolean }> {
  if (!deps.replica) return { release, reason: '', replicating: false };
  const check = await deps.replica.verify(release.id);
  if (check.complete) return { release, reason: '', replicating: false };
  // Stated without the count of objects still missing, which changes at every retry: the audit
  // log records a deferral once per reason.
  return {
    reason:
      `release ${release.id} is not yet complete in the replica bucket ${deps.replica.bucket}: ` +
      'waiting for S3 Replication before arming',
    replicating: true,
  };
}

export async function readPointer(
  deps: Pick<PublicationDeps, 'kvs'>,
  slug: string,
): Promise<EdgePointer> {
  return (
    decodePointer(await deps.kvs.get(pointerKey(slug))) ?? {
      v: 1,
      current: null,
      next: null,
      notBefore: null,
    }
  );
}

export async function writePointer(
  deps: Pick<PublicationDeps, 'kvs'>,
  slug: string,
  pointer: EdgePointer,
): Promise<void> {
  await deps.kvs.put(pointerKey(slug), encodePointer(pointer));
}

/**
 * Drops this plan's `next` if not yet open (an armed plan being moved), keeping what is live and,
 * with it, the lists' expiry.
 */
async function disarmPending(
  deps: PublicationDeps,
  slug: string,
  releaseId: string,
  now: Date,
): Promise<void> {
  const pointer = await readPointer(deps, slug);
  if (
    pointer.next !== releaseId ||
    (pointer.notBefore !== null && now.getTime() >= pointer.notBefore)
  )
    return;
  const current = liveRelease(pointer, now.getTime());
  await writePointer(deps, slug, {
    v: 1,
    current,
    next: null,
    notBefore: null,
    ...(current !== null && pointer.listsUntil != null && { listsUntil: pointer.listsUntil }),
  });
}
