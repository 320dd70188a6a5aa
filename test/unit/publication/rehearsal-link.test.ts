import { describe, expect, it } from 'vitest';
import { PublicationError } from '../../../shared/publication/publication.deps.js';
import {
  DEFAULT_LINK_VALIDITY_MS,
  linkValidity,
  MAX_LINK_VALIDITY_MS,
  rehearsalPath,
} from '../../../shared/publication/rehearsal-link.js';

describe('rehearsal link validity', () => {
  it('is 2 hours by default and may go up to 24 hours', () => {
    expect(DEFAULT_LINK_VALIDITY_MS).toBe(2 * 3_600_000);
    expect(linkValidity(undefined)).toBe(DEFAULT_LINK_VALIDITY_MS);
    expect(linkValidity(30 * 60_000)).toBe(30 * 60_000);
    expect(linkValidity(MAX_LINK_VALIDITY_MS)).toBe(24 * 3_600_000);
  });

  it('refuses more than 24 hours with a refusal naming the cap, and nonsense durations', () => {
    for (const ms of [MAX_LINK_VALIDITY_MS + 1_000, 7 * 86_400_000]) {
      expect(() => linkValidity(ms)).toThrow(PublicationError);
      expect(() => linkValidity(ms)).toThrow(/24 hours at most/);
    }
    for (const ms of [0, -1, 59_999, Number.NaN, 1.5e6 + 0.5])
      expect(() => linkValidity(ms)).toThrow(/at least 1 minute/);
  });

  it('signs the rehearsal id and the expiry in seconds, never more', () => {
    const path = rehearsalPath(
      'k'.repeat(64),
      'r-1',
      'lille',
      new Date('2024-07-01T11:00:00.999Z'),
    );
    expect(path).toMatch(/^\/_rehearsal\/r-1\/1719831600\/[0-9a-f]{64}\/lille\/$/);
  });
});
