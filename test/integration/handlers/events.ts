import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context, S3Event } from 'aws-lambda';

/**
 * A Lambda context as the runtime passes it (only the ARN and request id matter to the handlers).
 */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: '8f5d5c4e-7a0b-4c55-9d63-0c1e2f3a4b5c',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/07/04/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 60_000,
    // The Context type still requires its deprecated callbacks; nothing calls them.
    /* eslint-disable @typescript-eslint/no-deprecated -- required members of Context */
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}

/** An S3 ObjectCreated notification as S3 sends it (key URL-encoded, spaces as '+'). */
export function s3Created(bucket: string, key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-3',
        eventTime: '2024-07-05T13:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
        requestParameters: { sourceIPAddress: '192.0.2.10' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'ingest',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'),
            size,
            eTag: 'd41d8cd98f00b204e9800998ecf8427e',
            sequencer: '0055AED6DCD90281E5',
          },
        },
      },
    ],
  };
}

/**
 * An HTTP API (payload 2.0) request that passed the JWT authorizer, with a Cognito access token's
 * claims.
 */
export function apiRequest(
  routeKey: string,
  opts: {
    claims?: Record<string, string | number | boolean | string[]>;
    body?: unknown;
    query?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method, rawPath] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', authorization: 'Bearer eyJ...' },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: opts.claims ?? {}, scopes: ['aws.cognito.signin.user.admin'] },
      },
      domainName: 'abc123.execute-api.eu-west-3.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.20',
        userAgent: 'vitest',
      },
      requestId: 'req-1',
      routeKey,
      stage: '$default',
      time: '04/Jul/2024:08:00:00 +0000',
      timeEpoch: 1720080000000,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    isBase64Encoded: false,
  };
}

/**
 * Claims of a Cognito access token as API Gateway passes them: the groups array flattened to "[a
 * b]".
 */
export function officer(username: string, groups: string[]) {
  return {
    sub: `sub-${username}`,
    username,
    'cognito:groups': `[${groups.join(' ')}]`,
    token_use: 'access',
    client_id: 'client',
    iss: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_x',
  };
}
