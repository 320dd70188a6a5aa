import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoDecisionStore,
  shardOf,
} from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import {
  slotKey,
  type Decision,
  type DecisionVersion,
} from '../../shared/domain/decision.schema.js';
import { clearTable } from '../support/clear-table.js';
import { dynamoClientFor, startTestStack, type TestStack } from '../support/local-stack.js';
import { tableSnapshot } from '../support/table-snapshot.js';

let stack: TestStack;
let client: DynamoDBDocumentClient;
let table: string;
let store: DynamoDecisionStore;

// The stack stops after the file's tests; if it failed to start, there is nothing to stop.
beforeAll(async () => {
  stack = await startTestStack();
  return () => stack.stop();
});
beforeAll(() => {
  client = dynamoClientFor(stack.env);
  table = stack.env.PUBLIBAC_DECISIONS_TABLE!;
  store = new DynamoDecisionStore({ client, tableName: table });
  return () => {
    client.destroy();
  };
});
beforeEach(async () => clearTable(client, table));

const SESSION = '2024-06';
const ACADEMIE = 'aix-marseille';

function version(
  numero: string,
  groupe: 1 | 2,
  deliberation: string,
  changes: Partial<Decision> = {},
): DecisionVersion {
  const d: Decision = {
    session: SESSION,
    academie: ACADEMIE,
    numero,
    nom: 'MARTIN',
    prenoms: 'Léa Anne',
    dateNaissance: '2006-03-14',
    uai: '0130001A',
    departement: '13',
    examen: 'BCG',
    serie: null,
    groupe,
    decision: groupe === 1 ? 'SECOND_GROUPE' : 'ADMIS',
    mention: null,
    moyenne: groupe === 1 ? 9.12 : 10.5,
    accordPublication: true,
    jury: 'J042',
    deliberation,
    ...changes,
  };
  return {
    ...d,
    digest: decisionDigest(d),
    source: {
      file: `groupe-${groupe}.csv`,
      sha256: 'a'.repeat(64),
      line: 2,
      ingestedAt: '2024-07-05T10:00:00.000Z',
    },
  };
}

/** A numero that is a prefix of `numero` and shares its shard: history must not mix them up. */
function prefixSibling(numero: string): string {
  for (let n = 0; ; n++) if (shardOf(`${numero}${n}`) === shardOf(numero)) return `${numero}${n}`;
}

// Versions of three candidates, with corrections, listed oldest first.
const A = '240000017';
const B = prefixSibling(A);
const C = '240000999';
const V = {
  a1: version(A, 1, '2024-07-04T16:00:00.000Z'),
  a1fix: version(A, 1, '2024-07-04T18:30:00.000Z', { moyenne: 9.3 }),
  a2: version(A, 2, '2024-07-09T11:00:00.000Z'),
  a2fix: version(A, 2, '2024-07-10T08:00:00.000Z', { mention: null, moyenne: 10.75 }),
  b1: version(B, 1, '2024-07-04T16:00:00.000Z', { decision: 'ADMIS', moyenne: 14.2, mention: 'B' }),
  c1: version(C, 1, '2024-07-04T16:00:00.000Z', {
    decision: 'AJOURNE',
    moyenne: 6.5,
    accordPublication: false,
  }),
  c1fix: version(C, 1, '2024-07-05T09:15:00.000Z', { decision: 'SECOND_GROUPE', moyenne: 8.1 }),
  elsewhere: version(A, 1, '2024-07-04T16:00:00.000Z', { academie: 'nice' }),
};
const sortedKnown = (vs: DecisionVersion[]) =>
  vs.map((v) => ({ deliberation: v.deliberation, digest: v.digest }));

describe('DynamoDecisionStore', () => {
  beforeEach(async () => {
    // Newest first and in several calls: the store must not depend on append order.
    await store.appendVersions([V.c1fix, V.a2fix, V.a1fix]);
    await store.appendVersions([V.elsewhere, V.b1, V.a2]);
    await store.appendVersions([V.a1, V.c1]);
  });

  it('knows every version of each slot, oldest first', async () => {
    const known = await store.knownVersions(SESSION, ACADEMIE);
    expect(new Map(known)).toEqual(
      new Map([
        [slotKey(V.a1), sortedKnown([V.a1, V.a1fix])],
        [slotKey(V.a2), sortedKnown([V.a2, V.a2fix])],
        [slotKey(V.b1), sortedKnown([V.b1])],
        [slotKey(V.c1), sortedKnown([V.c1, V.c1fix])],
      ]),
    );
  });

  it('gives the latest deliberation of each slot as its current decision', async () => {
    const current = await store.currentDecisions(SESSION, ACADEMIE);
    const bySlot = (x: DecisionVersion, y: DecisionVersion) => slotKey(x).localeCompare(slotKey(y));
    expect(current.sort(bySlot)).toEqual([V.a1fix, V.a2fix, V.b1, V.c1fix].sort(bySlot));
  });

  it("gives a candidate's whole history, both groups, oldest first, and only theirs", async () => {
    expect(await store.candidateHistory(SESSION, ACADEMIE, A)).toEqual([
      V.a1,
      V.a1fix,
      V.a2,
      V.a2fix,
    ]);
    expect(await store.candidateHistory(SESSION, ACADEMIE, B)).toEqual([V.b1]);
    expect(await store.candidateHistory(SESSION, 'nice', A)).toEqual([V.elsewhere]);
    expect(await store.candidateHistory('2025-06', ACADEMIE, A)).toEqual([]);
  });

  it('leaves the table byte for byte unchanged when the same versions come again', async () => {
    const before = await tableSnapshot(client, table);
    await store.appendVersions(Object.values(V));
    await store.appendVersions([V.a1, V.c1fix, V.a1]);
    expect(await tableSnapshot(client, table)).toBe(before);
  });

  it('reads every page of a shard', async () => {
    // A client whose Queries return 2 items per page, as a 1 MB page boundary would on a big
    // académie.
    const paged = dynamoClientFor(stack.env);
    let queries = 0;
    paged.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Limit?: number; KeyConditionExpression?: unknown };
        if (input.KeyConditionExpression !== undefined) {
          input.Limit = 2;
          queries += 1;
        }
        return next(args);
      },
      { step: 'initialize', name: 'smallPages' },
    );
    const pagedStore = new DynamoDecisionStore({ client: paged, tableName: table });
    const many = Array.from({ length: 200 }, (_, i) =>
      version(`2411${String(i).padStart(5, '0')}`, 1, '2024-07-04T16:00:00.000Z'),
    );
    await store.appendVersions(many);
    try {
      expect((await pagedStore.knownVersions(SESSION, ACADEMIE)).size).toBe(204);
      expect(queries).toBeGreaterThan(100);
      expect(await pagedStore.currentDecisions(SESSION, ACADEMIE)).toHaveLength(204);
      expect(await pagedStore.candidateHistory(SESSION, ACADEMIE, A)).toEqual([
        V.a1,
        V.a1fix,
        V.a2,
        V.a2fix,
      ]);
    } finally {
      paged.destroy();
    }
  });
});
