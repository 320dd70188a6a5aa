import { describe, expect, it } from 'vitest';
import { createTableInput, TABLES, tableNames } from '../../../shared/adapters/dynamodb/tables.js';

describe('table definitions', () => {
  it('names every table from one prefix', () => {
    expect(tableNames('publibac')).toEqual({
      decisions: 'publibac-decisions',
      control: 'publibac-control',
      edgeKvs: 'publibac-edge-kvs',
      keys: 'publibac-keys',
    });
  });

  it('turns a definition into a CreateTable request with on-demand billing and string keys', () => {
    expect(createTableInput(TABLES.decisions, 'publibac-decisions')).toEqual({
      TableName: 'publibac-decisions',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
    });
  });

  it('declares each key attribute once even when an index reuses it', () => {
    const input = createTableInput(
      {
        ...TABLES.decisions,
        globalSecondaryIndexes: [
          {
            indexName: 'by-sk',
            partitionKey: { name: 'sk', type: 'S' },
            sortKey: { name: 'at', type: 'N' },
            projection: 'KEYS_ONLY',
          },
        ],
      },
      't',
    );
    expect(input.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'at', AttributeType: 'N' },
    ]);
    expect(input.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'by-sk',
        KeySchema: [
          { AttributeName: 'sk', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
  });
});
