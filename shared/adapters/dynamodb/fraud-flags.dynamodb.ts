import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FraudFlag, FraudFlags } from '../../ports/fraud-flags.port.js';
import { queryPartition, record } from './control-query.js';

/** Control-table layout: `fraud#<session>#<academie>`, sort key the candidate number. */
export class DynamoFraudFlags implements FraudFlags {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(deps: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = deps.client;
    this.tableName = deps.tableName;
  }

  async get(session: string, academie: string, numero: string): Promise<FraudFlag | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `fraud#${session}#${academie}`, sk: numero }, ConsistentRead: true }),
    );
    return Item ? record<FraudFlag>(Item) : undefined;
  }

  async put(flag: FraudFlag): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: `fraud#${flag.session}#${flag.academie}`, sk: flag.numero, ...flag } }));
  }

  async list(session: string, academie: string): Promise<FraudFlag[]> {
    return (await queryPartition(this.client, this.tableName, `fraud#${session}#${academie}`)).map((i) => record<FraudFlag>(i));
  }
}
