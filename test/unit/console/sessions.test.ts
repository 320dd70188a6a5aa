import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  csrfMatches,
  SESSION_TTL_MS,
  sessionCookie,
  SessionStore,
} from '../../../shared/console/sessions.js';
import type { Clock } from '../../../shared/ports/clock.port.js';

function movableClock(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms) };
}

describe('console sessions', () => {
  it('finds a session by its cookie until it expires', () => {
    const { clock, advance } = movableClock('2024-07-04T08:00:00Z');
    const store = new SessionStore(clock);
    const { id, session } = store.open('officier-a', ['aix-marseille:publication']);
    const header = `other=1; ${sessionCookie(id, SESSION_TTL_MS).split(';')[0]!}`;
    expect(store.fromCookie(header)?.session.username).toBe('officier-a');
    expect(session.csrf).not.toBe(id);
    advance(SESSION_TTL_MS);
    expect(store.fromCookie(header)).toBeNull();
  });

  it('knows no forged or closed session', () => {
    const { clock } = movableClock('2024-07-04T08:00:00Z');
    const store = new SessionStore(clock);
    const { id } = store.open('officier-a', []);
    expect(store.fromCookie('publibac_console=forged')).toBeNull();
    store.close(id);
    expect(store.fromCookie(`publibac_console=${id}`)).toBeNull();
  });

  it('matches the anti-CSRF token exactly', () => {
    const { clock } = movableClock('2024-07-04T08:00:00Z');
    const { session } = new SessionStore(clock).open('officier-a', []);
    expect(csrfMatches(session, session.csrf)).toBe(true);
    expect(csrfMatches(session, session.csrf.slice(1))).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
  });

  it('writes an HttpOnly, SameSite=Strict cookie scoped to /admin', () => {
    expect(sessionCookie('abc', 60_000)).toBe(
      'publibac_console=abc; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=60',
    );
    expect(cookieValue('a=1; publibac_console=xyz', 'publibac_console')).toBe('xyz');
  });
});
