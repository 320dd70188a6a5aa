import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PublicationDeps } from '../../publication/publication.deps.js';
import { DynamoAuditLog } from './audit-log.dynamodb.js';
import { DynamoFraudFlags } from './fraud-flags.dynamodb.js';
import { DynamoLookupKeyStore } from './lookup-keys.dynamodb.js';
import { DynamoPreviousFiguresStore } from './previous-figures.dynamodb.js';
import { DynamoPublicationStore } from './publication-store.dynamodb.js';

/**
 * The publication use cases' stores that live in the control table, the
 * same locally and on AWS: the CLI, the functions and the tests each add
 * only what differs (edge store, scheduler, invalidator, clock).
 */
export function controlTableAdapters(client: DynamoDBDocumentClient, tableName: string): Pick<PublicationDeps, 'publications' | 'audit' | 'lookupKeys' | 'fraud' | 'figures'> {
  const deps = { client, tableName };
  return {
    publications: new DynamoPublicationStore(deps),
    audit: new DynamoAuditLog(deps),
    lookupKeys: new DynamoLookupKeyStore(deps),
    fraud: new DynamoFraudFlags(deps),
    figures: new DynamoPreviousFiguresStore(deps),
  };
}
