// The console's local HTTP server (loopback only): the sign-in, the two
// static templates and their script, and the admin API's routes under
// /admin/api/, each called as the signed-in officer. It plays API Gateway
// with the Cognito authorizer: no session, 401; a POST without the
// session's anti-CSRF header (or from another origin), 403; the route and
// every role check are the admin API's (ConsoleApi).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CODES_EXPORT_MAX_BYTES, isAdminRouteKey } from '../contracts/admin-routes.js';
import { ACADEMIES } from '../domain/reference/academies.js';
import { AUDIT_ROLE } from '../domain/authority.js';
import type { Clock } from '../ports/clock.port.js';
import type { ConsoleApi } from './console-api.port.js';
import { CONSOLE_PATH, consolePage, SIGN_IN_PATH, signInPage } from './console-pages.js';
import type { OfficerDirectory } from './officers.js';
import { csrfMatches, sessionCookie, SessionStore, type ConsoleSession } from './sessions.js';

export interface ConsoleServerOptions {
  api: ConsoleApi;
  officers: OfficerDirectory;
  clock: Clock;
  /**
   * static-site/dist: the page script and the DSFR stylesheet cut down to the classes used, built
   * at install (`npm run build:assets`), never at run time.
   */
  assetsDir: string;
  /** The session the page opens on, and the public site's URL (rehearsal links point there). */
  session: string;
  siteUrl: string;
  port?: number;
}

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const SECURITY = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on form posts, which sameOrigin refuses.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};
/** The only files served besides the pages: the built script and stylesheet. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/dsfr.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};
/**
 * What the DSFR leaves to its script or to the page: a wide table scrolls inside its container
 * (its wrapper is `fit-content`, wider than a phone), long commands wrap, and on a phone the
 * header keeps the officer's name and the sign-out button (the DSFR moves them to a menu that
 * needs its script, which the console does not load).
 */
export const CONSOLE_CSS =
  '.fr-table,.fr-table__wrapper{max-width:100%}\n' +
  '#commande-codes{white-space:pre-wrap;overflow-wrap:anywhere}\n' +
  '.fr-header__body .fr-header__tools{display:flex;flex:1 1 auto;min-width:0}\n' +
  '.fr-header__tools-links{display:flex;flex-wrap:wrap}\n' +
  '#officier{overflow-wrap:anywhere;align-self:center}\n' +
  '@media (max-width:61.98em){.fr-header__body-row{flex-wrap:wrap}' +
  '.fr-header__body .fr-header__tools{flex-basis:100%;padding:0 1rem .5rem}}\n';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra = {},
) {
  res.writeHead(status, { ...SECURITY, 'content-type': type, ...extra }).end(body);
}
const json = (res: ServerResponse, status: number, body: unknown, extra = {}) => {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
};
const html = (res: ServerResponse, status: number, body: string, extra = {}) => {
  send(res, status, 'text/html; charset=utf-8', body, extra);
};

/** The access-code export carries an inscriptions file, JSON-escaped (the API checks its size). */
const MAX_UPLOAD_BODY = 2 * CODES_EXPORT_MAX_BYTES;

async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new HttpError(413, 'too-large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A POST from a page of another origin is refused whatever it carries (login CSRF included). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host ?? ''}`;
}

export async function startConsoleServer(o: ConsoleServerOptions): Promise<ConsoleServer> {
  const sessions = new SessionStore(o.clock);

  const academiesOf = (s: ConsoleSession) =>
    ACADEMIES.filter(
      (a) => s.roles.includes(AUDIT_ROLE) || s.roles.some((r) => r.startsWith(`${a.slug}:`)),
    ).map((a) => ({ slug: a.slug, name: a.name }));

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('identifiant') ?? '';
    const account = await o.officers.signIn(username, form.get('mot-de-passe') ?? '');
    if (!account) {
      // One message for an unknown name and a wrong password: nothing tells which.
      html(res, 401, signInPage({ error: 'Identifiant ou mot de passe incorrect.', username }));
      return;
    }
    const { id, session } = sessions.open(account.username, account.roles);
    res.setHeader('set-cookie', sessionCookie(id, session.expiresAt - o.clock.now().getTime()));
    send(res, 303, 'text/plain; charset=utf-8', '', { location: CONSOLE_PATH });
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const signed = sessions.fromCookie(req.headers.cookie);
    if (!signed) throw new HttpError(401, 'unauthenticated');
    const { id, session } = signed;
    const method = req.method === 'POST' ? 'POST' : 'GET';
    if (method === 'POST') {
      const token = req.headers['x-csrf-token'];
      if (!sameOrigin(req) || !csrfMatches(session, typeof token === 'string' ? token : undefined))
        throw new HttpError(403, 'csrf');
    }
    if (path === '/moi' && method === 'GET') {
      const { username, roles, csrf } = session;
      const academies = academiesOf(session);
      json(res, 200, { username, roles, csrf, academies, session: o.session, siteUrl: o.siteUrl });
      return;
    }
    if (path === '/deconnexion' && method === 'POST') {
      sessions.close(id);
      json(res, 200, { signedOut: true }, { 'set-cookie': sessionCookie('', 0) });
      return;
    }
    const route = `${method} ${path}`;
    if (!isAdminRouteKey(route)) throw new HttpError(404, 'not-found');
    const max = route === 'POST /codes/export' ? MAX_UPLOAD_BODY : MAX_BODY;
    const text = method === 'POST' ? await readBody(req, max) : '';
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new HttpError(400, 'invalid-request');
    }
    const url = new URL(req.url ?? '/', 'http://console');
    const answer = await o.api({
      route,
      username: session.username,
      groups: session.roles,
      body,
      query: Object.fromEntries(url.searchParams),
    });
    json(res, answer.status, answer.body);
  }

  async function asset(res: ServerResponse, path: string): Promise<void> {
    if (path === '/console.css') {
      send(res, 200, 'text/css; charset=utf-8', CONSOLE_CSS);
      return;
    }
    // A fixed table of names: no path from the request ever reaches the file system.
    const built = ASSETS[path];
    if (!built) throw new HttpError(404, 'not-found');
    send(res, 200, built.type, await readFile(join(o.assetsDir, built.file)));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://console').pathname;
    if (path.startsWith('/admin/api/')) return api(req, res, path.slice('/admin/api'.length));
    if (req.method === 'POST' && path === SIGN_IN_PATH) {
      if (!sameOrigin(req)) throw new HttpError(403, 'csrf');
      return signIn(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method');
    if (path === SIGN_IN_PATH) {
      html(res, 200, signInPage());
      return;
    }
    if (path === CONSOLE_PATH || path === `${CONSOLE_PATH}/`) {
      if (sessions.fromCookie(req.headers.cookie)) html(res, 200, consolePage());
      else send(res, 303, 'text/plain; charset=utf-8', '', { location: SIGN_IN_PATH });
      return;
    }
    if (path.startsWith('/admin/')) return asset(res, path.slice('/admin'.length));
    throw new HttpError(404, 'not-found');
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      // Never the request: it may carry a password or a candidate number.
      if (status === 500)
        process.stderr.write(`console: ${err instanceof Error ? err.name : 'error'}\n`);
      if (!res.headersSent)
        json(res, status, { error: err instanceof HttpError ? err.code : 'internal' });
    });
  });
  // Loopback only, whatever the site's --host: the console acts on publications.
  await new Promise<void>((done) => server.listen(o.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${CONSOLE_PATH}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}
