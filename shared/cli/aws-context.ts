import { dynamoDocumentClient } from '../adapters/dynamodb/client.js';
import { DynamoDecisionStore } from '../adapters/dynamodb/decision-store.dynamodb.js';
import { loadConfig, type Config } from '../config.js';
import { applyLocalStackEnv } from '../local/local-state.js';
import type { DecisionStore } from '../ports/decision-store.port.js';

export interface AwsContext {
  config: Config;
  store: DecisionStore;
  /** Where the commands act, for the operator (never secret). */
  target: string;
}

/**
 * The adapters a command needs. A running `publibac local` is found through
 * its state file; otherwise the SDK's standard settings point at AWS.
 */
export function awsContext(): AwsContext {
  const local = applyLocalStackEnv();
  const config = loadConfig();
  return {
    config,
    store: new DynamoDecisionStore({ client: dynamoDocumentClient(), tableName: config.tables.decisions }),
    target: local ? `local stack (${process.env.AWS_ENDPOINT_URL_DYNAMODB})` : process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `AWS ${process.env.AWS_REGION ?? ''}`.trim(),
  };
}
