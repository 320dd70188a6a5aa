// The two-person rule: whatever can open results early (publishing now, or
// moving an instant earlier) is asked by one officer and carried out only
// when a second officer of the same académie approves, within a short
// window. One account alone, stolen or mistaken, cannot break an embargo.

/**
 * How long a request waits for its second officer: long enough to call a colleague, short enough
 * that a forgotten request dies.
 */
export const APPROVAL_WINDOW_MS = 15 * 60_000;

/** What needs a second officer. */
export type EarlyOpening = 'publish-now' | 'schedule-earlier';

/**
 * Whether setting a group's instant to `next` needs a second officer: only
 * when it comes before the instant already set. A first instant, or one moved
 * later, opens nothing early and is one officer's decision.
 */
export function schedulingNeedsSecondOfficer(current: Date | null, next: Date): boolean {
  return current !== null && next.getTime() < current.getTime();
}

/** When a request made at `requestedAt` stops being approvable. */
export function approvalDeadline(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + APPROVAL_WINDOW_MS);
}

/** A request is approvable strictly before its deadline. */
export function isExpired(request: { expiresAt: string }, now: Date): boolean {
  return now.getTime() >= Date.parse(request.expiresAt);
}

/**
 * The second officer must be someone else: the requester approving their own request is refused.
 */
export function isSelfApproval(request: { requestedBy: string }, approver: string): boolean {
  return request.requestedBy === approver;
}
