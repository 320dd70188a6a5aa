import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { officerFromGroups, type Officer } from '../../shared/domain/authority.js';

/**
 * The authorizer has checked the token; no identity means the route was deployed without it, and
 * nothing is done.
 */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}

/**
 * API Gateway hands JWT claims over flattened: an array claim such as
 * `cognito:groups` arrives as the string "[a b]" (HTTP API v2), or as an
 * array when the event is built by other tools; both are read.
 */
export function groupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The officer behind the request: the audit actor (the Cognito user name,
 * else the token's subject) and the roles their Cognito groups name
 * (`<slug>:publication`, `<slug>:fraud`, `audit`; any other group grants
 * nothing). The use cases decide what the roles allow.
 */
export function officerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Officer {
  const claims = claimsOf(event.requestContext);
  // Access tokens carry `username`, ID tokens `cognito:username`; `sub` is always there.
  const actor = [claims.username, claims['cognito:username'], claims.sub].find(
    (c): c is string => typeof c === 'string' && c.length > 0,
  );
  if (!actor) throw new UnauthenticatedError('no caller identity in the token');
  return officerFromGroups(actor, groupsClaim(claims['cognito:groups']));
}

/**
 * The token's claims. The event's type promises an authorizer; a route
 * deployed without one must refuse (401), not throw, hence the optional
 * chain over what the parameter's type admits may be missing.
 */
function claimsOf(context: {
  authorizer?: { jwt?: { claims?: Record<string, unknown> } };
}): Record<string, unknown> {
  return context.authorizer?.jwt?.claims ?? {};
}
