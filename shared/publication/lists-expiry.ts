// When an académie session's name lists expire, read from its publication
// plans: what scheduling, arming, rendering and status need to know. The
// step that takes the lists down is in lists-expiry.usecase.ts.
import {
  DEFAULT_LISTS_DAYS,
  listsDaysProblem,
  listsExpiryAfter,
} from '../domain/publication/lists-expiry.js';
import type { PublicationPlan } from '../ports/publication-store.port.js';
import { PublicationError, type PublicationDeps } from './publication.deps.js';

export interface ListsExpiry {
  at: Date;
  /** The plan the period counts from (it records the withdrawal). */
  plan: PublicationPlan;
}

/**
 * The lists' fields of a plan opening at `instant`: the period given, else
 * the one the plan had, else the default. Refuses a bad period before
 * anything is written.
 */
export function listsFields(
  instant: Date,
  timeZone: string,
  days: number | undefined,
  previous?: PublicationPlan,
): Required<Pick<PublicationPlan, 'listsDays' | 'listsExpireAt' | 'listsWithdrawnAt'>> {
  const period = days ?? previous?.listsDays ?? DEFAULT_LISTS_DAYS;
  const problem = listsDaysProblem(period);
  if (problem) throw new PublicationError(problem);
  return {
    listsDays: period,
    listsExpireAt: listsExpiryAfter(instant, timeZone, period).toISOString(),
    listsWithdrawnAt: null,
  };
}

/**
 * A plan written before lists expired has no expiry of its own: the default period from its
 * instant.
 */
function planExpiry(plan: PublicationPlan): Date {
  return plan.listsExpireAt
    ? new Date(plan.listsExpireAt)
    : listsExpiryAfter(new Date(plan.instant), plan.timeZone, DEFAULT_LISTS_DAYS);
}

/**
 * The session's lists expire with its earliest plan that is not missed (in
 * practice the first group's): a group that never opened starts no period.
 * Null when nothing is planned or published.
 */
export function sessionListsExpiry(plans: readonly PublicationPlan[]): ListsExpiry | null {
  const first = plans
    .filter((p) => p.state !== 'missed')
    .sort((a, b) => Date.parse(a.instant) - Date.parse(b.instant))[0];
  return first ? { at: planExpiry(first), plan: first } : null;
}

/** The académie session's plans (one per group at most). */
export async function sessionPlans(
  deps: Pick<PublicationDeps, 'publications'>,
  session: string,
  academie: string,
): Promise<PublicationPlan[]> {
  const plans = await Promise.all(
    ([1, 2] as const).map((g) => deps.publications.plan(session, academie, g)),
  );
  return plans.filter((p): p is PublicationPlan => p !== undefined);
}

/** Whether a render now carries the lists: not from their expiry on. */
export async function listsOnline(
  deps: Pick<PublicationDeps, 'publications' | 'clock'>,
  session: string,
  academie: string,
): Promise<boolean> {
  const expiry = sessionListsExpiry(await sessionPlans(deps, session, academie));
  return expiry === null || deps.clock.now().getTime() < expiry.at.getTime();
}

/**
 * Sets the "expire lists" step's trigger for the session, replacing the
 * previous one: at the expiry, or when a release opens after it (it was
 * rendered with its lists, which the step then takes out). Called whenever
 * a plan is saved or armed, so a moved instant moves the expiry too.
 */
export async function scheduleListsExpiry(
  deps: Pick<PublicationDeps, 'publications' | 'scheduler'>,
  academie: string,
  session: string,
  opensAt?: Date,
): Promise<ListsExpiry | null> {
  const expiry = sessionListsExpiry(await sessionPlans(deps, session, academie));
  if (!expiry) return null;
  const at = new Date(Math.max(expiry.at.getTime(), opensAt?.getTime() ?? 0));
  await deps.scheduler.setTrigger({ step: 'expire-lists', academie, session, at });
  return expiry;
}
