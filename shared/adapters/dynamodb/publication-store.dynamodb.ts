import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  PublicationPlan,
  PublicationStore,
  RenderedRelease,
  Takedown,
} from '../../ports/publication-store.port.js';
import { queryPartition, record, TableAdapter } from './control-query.js';
import type { Groupe } from '../../domain/vocabulary.js';

/**
 * Control-table layout:
 *   release#<session>#<academie>   <renderedAt>#<id>          one per rendered release or rehearsal
 *   plan                           <session>#<academie>#<g>   one per publication plan
 *   takedown#<session>#<academie>  <requestedAt>#<releaseId>  one per in-place rewrite of a live
 * release
 * Plans share a partition: a few per académie and session, read whole by
 * status and the scheduler.
 */
export class DynamoPublicationStore extends TableAdapter implements PublicationStore {
  async recordRelease(r: RenderedRelease): Promise<void> {
    const item = { pk: `release#${r.session}#${r.academie}`, sk: `${r.renderedAt}#${r.id}`, ...r };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async releases(session: string, academie: string): Promise<RenderedRelease[]> {
    const items = await queryPartition(
      this.client,
      this.tableName,
      `release#${session}#${academie}`,
      { newestFirst: true },
    );
    return items.map((i) => record<RenderedRelease>(i));
  }

  async plan(
    session: string,
    academie: string,
    groupe: Groupe,
  ): Promise<PublicationPlan | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: 'plan', sk: planSk(session, academie, groupe) },
        ConsistentRead: true,
      }),
    );
    return Item ? record<PublicationPlan>(Item) : undefined;
  }

  async savePlan(plan: PublicationPlan): Promise<void> {
    const item = { pk: 'plan', sk: planSk(plan.session, plan.academie, plan.groupe), ...plan };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async saveTakedown(t: Takedown): Promise<void> {
    const item = {
      pk: `takedown#${t.session}#${t.academie}`,
      sk: `${t.requestedAt}#${t.releaseId}`,
      ...t,
    };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async takedowns(session: string, academie: string): Promise<Takedown[]> {
    const items = await queryPartition(
      this.client,
      this.tableName,
      `takedown#${session}#${academie}`,
      { newestFirst: true },
    );
    return items.map((i) => record<Takedown>(i));
  }

  async plans(): Promise<PublicationPlan[]> {
    return (await queryPartition(this.client, this.tableName, 'plan')).map((i) =>
      record<PublicationPlan>(i),
    );
  }
}

function planSk(session: string, academie: string, groupe: Groupe): string {
  return `${session}#${academie}#${groupe}`;
}
