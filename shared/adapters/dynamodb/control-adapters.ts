import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PublicationDeps } from '../../publication/publication.deps.js';
import { DynamoApprovalRequests } from './approval-requests.dynamodb.js';
import { DynamoAuditLog } from './audit-log.dynamodb.js';
import { DynamoFraudFlags } from './fraud-flags.dynamodb.js';
import { DynamoPreviousFiguresStore } from './previous-figures.dynamodb.js';
import { DynamoPublicationStore } from './publication-store.dynamodb.js';

/**
 * The publication use cases' stores that live in the control table, the
 * same locally and on AWS (the composition root adds the others). The
 * lookup keys are not here: they have a table of their own.
 */
export function controlTableAdapters(
  client: DynamoDBDocumentClient,
  tableName: string,
): Pick<PublicationDeps, 'publications' | 'audit' | 'fraud' | 'figures' | 'approvals'> {
  const deps = { client, tableName };
  return {
    publications: new DynamoPublicationStore(deps),
    audit: new DynamoAuditLog(deps),
    fraud: new DynamoFraudFlags(deps),
    figures: new DynamoPreviousFiguresStore(deps),
    approvals: new DynamoApprovalRequests(deps),
  };
}
