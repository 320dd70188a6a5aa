import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CachedMaterial, LookupKeyStore } from '../../ports/lookup-keys.port.js';
import type { LookupParams } from '../../render/lookup/lookup-crypto.js';
import { batchWriteAll } from './batch-write.js';
import { queryPartition, TableAdapter } from './control-query.js';

/**
 * Control-table layout:
 *   lookup#<session>#<academie>     params     salt, iterations, shardChars
 *   material#<session>#<academie>   <numero>   dateNaissance, material
 * Materials are as sensitive as the decisions themselves (they open a
 * candidate's entry) and live in the same private account, never in a log.
 */
export class DynamoLookupKeyStore extends TableAdapter implements LookupKeyStore {
  async params(session: string, academie: string): Promise<LookupParams | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `lookup#${session}#${academie}`, sk: 'params' }, ConsistentRead: true }),
    );
    return Item ? { salt: String(Item.salt), iterations: Number(Item.iterations), shardChars: Number(Item.shardChars) } : undefined;
  }

  async createParams(session: string, academie: string, params: LookupParams): Promise<LookupParams> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `lookup#${session}#${academie}`, sk: 'params', ...params },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return params;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const existing = await this.params(session, academie);
      if (!existing) throw err;
      return existing;
    }
  }

  async materials(session: string, academie: string): Promise<Map<string, CachedMaterial>> {
    const items = await queryPartition(this.client, this.tableName, `material#${session}#${academie}`);
    return new Map(items.map((i) => [String(i.sk), { numero: String(i.sk), dateNaissance: String(i.dateNaissance), material: String(i.material) }]));
  }

  async putMaterials(session: string, academie: string, materials: readonly CachedMaterial[]): Promise<void> {
    const pk = `material#${session}#${academie}`;
    await batchWriteAll(
      this.client,
      this.tableName,
      materials.map((m) => ({ pk, sk: m.numero, dateNaissance: m.dateNaissance, material: m.material })),
    );
  }
}
