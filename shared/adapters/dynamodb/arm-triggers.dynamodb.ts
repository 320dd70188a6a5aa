import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ArmScheduler, ArmTrigger, DueTriggers } from '../../ports/arm-scheduler.port.js';
import { queryPartition, TableAdapter } from './control-query.js';

/**
 * The local stand-in for EventBridge Scheduler's one-time schedules: one
 * item per plan in partition `trigger` of the control table, polled by the
 * in-process scheduler (shared/publication/scheduler.ts). A trigger is
 * removed only if it is still the one handled, so a reschedule that lands
 * while the old trigger runs is not lost.
 */
export class DynamoArmTriggers extends TableAdapter implements ArmScheduler, DueTriggers {
  async setTrigger(t: ArmTrigger): Promise<void> {
    const item = { pk: 'trigger', sk: sk(t), academie: t.academie, session: t.session, groupe: t.groupe, at: t.at.toISOString() };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async clearTrigger(t: Omit<ArmTrigger, 'at'>): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: 'trigger', sk: sk(t) } }));
  }

  async due(now: Date): Promise<ArmTrigger[]> {
    const items = await queryPartition(this.client, this.tableName, 'trigger');
    return items
      .map((i) => ({ academie: String(i.academie), session: String(i.session), groupe: Number(i.groupe) as 1 | 2, at: new Date(String(i.at)) }))
      .filter((t) => t.at.getTime() <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async done(t: ArmTrigger): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: 'trigger', sk: sk(t) },
          ConditionExpression: '#at = :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': t.at.toISOString() },
        }),
      );
    } catch (err) {
      // Replaced meanwhile: the new trigger stays.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}

function sk(t: Omit<ArmTrigger, 'at'>): string {
  return `${t.session}#${t.academie}#${t.groupe}`;
}
