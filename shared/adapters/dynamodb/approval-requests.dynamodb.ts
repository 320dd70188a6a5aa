import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalRequest, ApprovalRequests } from '../../ports/approval-requests.port.js';
import { record, TableAdapter } from './control-query.js';
import type { Groupe } from '../../domain/vocabulary.js';

const key = (session: string, academie: string, groupe: Groupe) => ({
  pk: `approval#${session}#${academie}`,
  sk: `g${groupe}`,
});

/**
 * Control-table layout: `approval#<session>#<academie>`, sort key `g<groupe>`.
 * Every change is one conditional write (dynalite has no transactions, and
 * none is needed): two officers racing to approve, or a request replaced
 * while approved, cannot both succeed.
 */
export class DynamoApprovalRequests extends TableAdapter implements ApprovalRequests {
  async get(session: string, academie: string, groupe: Groupe): Promise<ApprovalRequest | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key(session, academie, groupe),
        ConsistentRead: true,
      }),
    );
    return Item ? record<ApprovalRequest>(Item) : null;
  }

  async open(request: ApprovalRequest, now: Date): Promise<boolean> {
    return conditional(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key(request.session, request.academie, request.groupe), ...request },
          ConditionExpression:
            'attribute_not_exists(pk) OR #state <> :pending OR expiresAt <= :now OR requestedBy ' +
            '= :me',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':me': request.requestedBy,
          },
        }),
      ),
    );
  }

  async claim(request: ApprovalRequest, approver: string, at: Date): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(request.session, request.academie, request.groupe),
          UpdateExpression: 'SET #state = :approved, approvedBy = :approver, approvedAt = :at',
          ConditionExpression:
            'id = :id AND #state = :pending AND expiresAt > :at AND requestedBy <> :approver',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':approved': 'approved',
            ':pending': 'pending',
            ':approver': approver,
            ':at': at.toISOString(),
            ':id': request.id,
          },
        }),
      ),
    );
  }

  async reopen(request: ApprovalRequest): Promise<void> {
    await conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(request.session, request.academie, request.groupe),
          UpdateExpression: 'SET #state = :pending, approvedBy = :none, approvedAt = :none',
          ConditionExpression: 'id = :id AND #state = :approved',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':approved': 'approved',
            ':none': null,
            ':id': request.id,
          },
        }),
      ),
    );
  }
}

/** A failed condition is an answer (false), not an error. */
async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
