// The admin API's surface, which the stack (API Gateway's routes) and the
// handler (functions/admin-api/routes.ts) agree on: each route's method and
// path, and who may call it. Plain data, no handler code, so the
// infrastructure reads it without importing any function.
import type { Action } from '../domain/authority.js';

export type HttpMethod = 'GET' | 'POST';
export type RouteKey = `${HttpMethod} /${string}`;

export interface AdminRoute {
  /**
   * Who may call it: the action of shared/domain/authority.ts that the use
   * cases authorize (its roles, of the académie the request names). The
   * table states it; the use cases enforce it, and a test holds them equal.
   */
  action: Action;
}

export const ADMIN_ROUTES = {
  'POST /render': { action: 'render' },
  'POST /rehearse': { action: 'rehearse' },
  'GET /rehearsal-link': { action: 'rehearse' },
  'POST /rehearsal/rotate-key': { action: 'rotate-rehearsal-key' },
  'POST /schedule': { action: 'schedule' },
  'POST /publish': { action: 'publish' },
  'POST /approve': { action: 'approve' },
  'GET /status': { action: 'read' },
  'POST /fraud/flag': { action: 'withhold' },
  'POST /fraud/release': { action: 'withhold' },
  'GET /fraud': { action: 'read-fraud' },
  'GET /audit': { action: 'read' },
  'POST /codes/export': { action: 'codes' },
} as const satisfies Record<RouteKey, AdminRoute>;

/**
 * The largest inscriptions file POST /codes/export takes, in bytes: the file travels to the publish
 * function and codes.csv back, each within Lambda's 6 MB synchronous payload (the codes add about
 * a quarter); 4 MB is some 90,000 candidates, more than any académie registers.
 */
export const CODES_EXPORT_MAX_BYTES = 4 * 1024 * 1024;

export type AdminRouteKey = keyof typeof ADMIN_ROUTES;

export function isAdminRouteKey(key: string): key is AdminRouteKey {
  return Object.hasOwn(ADMIN_ROUTES, key);
}

export const ADMIN_ROUTE_KEYS: readonly AdminRouteKey[] =
  Object.keys(ADMIN_ROUTES).filter(isAdminRouteKey);

/** "POST /fraud/flag" → { method: 'POST', path: '/fraud/flag' }. */
export function routeParts(key: AdminRouteKey): { method: HttpMethod; path: string } {
  const method = key.startsWith('GET ') ? 'GET' : 'POST';
  return { method, path: key.slice(method.length + 1) };
}
