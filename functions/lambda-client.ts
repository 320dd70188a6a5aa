import { LambdaClient } from '@aws-sdk/client-lambda';

let shared: LambdaClient | undefined;

/** The Lambda client the admin API invokes the other functions with: one per process. */
export function lambdaClient(): LambdaClient {
  shared ??= new LambdaClient({});
  return shared;
}
