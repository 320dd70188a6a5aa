// The rectorat console on a test stack: officers with one known password,
// and a signed-in officer's cookie and anti-CSRF token.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../shared/console/officers.js';
import { startLocalConsole, type LocalConsole } from '../../shared/console/local-console.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';

export const CONSOLE_PASSWORD = 'correct horse battery';
export const CONSOLE_SESSION = '2024-06';

/** Starts the console for aix-marseille with these officers (user name → roles). */
export async function startTestConsole(o: {
  deps: PublicationDeps;
  officers: Record<string, string[]>;
  siteUrl?: string;
  home?: string;
}): Promise<LocalConsole> {
  const officers = await Promise.all(
    Object.entries(o.officers).map(async ([username, roles]) => ({
      username,
      roles,
      passwordHash: await hashPassword(CONSOLE_PASSWORD),
    })),
  );
  return startLocalConsole({
    deps: o.deps,
    clock: systemClock,
    home: o.home ?? (await mkdtemp(join(tmpdir(), 'publibac-console-'))),
    academie: 'aix-marseille',
    session: CONSOLE_SESSION,
    siteUrl: o.siteUrl ?? 'http://127.0.0.1:1',
    log: () => undefined,
    env: { PUBLIBAC_LOCAL_OFFICERS: JSON.stringify({ officers }) },
  });
}

export interface SignedIn {
  /** The sign-in's HTTP status (303 when it succeeded). */
  status: number;
  cookie: string;
  csrf: string;
}

/** Signs in through the form, then reads the session's anti-CSRF token as the page script does. */
export async function consoleSignIn(
  consoleUrl: string,
  username: string,
  password = CONSOLE_PASSWORD,
): Promise<SignedIn> {
  const res = await fetch(`${consoleUrl}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifiant: username, 'mot-de-passe': password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = await fetch(`${consoleUrl}/api/moi`, { headers: { cookie } });
  const { csrf } = (await me.json()) as { csrf: string };
  return { status: res.status, cookie, csrf };
}
