import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Empties a table between tests (test data only: the emulator's). */
export async function clearTable(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  for (;;) {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ProjectionExpression: 'pk, sk', Limit: 25 }),
    );
    const items = page.Items ?? [];
    if (items.length === 0) return;
    await client.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: items.map((Key) => ({ DeleteRequest: { Key } })) },
      }),
    );
  }
}
