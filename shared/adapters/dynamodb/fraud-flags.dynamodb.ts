import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FraudFlag, FraudFlags } from '../../ports/fraud-flags.port.js';
import { queryPartition, record, TableAdapter } from './control-query.js';

/** Control-table layout: `fraud#<session>#<academie>`, sort key the candidate number. */
export class DynamoFraudFlags extends TableAdapter implements FraudFlags {
  async get(session: string, academie: string, numero: string): Promise<FraudFlag | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `fraud#${session}#${academie}`, sk: numero },
        ConsistentRead: true,
      }),
    );
    return Item ? record<FraudFlag>(Item) : undefined;
  }

  async put(flag: FraudFlag): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `fraud#${flag.session}#${flag.academie}`, sk: flag.numero, ...flag },
      }),
    );
  }

  async list(session: string, academie: string): Promise<FraudFlag[]> {
    return (await queryPartition(this.client, this.tableName, `fraud#${session}#${academie}`)).map(
      (i) => record<FraudFlag>(i),
    );
  }
}
