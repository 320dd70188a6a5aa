// The lookup keys table's root cache against the embedded dynalite: roots
// packed many to an item round-trip exactly, the one-item-per-candidate
// layout of earlier versions stays readable, an item never outgrows its
// limit, and a failed write fails the render's preparation of roots.
import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryPartition } from '../../shared/adapters/dynamodb/control-query.js';
import {
  DynamoLookupKeyStore,
  MAX_ROOT_BYTES_PER_ITEM,
  MAX_ROOTS_PER_ITEM,
} from '../../shared/adapters/dynamodb/lookup-keys.dynamodb.js';
import type { CachedRoot, LookupKeyStore } from '../../shared/ports/lookup-keys.port.js';
import { prepareRoots } from '../../shared/publication/lookup-material.js';
import { clearTable } from '../support/clear-table.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../support/local-stack.js';

let stack: TestStack;
let client: DynamoDBDocumentClient;
let table: string;
let keys: DynamoLookupKeyStore;

// The stack stops after the file's tests; if it failed to start, there is nothing to stop.
beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
beforeAll(() => {
  client = dynamoClientFor(stack.env);
  table = stack.env.PUBLIBAC_KEYS_TABLE!;
  keys = new DynamoLookupKeyStore({ client, tableName: table });
  return () => {
    client.destroy();
  };
});
beforeEach(async () => clearTable(client, table));

const SESSION = '2024-06';
const ACADEMIE = 'nantes';
const PK = `material#${SESSION}#${ACADEMIE}`;

const numeroOf = (i: number) => `24${String(100_000_000 + i)}`;
/** Roots as the renderer caches them: a number and 32 random bytes in base64. */
const someRoots = (from: number, count: number, numero = numeroOf): CachedRoot[] =>
  Array.from({ length: count }, (_, k) => ({
    numero: numero(from + k),
    root: randomBytes(32).toString('base64'),
  }));
const byNumero = (roots: readonly CachedRoot[]) => new Map(roots.map((r) => [r.numero, r]));
const materialItems = () => queryPartition(client, table, PK);

describe('DynamoLookupKeyStore root cache', () => {
  it('stores a slice as one packed item and reads every root back exactly', async () => {
    const slices = [someRoots(0, 2_000), someRoots(2_000, 2_000), someRoots(4_000, 500)];
    for (const slice of slices) await keys.putRoots(SESSION, ACADEMIE, slice);

    expect(await keys.roots(SESSION, ACADEMIE)).toEqual(byNumero(slices.flat()));
    const items = await materialItems();
    expect(items.map((i) => i.sk).sort()).toEqual([
      `chunk#${numeroOf(0)}#${numeroOf(1_999)}#2000`,
      `chunk#${numeroOf(2_000)}#${numeroOf(3_999)}#2000`,
      `chunk#${numeroOf(4_000)}#${numeroOf(4_499)}#500`,
    ]);
    // Another académie's cache is another partition.
    expect((await keys.roots(SESSION, 'rennes')).size).toBe(0);
  });

  it('reads the one-item-per-candidate roots of earlier versions with packed ones', async () => {
    const old = someRoots(0, 30);
    await client.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: old
            .slice(0, 25)
            .map((r) => ({ PutRequest: { Item: { pk: PK, sk: r.numero, root: r.root } } })),
        },
      }),
    );
    await client.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: old
            .slice(25)
            .map((r) => ({ PutRequest: { Item: { pk: PK, sk: r.numero, root: r.root } } })),
        },
      }),
    );
    // Packed roots after them, one of the candidates in both layouts (roots are deterministic:
    // the same value).
    const packed = [old[29]!, ...someRoots(30, 70)];
    await keys.putRoots(SESSION, ACADEMIE, packed);

    const read = await keys.roots(SESSION, ACADEMIE);
    expect(read).toEqual(byNumero([...old, ...packed]));
    expect(read.size).toBe(100);
    expect(await materialItems()).toHaveLength(31);
  });

  it('splits a list longer than an item may hold', async () => {
    const roots = someRoots(0, 2 * MAX_ROOTS_PER_ITEM + 1);
    await keys.putRoots(SESSION, ACADEMIE, roots);

    const items = await materialItems();
    expect(items.map((i) => (i.roots as string[]).length).sort((a, b) => a - b)).toEqual([
      1,
      MAX_ROOTS_PER_ITEM,
      MAX_ROOTS_PER_ITEM,
    ]);
    expect(await keys.roots(SESSION, ACADEMIE)).toEqual(byNumero(roots));
  });

  it('splits on bytes too: long numbers never make an item near the 400 KB limit', async () => {
    // 400-character numbers: 2,000 of them would be over 800 KB, which DynamoDB refuses.
    const long = (i: number) => `${'9'.repeat(390)}${String(1_000_000_000 + i)}`;
    const roots = someRoots(0, MAX_ROOTS_PER_ITEM, long);
    await keys.putRoots(SESSION, ACADEMIE, roots);

    const items = await materialItems();
    expect(items.length).toBeGreaterThan(4);
    for (const item of items)
      expect(JSON.stringify(item.roots).length).toBeLessThanOrEqual(MAX_ROOT_BYTES_PER_ITEM);
    expect(await keys.roots(SESSION, ACADEMIE)).toEqual(byNumero(roots));
  });

  it('writes nothing for no roots', async () => {
    await keys.putRoots(SESSION, ACADEMIE, []);
    expect(await materialItems()).toEqual([]);
  });
});

