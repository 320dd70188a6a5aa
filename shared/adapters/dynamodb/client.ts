import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client with the project's marshalling options. The endpoint,
 * region and credentials come from the SDK's standard settings
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION, ...) unless `config` overrides
 * them: tests pass a stack's endpoint this way, or add fault-injecting
 * middleware to the client they get.
 */
export function createDynamoDocumentClient(
  config: DynamoDBClientConfig = {},
): DynamoDBDocumentClient {
  // The SDK's default of 3 attempts loses a call to a burst of throttling or 5xx (at 20 % of calls,
  // about 1 call in 125: one render in five failed in the fault tests); 10 is what SDK v2 gave
  // DynamoDB. AWS_MAX_ATTEMPTS, the standard setting, still decides when set.
  const maxAttempts = process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 10 };
  const client = new DynamoDBClient({ ...maxAttempts, ...config });
  // No SDK call logs its input or output: items are decisions, that is personal data, and the
  // logger middleware builds a filtered copy of every attribute of every item for the logger
  // after each call, the SDK's no-op default logger included: measured, the largest single cost
  // of a BatchWriteItem in the writer's CPU (issue 14). Failures still reach the caller.
  if (!client.middlewareStack.remove('loggerMiddleware'))
    throw new Error('the DynamoDB client has no loggerMiddleware to remove: SDK changed?');
  return DynamoDBDocumentClient.from(client, {
    // Optional fields are absent rather than rejected; nulls stay NULL.
    marshallOptions: { removeUndefinedValues: true },
  });
}

let shared: DynamoDBDocumentClient | undefined;

/**
 * The process's client, created on first use (so that a command or test can
 * set the environment first) and then reused: a Lambda keeps its
 * connections warm across invocations.
 */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDynamoDocumentClient();
  return shared;
}
