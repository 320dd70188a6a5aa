import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { PreviousFiguresStore } from '../../ports/previous-figures.port.js';
import { PreviousFigures } from '../../stats/previous-figures.js';
import type { Groupe } from '../../domain/vocabulary.js';

/**
 * Imported figures in the control table, one item per set:
 *   pk = `figures#${academie}#${session}`, sk = `groupe#${groupe}`,
 *   figures = the set as JSON (validated again when read).
 * One item per set makes an import of a set a single atomic write, and a
 * set (an académie's few hundred lines) stays far under the 400 KB item limit.
 */
const Item = z.object({ figures: z.string() });

export function figuresKey(academie: string, session: string, groupe: Groupe) {
  return { pk: `figures#${academie}#${session}`, sk: `groupe#${groupe}` };
}

export class DynamoPreviousFiguresStore implements PreviousFiguresStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(deps: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = deps.client;
    this.tableName = deps.tableName;
  }

  async save(sets: readonly PreviousFigures[]): Promise<void> {
    // Checked whole before the first write, so a bad set cannot follow a stored one.
    const items = sets.map((s) => ({
      ...figuresKey(s.academie, s.session, s.groupe),
      figures: JSON.stringify(PreviousFigures.parse(s)),
    }));
    for (const Item of items)
      await this.client.send(new PutCommand({ TableName: this.tableName, Item }));
  }

  async find(
    academie: string,
    session: string,
    groupe: Groupe,
  ): Promise<PreviousFigures | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: figuresKey(academie, session, groupe),
        ConsistentRead: true,
      }),
    );
    if (!item) return undefined;
    return PreviousFigures.parse(JSON.parse(Item.parse(item).figures));
  }
}