describe('prepareRoots over the table', () => {
  const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations: 10, shardChars: 1 };
  const codeSecret = Buffer.alloc(32, 9).toString('base64');
  const numeros = Array.from({ length: 4_500 }, (_, i) => numeroOf(i));

  it('caches every slice: a second call derives nothing and finds the same roots', async () => {
    const cache = { keys, session: SESSION, academie: ACADEMIE };
    const first = await prepareRoots({ params, codeSecret, cache }, numeros);
    const second = await prepareRoots({ params, codeSecret, cache }, numeros);
    expect([first.derived, second.derived]).toEqual([4_500, 0]);
    for (const n of numeros) expect(second.root(n)).toBe(first.root(n));
    expect(await materialItems()).toHaveLength(3);
  });

  it(
    'fails when a slice cannot be stored, keeping the slices stored before it; no unhandled ' +
      'rejection',
    async () => {
      // The second slice's write goes to a table that does not exist: DynamoDB refuses it at once
      // (not retried), while the third slice is being derived.
      const failing = failingWrite(2);
      const cache = { keys: failing, session: SESSION, academie: ACADEMIE };

      await expect(prepareRoots({ params, codeSecret, cache }, numeros)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      expect(failing.puts()).toBe(2);
      // The first slice was stored as soon as derived: a render run again derives the rest only.
      expect((await keys.roots(SESSION, ACADEMIE)).size).toBe(2_000);
      const again = await prepareRoots({ params, codeSecret, cache: { ...cache, keys } }, numeros);
      expect(again.derived).toBe(2_500);
    },
  );

  it('fails when the last slice cannot be stored', async () => {
    const failing = failingWrite(3);
    const cache = { keys: failing, session: SESSION, academie: ACADEMIE };
    await expect(prepareRoots({ params, codeSecret, cache }, numeros)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect(failing.puts()).toBe(3);
    expect((await keys.roots(SESSION, ACADEMIE)).size).toBe(4_000);
  });
});

/** The table's store, but its `nth` root write goes to a table that does not exist. */
function failingWrite(nth: number): LookupKeyStore & { puts: () => number } {
  const missing = new DynamoLookupKeyStore({ client, tableName: `${table}-missing` });
  let puts = 0;
  return {
    params: (s, a) => keys.params(s, a),
    createParams: (s, a, p) => keys.createParams(s, a, p),
    codeSecret: (s, a) => keys.codeSecret(s, a),
    createCodeSecret: (s, a, secret) => keys.createCodeSecret(s, a, secret),
    roots: (s, a) => keys.roots(s, a),
    putRoots: (s, a, roots) => (++puts === nth ? missing : keys).putRoots(s, a, roots),
    puts: () => puts,
  };
}
