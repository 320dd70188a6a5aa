// Signed-in officers of the local console: a random session id in an
// HttpOnly, SameSite=Strict cookie, an anti-CSRF token the page sends back
// in a header on every POST, and a fixed lifetime. Kept in memory: a
// restarted stack signs everyone out, which is what a local stack wants.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../domain/authority.js';
import type { Clock } from '../ports/clock.port.js';

export const SESSION_COOKIE = 'publibac_console';
/** A working day: an officer signs in again the next morning. */
export const SESSION_TTL_MS = 8 * 3_600_000;

export interface ConsoleSession {
  username: string;
  roles: readonly Role[];
  csrf: string;
  expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();
  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  open(username: string, roles: readonly Role[]): { id: string; session: ConsoleSession } {
    this.sweep();
    // 256 bits each: neither can be guessed, and the CSRF token is no function of the id.
    const id = randomBytes(32).toString('base64url');
    const session = {
      username,
      roles,
      csrf: randomBytes(32).toString('base64url'),
      expiresAt: this.clock.now().getTime() + this.ttlMs,
    };
    this.sessions.set(id, session);
    return { id, session };
  }

  /** The live session of a cookie header, or null (none, unknown, or expired). */
  fromCookie(cookieHeader: string | undefined): { id: string; session: ConsoleSession } | null {
    const id = cookieValue(cookieHeader, SESSION_COOKIE);
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.clock.now().getTime()) {
      this.sessions.delete(id);
      return null;
    }
    return { id, session };
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

/** Whether the header carries the session's token (compared in constant time). */
export function csrfMatches(session: ConsoleSession, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

/**
 * The cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * scoped to /admin. Not `Secure`: the local console is plain HTTP on the loopback interface.
 */
export function sessionCookie(id: string, maxAgeMs: number): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=${maxAge}`;
}
