import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditLog } from '../../ports/audit-log.port.js';
import { queryPartition, record, TableAdapter } from './control-query.js';

/**
 * Audit entries in the control table, partition `audit`, sort key
 * `<at>#<monotonic>#<random>` so that entries read back in time order and two
 * entries of the same millisecond never overwrite each other (the put is
 * conditional as well: an entry is never replaced).
 */
export class DynamoAuditLog extends TableAdapter implements AuditLog {
  async record(entry: AuditEntry): Promise<void> {
    // Monotonic within a process (entries of one command keep their order even in the same
    // millisecond, or under a test's fixed clock), random across processes.
    const Item = {
      pk: 'audit',
      sk: [
        entry.at,
        process.hrtime.bigint().toString().padStart(20, '0'),
        randomBytes(4).toString('hex'),
      ].join('#'),
      ...entry,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      // A put whose answer was lost (a 5xx after the write) is sent again by the SDK and then meets
      // itself: the entry is there, which is success, not a collision (the key is this call's own).
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const { Item: held } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: Item.pk, sk: Item.sk },
          ConsistentRead: true,
        }),
      );
      if (!isDeepStrictEqual(held, JSON.parse(JSON.stringify(Item)))) throw err;
    }
  }

  async entries(filter: { academie?: string; session?: string } = {}): Promise<AuditEntry[]> {
    const all = (await queryPartition(this.client, this.tableName, 'audit')).map((i) =>
      record<AuditEntry>(i),
    );
    return all.filter(
      (e) =>
        (!filter.academie || e.academie === filter.academie) &&
        (!filter.session || e.session === filter.session),
    );
  }
}
