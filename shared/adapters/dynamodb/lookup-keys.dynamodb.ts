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
 * The most roots packed in one item: a slice of prepareRoots (2,000) fits in one. With
 * 11-character numbers such an item is about 115 KB, well under DynamoDB's 400 KB per item.
 */
export const MAX_ROOTS_PER_ITEM = 2_000;
/**
 * And the most bytes of packed roots in one item, should numbers be much longer than today's:
 * still well under 400 KB once keys and attribute names are added.
 */
export const MAX_ROOT_BYTES_PER_ITEM = 200_000;
/** What DynamoDB counts for a list element on top of its bytes (rounded up, to be safe). */
const LIST_ELEMENT_OVERHEAD = 3;

/**
 * Keys-table layout (a table of its own, encrypted with its own KMS key on
 * AWS and readable only by the functions that render):
 *   lookup#<session>#<academie>     params        salt, iterations, shardChars
 *   lookup#<session>#<academie>     code-secret   secret
 *   material#<session>#<academie>   chunk#<first>#<last>#<count>   roots
 *   material#<session>#<academie>   <numero>      root   (written by earlier versions)
 * The code secret and the roots open every result: as sensitive as the
 * decisions themselves, never in a log.
 *
 * Roots are cached packed: one item per slice putRoots is given, its `roots`
 * a list of "<numero>:<root>" strings (a root is base64, so the last colon
 * splits). Earlier versions wrote one item per candidate (sort key the
 * number, attribute `root`); roots() still reads those and merges both, so a
 * session cached before the change is not derived again.
 *
 * Why packed: 30,000 candidates were 30,000 items in 1,200 BatchWriteItem
 * calls, seconds of a first render against the local emulator (and reading
 * them back, half a second). Now they are 15 items of 2,000 roots, one call
 * each: 80 times fewer requests, 2,000 times fewer items. On AWS the write
 * capacity drops as well, it is not the same: a write is billed per KB of
 * item rounded up, so a root's own item (about 100 bytes) cost a whole unit,
 * 30,000 units for the académie, where 15 items of about 114 KB cost about
 * 1,700. Reads are billed per 4 KB of the whole query: about the same.
 *
 * The sort key names a chunk by its first and last number and its count. Two
 * chunks may share one (concurrent renders slicing different lists of
 * missing candidates) and the later write replaces the other: harmless, as a
 * root is a function of the number and of the session's code secret and
 * parameters, which never change once created (first writer wins). The worst
 * case is a root that is no longer cached and is derived again, to the same
 * value, by a later render. For the same reason chunks that overlap (one
 * number in two of them) agree.
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
    const roots = new Map<string, CachedRoot>();
    for (const item of items) {
      if (Array.isArray(item.roots)) {
        for (const packed of item.roots as unknown[]) {
          const pair = String(packed);
          const colon = pair.lastIndexOf(':');
          const numero = pair.slice(0, colon);
          roots.set(numero, { numero, root: pair.slice(colon + 1) });
        }
      } else {
        // One item per candidate, as earlier versions wrote them.
        roots.set(String(item.sk), { numero: String(item.sk), root: String(item.root) });
      }
    }
    return roots;
  }

  async putRoots(session: string, academie: string, roots: readonly CachedRoot[]): Promise<void> {
    const pk = `material#${session}#${academie}`;
    const items = packRoots(roots).map((chunk) => ({
      pk,
      // packRoots makes no empty chunk: the fallbacks are for the type checker.
      sk: `chunk#${chunk[0]?.numero ?? ''}#${chunk.at(-1)?.numero ?? ''}#${String(chunk.length)}`,
      roots: chunk.map((r) => `${r.numero}:${r.root}`),
    }));
    // Through the batch writer for its handling of throttling and unprocessed items; a slice of
    // prepareRoots is one item, so one call.
    await batchWriteAll(this.client, this.tableName, items);
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

/**
 * Roots in order, cut into chunks of at most MAX_ROOTS_PER_ITEM roots and
 * MAX_ROOT_BYTES_PER_ITEM bytes each (an item over 400 KB would be refused).
 */
export function packRoots(roots: readonly CachedRoot[]): CachedRoot[][] {
  const chunks: CachedRoot[][] = [];
  let chunk: CachedRoot[] = [];
  let bytes = 0;
  for (const r of roots) {
    const size =
      Buffer.byteLength(r.numero) + 1 + Buffer.byteLength(r.root) + LIST_ELEMENT_OVERHEAD;
    if (
      chunk.length === MAX_ROOTS_PER_ITEM ||
      (chunk.length > 0 && bytes + size > MAX_ROOT_BYTES_PER_ITEM)
    ) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(r);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
