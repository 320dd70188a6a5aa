import { describe, expect, it } from 'vitest';
import {
  APPROVAL_WINDOW_MS,
  approvalDeadline,
  isExpired,
  isSelfApproval,
  schedulingNeedsSecondOfficer,
} from '../../../shared/domain/publication/two-person.js';

const at = (iso: string) => new Date(iso);

describe('schedulingNeedsSecondOfficer', () => {
  it('is one officer for a first instant or one moved later, two for one moved earlier', () => {
    expect(schedulingNeedsSecondOfficer(null, at('2024-07-04T08:00:00Z'))).toBe(false);
    expect(
      schedulingNeedsSecondOfficer(at('2024-07-04T08:00:00Z'), at('2024-07-04T08:00:00Z')),
    ).toBe(false);
    expect(
      schedulingNeedsSecondOfficer(at('2024-07-04T08:00:00Z'), at('2024-07-05T08:00:00Z')),
    ).toBe(false);
    expect(
      schedulingNeedsSecondOfficer(at('2024-07-04T08:00:00Z'), at('2024-07-04T07:59:59Z')),
    ).toBe(true);
  });
});

describe('approvalDeadline and isExpired', () => {
  it('leaves 15 minutes, the deadline itself excluded', () => {
    expect(APPROVAL_WINDOW_MS).toBe(15 * 60_000);
    const deadline = approvalDeadline(at('2024-07-04T08:00:00Z'));
    expect(deadline.toISOString()).toBe('2024-07-04T08:15:00.000Z');
    const request = { expiresAt: deadline.toISOString() };
    expect(isExpired(request, at('2024-07-04T08:14:59.999Z'))).toBe(false);
    expect(isExpired(request, at('2024-07-04T08:15:00Z'))).toBe(true);
  });
});

describe('isSelfApproval', () => {
  it('is the requester approving their own request', () => {
    expect(isSelfApproval({ requestedBy: 'alice' }, 'alice')).toBe(true);
    expect(isSelfApproval({ requestedBy: 'alice' }, 'bruno')).toBe(false);
  });
});
