import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../shared/adapters/dynamodb/tables.js';
import { StatefulStack } from '../../infra/stateful.stack.js';
import { DEFAULT_REGION, STAGES, stageConfig } from '../../infra/stage-config.js';

const template = (stage: 'dev' | 'prod') =>
  Template.fromStack(
    new StatefulStack(new App(), `Test-${stage}`, {
      config: STAGES[stage],
      env: { region: DEFAULT_REGION },
    }),
  );

describe('stateful stack', () => {
  it('builds the decisions table from the same definition the local stack uses', () => {
    const d = TABLES.decisions;
    template('dev').hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: d.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: d.sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: d.partitionKey.name, AttributeType: d.partitionKey.type },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('keeps prod data: retained, deletion-protected, point-in-time recovery', () => {
    const prod = template('prod');
    prod.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    prod.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
    template('dev').hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });

  it('refuses an unknown stage', () => {
    expect(() => stageConfig('staging')).toThrow(/unknown stage "staging"/);
  });
});
