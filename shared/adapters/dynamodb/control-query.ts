import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What every adapter over one table is given: the shared document client and the table's physical
 * name.
 */
export abstract class TableAdapter {
  protected readonly client: DynamoDBDocumentClient;
  protected readonly tableName: string;

  constructor(deps: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = deps.client;
    this.tableName = deps.tableName;
  }
}

/** Every item of one partition of the control table, in sort-key order (or reversed), all pages. */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  options: { newestFirst?: boolean; skPrefix?: string } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: options.skPrefix
        ? 'pk = :pk AND begins_with(sk, :prefix)'
        : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(options.skPrefix ? { ':prefix': options.skPrefix } : {}),
      },
      ScanIndexForward: !options.newestFirst,
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/**
 * Drops the key attributes: what remains is the record as the port knows it.
 * A typed read, not a validation: the control table's items are written by
 * these adapters only, from the port's types.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed read
export function record<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
