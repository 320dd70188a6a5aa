import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { z } from 'zod';
import { setting } from '../../shared/config.js';
import { PublicationError } from '../../shared/publication/publication.deps.js';
import { FUNCTION_NEEDS, functionContext } from '../context.js';
import { logError, logInfo, logger } from '../log.js';
import { issuesOf } from '../parse-event.js';
import { lambdaClient } from '../lambda-client.js';
import { isAdminRouteKey } from '../../shared/contracts/admin-routes.js';
import { ForbiddenError } from '../../shared/domain/authority.js';
import { officerOf, UnauthenticatedError } from './caller.js';
import { InvalidRequestError, Reply, ROUTES, type RouteDeps } from './routes.js';

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
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadJsonError('body is not JSON');
  }
}

/**
 * Routes the request to its use case, as the caller: the use cases check the
 * caller's roles against the académie (and audit refusals) and write the
 * audit entries.
 */
export async function adminApi(event: Event, d: RouteDeps): Promise<Result> {
  if (!isAdminRouteKey(event.routeKey)) throw new NotFoundError(`no route ${event.routeKey}`);
  const route = ROUTES[event.routeKey];
  const officer = officerOf(event);
  const result = await route.run(
    { officer, body: bodyOf(event), query: event.queryStringParameters ?? {} },
    d,
  );
  const [status, body] =
    result instanceof Reply ? [result.status, result.body] : [route.status ?? 200, result];
  logInfo('admin request', { route: event.routeKey, actor: officer.actor, status });
  if (body === null) throw new NotFoundError('nothing found');
  return json(status, body);
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
      if (err instanceof z.ZodError)
        request.response = json(400, { error: 'invalid-request', issues: issuesOf(err) });
      else if (err instanceof InvalidRequestError)
        request.response = json(400, { error: 'invalid-request', issues: err.issues });
      else if (err instanceof BadJsonError)
        request.response = json(400, { error: 'invalid-request', issues: [err.message] });
      else if (err instanceof UnauthenticatedError)
        request.response = json(401, { error: 'unauthenticated' });
      else if (err instanceof ForbiddenError)
        request.response = json(403, { error: 'forbidden', message: err.message });
      else if (err instanceof NotFoundError)
        request.response = json(404, { error: 'not-found', message: err.message });
      else if (err instanceof PublicationError)
        request.response = json(409, { error: 'refused', message: err.message });
      else {
        logError('admin request failed', err, { route });
        request.response = json(500, { error: 'internal' });
        return;
      }
      logInfo('admin request refused', {
        route,
        status: request.response.statusCode ?? 500,
        error: err.name,
      });
    },
  };
}

const context = functionContext(FUNCTION_NEEDS.adminApi);

export const handler = middy<Event, Result>()
  // Request id and cold start in every log line.
  .use(injectLambdaContext(logger))
  .use(httpErrors())
  .handler((event) => {
    const { deps, config } = context();
    const renderFunction = setting(config, 'functions', 'PUBLIBAC_RENDER_FUNCTION');
    const fraudFunction = setting(config, 'functions', 'PUBLIBAC_FRAUD_FUNCTION');
    const publishFunction = setting(config, 'functions', 'PUBLIBAC_PUBLISH_FUNCTION');
    return adminApi(event, {
      deps,
      lambda: lambdaClient(),
      renderFunction,
      fraudFunction,
      publishFunction,
    });
  });
