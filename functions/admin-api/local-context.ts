import type { Context } from 'aws-lambda';

/** The Lambda context of a local invocation (the handlers read none of it but the names). */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'publibac-local-admin-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:publibac-local-admin-api',
    memoryLimitInMB: '512',
    awsRequestId: 'local',
    logGroupName: '/aws/lambda/publibac-local-admin-api',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    // The Context type still requires its deprecated callbacks; nothing calls them.
    /* eslint-disable @typescript-eslint/no-deprecated -- required members of Context */
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}
