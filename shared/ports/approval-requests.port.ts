import type { EarlyOpening } from '../domain/publication/two-person.js';
import type { Groupe } from '../domain/vocabulary.js';

/**
 * A request waiting for its second officer (the two-person rule,
 * shared/domain/publication/two-person.ts): at most one per académie,
 * session and group. Once approved it stays, approved, until the next
 * request for the group replaces it; the audit log keeps every one.
 */
export interface ApprovalRequest {
  /**
   * Names this request among those of the group over time (an approval may name it, so a replaced
   * request is never approved by mistake).
   */
  id: string;
  academie: string;
  session: string;
  groupe: Groupe;
  kind: EarlyOpening;
  /**
   * schedule-earlier: the instant asked, as the officer gave it ("YYYY-MM-DD HH:MM[:SS]" in the
   * académie's zone) and in UTC ISO.
   */
  at: string | null;
  instant: string | null;
  /** The name lists' period asked with it, if any. */
  listsDays: number | null;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  state: 'pending' | 'approved';
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface ApprovalRequests {
  /** The group's request, pending or approved; null when there has been none. */
  get(session: string, academie: string, groupe: Groupe): Promise<ApprovalRequest | null>;
  /**
   * Stores a pending request unless the group already has one pending, not
   * expired at `now`, by another officer (then false, nothing written): an
   * officer may replace their own request, never a colleague's.
   */
  open(request: ApprovalRequest, now: Date): Promise<boolean>;
  /**
   * Marks the request approved, only if it is still the group's request,
   * pending, not expired at `at`, and `approver` is not its requester; false
   * otherwise (another approver was first, or it changed meanwhile).
   */
  claim(request: ApprovalRequest, approver: string, at: Date): Promise<boolean>;
  /**
   * Puts a claimed request back to pending (carrying it out was refused, e.g. no release ready).
   */
  reopen(request: ApprovalRequest): Promise<void>;
}
