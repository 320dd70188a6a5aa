// The rectorat console on the local stack: the officers (created for the
// demo académie when none are configured), the page script built at install,
// and the admin API's deployed route table and handler, loaded by their
// path as Lambda loads a handler (shared/ never imports functions/; the
// local CDN loads the edge function the same way).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../ports/clock.port.js';
import type { PublicationDeps } from '../publication/publication.deps.js';
import type { ConsoleApi } from './console-api.port.js';
import { startConsoleServer, type ConsoleServer } from './console-server.js';
import { loadOfficers } from './officers.js';

/** The admin API's local entry: the route table and handler deployed on AWS. */
export const LOCAL_ADMIN_API = join(import.meta.dirname, '../../functions/admin-api/local-api.ts');
export const DEFAULT_CONSOLE_PORT = 3001;

interface LocalApiModule {
  localAdminApi(deps: PublicationDeps): { api: ConsoleApi; idle(): Promise<void> };
}
function isLocalApiModule(m: unknown): m is LocalApiModule {
  return typeof m === 'object' && m !== null && 'localAdminApi' in m;
}

/**
 * Where `npm run build:assets` (run by `npm install`) writes the console's script and its cut-down
 * DSFR stylesheet: built once, like the public site's, never compiled by the running server.
 */
const ASSETS_DIR = join(import.meta.dirname, '../../static-site/dist');

export interface LocalConsole extends ConsoleServer {
  /** Renders queued by the console (rehearsals) have finished. */
  idle(): Promise<void>;
}

export async function startLocalConsole(o: {
  deps: PublicationDeps;
  clock: Clock;
  /** Where officers.json lives (the local home). */
  home: string;
  /** The demo académie (its officers are created when none exist) and the session shown first. */
  academie: string;
  session: string;
  siteUrl: string;
  port?: number;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  persistOfficers?: boolean;
}): Promise<LocalConsole> {
  const file = join(o.home, 'officers.json');
  const officers = await loadOfficers({
    file,
    academie: o.academie,
    ...(o.env ? { env: o.env } : {}),
    ...(o.persistOfficers === false ? { persist: false } : {}),
  });
  // Loaded and compiled on first use: a stack nobody signs in to pays nothing for them.
  const local = once(async () => {
    const mod: unknown = await import(pathToFileURL(LOCAL_ADMIN_API).href);
    if (!isLocalApiModule(mod)) throw new Error(`${LOCAL_ADMIN_API} exports no localAdminApi`);
    return mod.localAdminApi(o.deps);
  });
  const server = await startConsoleServer({
    api: async (call) => (await local()).api(call),
    officers: officers.directory,
    clock: o.clock,
    assetsDir: ASSETS_DIR,
    session: o.session,
    siteUrl: o.siteUrl,
    ...(o.port !== undefined ? { port: o.port } : {}),
  });
  o.log(`  Console   ${server.url}   (rectorat officers; loopback only)`);
  if (officers.created.length) {
    // Shown once, on the operator's terminal, never logged: only their scrypt hashes are kept.
    const where = officers.source === 'memory' ? 'in memory' : `in ${file}`;
    o.log(`  Officers created ${where} (passwords shown this once):`);
    for (const c of officers.created)
      o.log(`    ${c.username.padEnd(16)} ${c.password}   ${c.roles.join(', ')}`);
  } else {
    o.log(
      `  Officers from ${officers.source} (${officers.directory.size}); delete ${file} to ` +
        'create new demo officers',
    );
  }
  return { ...server, idle: async () => (await local()).idle() };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The console's port beside the site's: the next one, or any free one when the site's is. */
export function consolePortFor(sitePort: number | undefined): number {
  if (sitePort === undefined) return DEFAULT_CONSOLE_PORT;
  return sitePort === 0 ? 0 : sitePort + 1;
}
