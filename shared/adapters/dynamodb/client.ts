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
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
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
