import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Groupe } from '../../domain/vocabulary.js';
import {
  isExpireLists,
  type ArmScheduler,
  type DueTriggers,
  type StepTrigger,
  type TriggerKey,
} from '../../ports/arm-scheduler.port.js';
import { queryPartition, TableAdapter } from './control-query.js';

// Items written before the lists step existed have no `step`: they are arm triggers.
const TriggerItem = z.union([
  z.object({
    step: z.literal('expire-lists'),
    academie: z.string(),
    session: z.string(),
    at: z.iso.datetime(),
  }),
  z.object({
    step: z.literal('arm').optional(),
    academie: z.string(),
    session: z.string(),
    groupe: Groupe,
    at: z.iso.datetime(),
  }),
]);

/**
 * The local stand-in for EventBridge Scheduler's one-time schedules: one
 * item per plan (and one per académie session for the lists' expiry) in
 * partition `trigger` of the control table, polled by the
 * in-process scheduler (shared/publication/scheduler.ts). A trigger is
 * removed only if it is still the one handled, so a reschedule that lands
 * while the old trigger runs is not lost.
 */
export class DynamoArmTriggers extends TableAdapter implements ArmScheduler, DueTriggers {
  async setTrigger(t: StepTrigger): Promise<void> {
    const fields = isExpireLists(t) ? { step: t.step } : { groupe: t.groupe };
    const item = {
      pk: 'trigger',
      sk: sk(t),
      academie: t.academie,
      session: t.session,
      ...fields,
      at: t.at.toISOString(),
    };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async clearTrigger(t: TriggerKey): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: 'trigger', sk: sk(t) } }),
    );
  }

  async due(now: Date): Promise<StepTrigger[]> {
    const items = await queryPartition(this.client, this.tableName, 'trigger');
    return items
      .map((i): StepTrigger => {
        const { at, ...key } = TriggerItem.parse(i);
        return { ...key, at: new Date(at) };
      })
      .filter((t) => t.at.getTime() <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async done(t: StepTrigger): Promise<void> {
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

function sk(t: TriggerKey): string {
  return isExpireLists(t)
    ? `${t.session}#${t.academie}#lists`
    : `${t.session}#${t.academie}#${t.groupe}`;
}
