import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { EdgeKeyValueStore } from '../../ports/edge-kvs.port.js';

/**
 * The local edge KeyValueStore: one item per key, `{ pk: key, value }`, in
 * the edgeKvs table. A table rather than memory so that the CLI that arms a
 * pointer and the CDN that reads it, in different processes, see the same
 * value. Reads are consistent: locally a flip is visible at once.
 */
export class DynamoEdgeKeyValueStore implements EdgeKeyValueStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(deps: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = deps.client;
    this.tableName = deps.tableName;
  }

  async get(key: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: key }, ConsistentRead: true }),
    );
    const value: unknown = Item?.value;
    return typeof value === 'string' ? value : undefined;
  }

  async put(key: string, value: string): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: key, value } }));
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: key } }));
  }
}
