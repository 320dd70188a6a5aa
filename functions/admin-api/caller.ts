import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export const PUBLICATION_OFFICERS = 'publication-officers';
export const FRAUD_OFFICERS = 'fraud-officers';
export type Group = typeof PUBLICATION_OFFICERS | typeof FRAUD_OFFICERS;

export interface Caller {
  /** The audit actor: the Cognito user name, else the token's subject. */
  actor: string;
  groups: ReadonlySet<string>;
}

/** The authorizer has checked the token; no identity means the route was deployed without it, and nothing is done. */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/**
 * API Gateway hands JWT claims over flattened: an array claim such as
 * `cognito:groups` arrives as the string "[a b]" (HTTP API v2), or as an
 * array when the event is built by other tools; both are read.
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims: Record<string, unknown> = event.requestContext.authorizer?.jwt?.claims ?? {};
  // Access tokens carry `username`, ID tokens `cognito:username`; `sub` is always there.
  const actor = [claims.username, claims['cognito:username'], claims.sub].find((c): c is string => typeof c === 'string' && c.length > 0);
  if (!actor) throw new UnauthenticatedError('no caller identity in the token');
  return { actor, groups: new Set(groupsClaim(claims['cognito:groups'])) };
}

export function requireGroup(caller: Caller, allowed: readonly Group[]): void {
  if (!allowed.some((g) => caller.groups.has(g))) throw new ForbiddenError(`requires group ${allowed.join(' or ')}`);
}
