import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of a table, raw attribute values, in key order: equal snapshots mean byte-identical
 * tables.
 */
export async function tableSnapshot(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start as never }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (i: Record<string, unknown>) => JSON.stringify([i.pk, i.sk]);
  return JSON.stringify(items.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
}
