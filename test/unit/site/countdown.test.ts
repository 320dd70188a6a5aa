import { describe, expect, it } from 'vitest';
import { formatRemaining } from '../../../static-site/countdown/countdown-page.js';
import { homeGroupState } from '../../../shared/publication/home.js';
import type { PublicationPlan } from '../../../shared/ports/publication-store.port.js';

describe('formatRemaining', () => {
  it('says the time left in French, rounded up to the second, down to zero', () => {
    expect(formatRemaining(5_000)).toBe('00 min 05 s');
    expect(formatRemaining(4_001)).toBe('00 min 05 s');
    expect(formatRemaining(61_000)).toBe('01 min 01 s');
    expect(formatRemaining(3_600_000)).toBe('01 h 00 min 00 s');
    expect(formatRemaining(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000)).toBe(
      '2 j 03 h 04 min 05 s',
    );
    expect(formatRemaining(86_400_000)).toBe('1 j 00 h 00 min 00 s');
    expect(formatRemaining(0)).toBe('00 min 00 s');
    expect(formatRemaining(-5_000)).toBe('00 min 00 s');
  });
});

describe('homeGroupState', () => {
  const instant = '2024-07-04T08:00:00.000Z';
  const plan = (state: PublicationPlan['state']): PublicationPlan => ({
    academie: 'lyon',
    session: '2024-06',
    groupe: 1,
    instant,
    local: '2024-07-04 10:00',
    timeZone: 'Europe/Paris',
    state,
    releaseId: state === 'armed' || state === 'published' ? 'r-1' : null,
    reason: null,
    updatedAt: instant,
  });
  const before = new Date(Date.parse(instant) - 1);
  const at = new Date(instant);

  it('is open once published, or armed and past its instant, to the millisecond', () => {
    expect(homeGroupState(plan('published'), before)).toBe('open');
    expect(homeGroupState(plan('armed'), before)).toBe('announced');
    expect(homeGroupState(plan('armed'), at)).toBe('open');
  });

  it('announces a scheduled plan, even late (nothing is public until it is armed)', () => {
    expect(homeGroupState(plan('scheduled'), before)).toBe('announced');
    expect(homeGroupState(plan('scheduled'), at)).toBe('announced');
    expect(homeGroupState(plan('missed'), at)).toBe('missed');
  });
});
