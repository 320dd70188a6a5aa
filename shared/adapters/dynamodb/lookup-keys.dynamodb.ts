import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  CachedRoot,
  LookupKeyStore,
  SessionLookupParams,
} from '../../ports/lookup-keys.port.js';
import { batchWriteAll } from './batch-write.js';
import { queryPartition, TableAdapter } from './control-query.js';

/**
 * Keys-table layout (a table of its own, encrypted with its own KMS key on
 * AWS and readable only by the functions that render):
 *   lookup#<session>#<academie>     params        salt, iterations, shardChars
 *   lookup#<session>#<academie>     code-secret   secret
 *   material#<session>#<academie>   <numero>      root
 * The code secret and the roots open every result: as sensitive as the
 * decisions themselves, never in a log.
 */
export class DynamoLookupKeyStore extends TableAdapter implements LookupKeyStore {
  async params(session: string, academie: string): Promise<SessionLookupParams | undefined> {
    const item = await this.get(session, academie, 'params');
    return item
      ? {
          salt: String(item.salt),
          iterations: Number(item.iterations),
          shardChars: Number(item.shardChars),
        }
      : undefined;
  }

  async createParams(
    session: string,
    academie: string,
    params: SessionLookupParams,
  ): Promise<SessionLookupParams> {
    const { salt, iterations, shardChars } = params;
    const created = await this.putOnce(session, academie, 'params', {
      salt,
      iterations,
      shardChars,
    });
    return created ? params : this.held(await this.params(session, academie), 'params');
  }

  async codeSecret(session: string, academie: string): Promise<string | undefined> {
    const item = await this.get(session, academie, 'code-secret');
    return item ? String(item.secret) : undefined;
  }

  async createCodeSecret(session: string, academie: string, secret: string): Promise<string> {
    const created = await this.putOnce(session, academie, 'code-secret', { secret });
    return created ? secret : this.held(await this.codeSecret(session, academie), 'code-secret');
  }

  /** What a lost conditional put found in place: there, or the table broke its condition. */
  private held<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`lookup ${what} neither created nor found`);
    return value;
  }

  async roots(session: string, academie: string): Promise<Map<string, CachedRoot>> {
    const items = await queryPartition(
      this.client,
      this.tableName,
      `material#${session}#${academie}`,
    );
    return new Map(
      items.map((i) => [String(i.sk), { numero: String(i.sk), root: String(i.root) }]),
    );
  }

  async putRoots(session: string, academie: string, roots: readonly CachedRoot[]): Promise<void> {
    const pk = `material#${session}#${academie}`;
    await batchWriteAll(
      this.client,
      this.tableName,
      roots.map((m) => ({ pk, sk: m.numero, root: m.root })),
    );
  }

  private async get(
    session: string,
    academie: string,
    sk: string,
  ): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `lookup#${session}#${academie}`, sk },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /**
   * Conditional put: false when an item was already there (the caller reads the one that holds).
   */
  private async putOnce(
    session: string,
    academie: string,
    sk: string,
    attributes: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `lookup#${session}#${academie}`, sk, ...attributes },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
