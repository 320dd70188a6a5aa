import type { Groupe } from '../domain/vocabulary.js';
/**
 * What the rectorat's side remembers about publication: the releases
 * rendered (a release's files live in the site bucket; this is the index)
 * and one publication plan per académie, session and group.
 */

/** A release (or rehearsal) written complete to the site bucket. */
export interface RenderedRelease {
  id: string;
  academie: string;
  session: string;
  groupe: Groupe;
  kind: 'release' | 'rehearsal';
  /** Candidates with a lookup entry (withheld ones excluded). */
  candidates: number;
  /** Objects in the manifest, plus the manifest. */
  objects: number;
  bytes: number;
  renderedAt: string;
  renderedBy: string;
  /**
   * A rehearsal's pseudonymous candidates for officers to try (numbers and codes of no real
   * person).
   */
  tryWith?: RehearsalSample[];
}

export interface RehearsalSample {
  numero: string;
  code: string;
}

/**
 * scheduled: an instant is set, the pointer not armed yet;
 * armed: the pointer holds the release with its notBefore (live from the instant on);
 * published: made live at once on explicit command;
 * missed: the instant passed without a complete release: nothing was published.
 */
export type PlanState = 'scheduled' | 'armed' | 'published' | 'missed';

export interface PublicationPlan {
  academie: string;
  session: string;
  groupe: Groupe;
  /** UTC ISO instant at which the release opens. */
  instant: string;
  /** The same instant as the rectorat gave it: "YYYY-MM-DD HH:MM" in `timeZone`. */
  local: string;
  timeZone: string;
  state: PlanState;
  /** The release armed or published; null while scheduled or missed. */
  releaseId: string | null;
  /** Why the plan is not armed yet or was missed; null when all is well. */
  reason: string | null;
  /**
   * Set when the pointer was armed after the instant (the scheduler was not
   * running at its arm time): the release opened at arming, this late.
   */
  lateByMs?: number;
  updatedAt: string;
  /**
   * The name lists' period in days from this plan's instant, and the UTC ISO
   * instant it ends. The session's lists expire with its earliest plan that
   * is not missed (see lists-expiry.usecase.ts). Absent on plans written
   * before lists expired: the default period applies.
   */
  listsDays?: number;
  listsExpireAt?: string;
  /**
   * When the scheduled step took the lists out of the live release (on the plan the expiry comes
   * from).
   */
  listsWithdrawnAt?: string | null;
}

/**
 * Files of a live release rewritten in place because a result was withheld
 * (or released) after publication, and the CDN invalidation of their paths.
 */
export interface Takedown {
  academie: string;
  session: string;
  /** The live release whose files were rewritten. */
  releaseId: string;
  /** The release rendered with the new withholding, whose files now stand in it. */
  contentId: string;
  /** Public paths invalidated. */
  paths: string[];
  invalidationId: string;
  state: 'in-progress' | 'complete';
  requestedAt: string;
  requestedBy: string;
}

export interface PublicationStore {
  saveTakedown(takedown: Takedown): Promise<void>;
  /** Newest first. */
  takedowns(session: string, academie: string): Promise<Takedown[]>;
  recordRelease(release: RenderedRelease): Promise<void>;
  /** Releases and rehearsals of an académie's session, newest first. */
  releases(session: string, academie: string): Promise<RenderedRelease[]>;
  plan(session: string, academie: string, groupe: Groupe): Promise<PublicationPlan | undefined>;
  savePlan(plan: PublicationPlan): Promise<void>;
  /** Every plan, for status and the scheduler: a few per académie and session. */
  plans(): Promise<PublicationPlan[]>;
}
