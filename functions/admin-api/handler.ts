import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { ConfigError } from '../../shared/config.js';
import { PublicationError } from '../../shared/publication/publication.deps.js';
import { functionContext } from '../context.js';
import { logError, logInfo } from '../log.js';
import { issuesOf } from '../parse-event.js';
import { lambdaClient } from '../render/fan-out.js';
import { callerOf, ForbiddenError, requireGroup, UnauthenticatedError } from './caller.js';
import { ROUTES, type RouteDeps } from './routes.js';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

class NotFoundError extends Error {
  override name = 'NotFoundError';
}
class BadJsonError extends Error {
  override name = 'BadJsonError';
}

function bodyOf(event: Event): unknown {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadJsonError('body is not JSON');
  }
}

/** Routes the request to its use case, as the caller; the use cases write the audit entries. */
export async function adminApi(event: Event, d: RouteDeps): Promise<Result> {
  const route = ROUTES[event.routeKey];
  if (!route) throw new NotFoundError(`no route ${event.routeKey}`);
  const caller = callerOf(event);
  requireGroup(caller, route.groups);
  const result = await route.run({ actor: caller.actor, body: bodyOf(event), query: event.queryStringParameters ?? {} }, d);
  logInfo('admin request', { route: event.routeKey, actor: caller.actor, status: route.status ?? 200 });
  if (result === null) throw new NotFoundError('nothing found');
  return json(route.status ?? 200, result);
}

/**
 * Typed errors to responses, in one place. Bodies carry our own messages
 * (they name académies, sessions and rules, no personal data); anything
 * unexpected is a bare 500, its detail in the log only.
 */
export function httpErrors(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: (request) => {
      const err = request.error;
      const route = request.event.routeKey;
      if (err instanceof z.ZodError) request.response = json(400, { error: 'invalid-request', issues: issuesOf(err) });
      else if (err instanceof BadJsonError) request.response = json(400, { error: 'invalid-request', issues: [err.message] });
      else if (err instanceof UnauthenticatedError) request.response = json(401, { error: 'unauthenticated' });
      else if (err instanceof ForbiddenError) request.response = json(403, { error: 'forbidden', message: err.message });
      else if (err instanceof NotFoundError) request.response = json(404, { error: 'not-found', message: err.message });
      else if (err instanceof PublicationError) request.response = json(409, { error: 'refused', message: err.message });
      else {
        logError('admin request failed', err, { route });
        request.response = json(500, { error: 'internal' });
        return;
      }
      logInfo('admin request refused', { route, status: request.response.statusCode ?? 500, error: err?.name ?? null });
    },
  };
}

function functionName(variable: 'PUBLIBAC_RENDER_FUNCTION' | 'PUBLIBAC_FRAUD_FUNCTION'): string {
  const name = process.env[variable];
  if (!name) throw new ConfigError(`${variable} is unset`);
  return name;
}

export const handler = middy<Event, Result>()
  .use(httpErrors())
  .handler((event) => adminApi(event, { deps: functionContext().deps, lambda: lambdaClient(), renderFunction: functionName('PUBLIBAC_RENDER_FUNCTION'), fraudFunction: functionName('PUBLIBAC_FRAUD_FUNCTION') }));
