// The admin API on the local stack: the route table and handler deployed on
// AWS (routes.ts, handler.ts with its error mapping), called with the event
// API Gateway would pass once the Cognito authorizer has checked the token;
// here the console server has checked the local sign-in and names the
// officer. The functions it invokes run in process (functions/local-lambda.ts).
// The local stack loads this file by its path, as Lambda loads a handler.
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import type { ConsoleApi, ConsoleCall } from '../../shared/console/console-api.port.js';
import { routeParts } from '../../shared/contracts/admin-routes.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { LOCAL_FUNCTION_NAMES, localLambda } from '../local-lambda.js';
import { lambdaContext } from './local-context.js';
import { adminApi, httpErrors } from './handler.js';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

/** An HTTP API (payload 2.0) event with the claims of a Cognito access token for the officer. */
export function apiGatewayEvent(call: ConsoleCall, now: Date): Event {
  const { method, path } = routeParts(call.route);
  const query = new URLSearchParams(call.query).toString();
  return {
    version: '2.0',
    routeKey: call.route,
    rawPath: path,
    rawQueryString: query,
    headers: { 'content-type': 'application/json' },
    queryStringParameters: call.query,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: { username: call.username, 'cognito:groups': [...call.groups] },
          scopes: [],
        },
      },
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'console' },
      requestId: `local-${now.getTime().toString(36)}`,
      routeKey: call.route,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(method === 'POST' ? { body: JSON.stringify(call.body ?? {}) } : {}),
    isBase64Encoded: false,
  };
}

export interface LocalAdminApi {
  api: ConsoleApi;
  /** Resolves once queued work (renders) has finished. */
  idle(): Promise<void>;
}

export function localAdminApi(deps: PublicationDeps): LocalAdminApi {
  const lambda = localLambda(deps);
  const d = {
    deps,
    lambda: lambda.client,
    renderFunction: LOCAL_FUNCTION_NAMES.render,
    fraudFunction: LOCAL_FUNCTION_NAMES.fraud,
    publishFunction: LOCAL_FUNCTION_NAMES.publish,
  };
  const handler = middy<Event, Result>()
    .use(httpErrors())
    .handler((event) => adminApi(event, d));
  return {
    api: async (call) => {
      const res = await handler(apiGatewayEvent(call, deps.clock.now()), lambdaContext());
      const body: unknown = res.body ? JSON.parse(res.body) : null;
      return { status: res.statusCode ?? 200, body };
    },
    idle: () => lambda.idle(),
  };
}
