// The decision store builds its items in DynamoDB's form itself (decisionItem)
// rather than through the document client's conversion: what it writes must be
// exactly what that conversion, as the project's client is set up, would have
// written, so that a re-ingest puts back the same items.
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  decisionItem,
  partitionKey,
  shardOf,
  sortKey,
} from '../../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { WriteSlots } from '../../../shared/adapters/dynamodb/batch-write.js';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import type { DecisionVersion } from '../../../shared/domain/decision.schema.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';

const versions: DecisionVersion[] = syntheticDecisions('lille', '2024-06', 400, 3).map((d, i) => ({
  ...d,
  digest: decisionDigest(d),
  source: {
    file: 'lille.csv',
    sha256: 'a'.repeat(64),
    line: i + 2,
    ingestedAt: '2024-07-06T08:00:00.000Z',
  },
}));

/** What the document client sends for a version (client.ts: removeUndefinedValues). */
const documentClientItem = (v: DecisionVersion) =>
  marshall(
    { pk: partitionKey(v.session, v.academie, shardOf(v.numero)), sk: sortKey(v), ...v },
    { removeUndefinedValues: true },
  );

describe('decisionItem', () => {
  it('is what the document client would send, for every kind of decision', () => {
    // Both groups, with and without série, mention and moyenne: nulls, numbers and booleans.
    expect(versions.some((v) => v.mention === null)).toBe(true);
    expect(versions.some((v) => v.moyenne === null)).toBe(true);
    expect(versions.some((v) => v.groupe === 2)).toBe(true);
    expect(versions.some((v) => v.serie === null)).toBe(true);
    for (const v of versions) expect(decisionItem(v)).toStrictEqual(documentClientItem(v));
  });

  it('leaves out undefined fields and writes empty text, as the client does', () => {
    const v = { ...versions[0]!, nom: '', extra: undefined } as DecisionVersion;
    expect(decisionItem(v)).toStrictEqual(documentClientItem(v));
  });

  it('leaves to the client what is not plain text, numbers, booleans, nulls and objects', () => {
    const odd = [
      { moyenne: Number.NaN },
      { moyenne: 2 ** 60 },
      { jury: new Set(['a']) },
      { source: new Date(0) },
      { nom: ['a'] },
    ];
    for (const change of odd)
      expect(decisionItem({ ...versions[0]!, ...change } as unknown as DecisionVersion)).toBe(
        undefined,
      );
  });
});

describe('WriteSlots', () => {
  it('lets `size` holders in at once, the next ones in arrival order', async () => {
    const slots = new WriteSlots(2);
    const order: number[] = [];
    await slots.acquire();
    await slots.acquire();
    const waiting = [3, 4].map((n) => slots.acquire().then(() => order.push(n)));
    await Promise.resolve();
    expect(order).toEqual([]);
    slots.release();
    await waiting[0];
    expect(order).toEqual([3]);
    slots.release();
    await waiting[1];
    expect(order).toEqual([3, 4]);
    // Both released by their holders: two free slots again, taken at once.
    slots.release();
    slots.release();
    await slots.acquire();
    await slots.acquire();
  });
});
