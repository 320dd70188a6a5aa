import {
  ConflictException,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import {
  atExpression,
  EventBridgeArmScheduler,
  scheduleName,
} from '../../../shared/adapters/aws/eventbridge-scheduler.js';
import { stubClient, testClientConfig, type SentCommand } from './sdk-stub.js';

const TARGET = 'arn:aws:lambda:eu-west-3:123456789012:function:publish';
const ROLE = 'arn:aws:iam::123456789012:role/scheduler';
const GROUP = 'publibac-dev-arm';

function schedulerWith(respond: (c: SentCommand) => unknown) {
  const client = new SchedulerClient(testClientConfig);
  const sent = stubClient(client, respond);
  return {
    scheduler: new EventBridgeArmScheduler({
      client,
      groupName: GROUP,
      targetArn: TARGET,
      roleArn: ROLE,
    }),
    sent,
  };
}

// 10:00 in Paris (summer time) less five minutes; 10:00 in Nouméa is 23:00Z the day before.
const paris = {
  academie: 'lyon',
  session: '2024-06',
  groupe: 1 as const,
  at: new Date('2024-07-04T07:55:00Z'),
};

describe('EventBridge Scheduler arm triggers', () => {
  it(
    'creates a one-time schedule in the académie time zone that invokes publish with the plan, ' +
      'deleted once fired',
    async () => {
      const { scheduler, sent } = schedulerWith((c) =>
        c.name === 'ListSchedulesCommand' ? { Schedules: [] } : { ScheduleArn: 'arn' },
      );
      await scheduler.setTrigger(paris);
      expect(sent).toEqual([
        {
          name: 'ListSchedulesCommand',
          input: { GroupName: GROUP, NamePrefix: 'arm-lyon-2024-06-g1-' },
        },
        {
          name: 'CreateScheduleCommand',
          input: {
            Name: 'arm-lyon-2024-06-g1-1720079700',
            GroupName: GROUP,
            ScheduleExpression: 'at(2024-07-04T09:55:00)',
            ScheduleExpressionTimezone: 'Europe/Paris',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: TARGET,
              RoleArn: ROLE,
              Input: '{"academie":"lyon","session":"2024-06","groupe":1}',
              RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 },
            },
          },
        },
      ]);
    },
  );

  it('writes at() in the overseas académie time zone', () => {
    expect(atExpression(new Date('2024-07-03T22:55:00Z'), 'Pacific/Noumea')).toBe(
      'at(2024-07-04T09:55:00)',
    );
  });

  it(
    "replaces the plan's other schedules, and updates when the same instant is set " + 'again',
    async () => {
      const same = scheduleName(paris);
      const { scheduler, sent } = schedulerWith((c) => {
        if (c.name === 'ListSchedulesCommand')
          return { Schedules: [{ Name: 'arm-lyon-2024-06-g1-1720000000' }, { Name: same }] };
        if (c.name === 'CreateScheduleCommand')
          throw new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
        return {};
      });
      await scheduler.setTrigger(paris);
      expect(sent.map((c) => [c.name, c.input.Name])).toEqual([
        ['ListSchedulesCommand', undefined],
        ['DeleteScheduleCommand', 'arm-lyon-2024-06-g1-1720000000'],
        ['CreateScheduleCommand', same],
        ['UpdateScheduleCommand', same],
      ]);
      expect(sent[3]!.input).toEqual(sent[2]!.input);
    },
  );

  it('clears every schedule of the plan, ignoring one already deleted (fired)', async () => {
    const { scheduler, sent } = schedulerWith((c) => {
      if (c.name === 'ListSchedulesCommand')
        return c.input.NextToken
          ? { Schedules: [{ Name: 'b' }] }
          : { Schedules: [{ Name: 'a' }], NextToken: 't' };
      if (c.input.Name === 'a')
        throw new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} });
      return {};
    });
    await scheduler.clearTrigger({ academie: 'lyon', session: '2024-06', groupe: 2 });
    expect(sent.map((c) => [c.name, c.input.Name ?? c.input.NextToken ?? null])).toEqual([
      ['ListSchedulesCommand', null],
      ['ListSchedulesCommand', 't'],
      ['DeleteScheduleCommand', 'a'],
      ['DeleteScheduleCommand', 'b'],
    ]);
  });

  it('refuses an unknown académie without calling Scheduler', async () => {
    const { scheduler, sent } = schedulerWith(() => ({}));
    await expect(scheduler.setTrigger({ ...paris, academie: 'atlantis' })).rejects.toThrow(
      /unknown académie/,
    );
    expect(sent).toEqual([]);
  });

  it(
    'schedules the "expire lists" step under its own name, with the step in its Input and a ' +
      'day to deliver it',
    async () => {
      const expiry = {
        step: 'expire-lists' as const,
        academie: 'saint-pierre-et-miquelon',
        session: '2024-06',
        at: new Date('2024-08-03T08:00:00Z'),
      };
      const { scheduler, sent } = schedulerWith((c) =>
        c.name === 'ListSchedulesCommand'
          ? { Schedules: [{ Name: 'lists-saint-pierre-et-miquelon-2024-06-1722000000' }] }
          : {},
      );
      await scheduler.setTrigger(expiry);
      const name = scheduleName(expiry);
      expect(name).toBe('lists-saint-pierre-et-miquelon-2024-06-1722672000');
      expect(name.length).toBeLessThanOrEqual(64);
      expect(sent.map((c) => [c.name, c.input.NamePrefix ?? c.input.Name])).toEqual([
        ['ListSchedulesCommand', 'lists-saint-pierre-et-miquelon-2024-06-'],
        ['DeleteScheduleCommand', 'lists-saint-pierre-et-miquelon-2024-06-1722000000'],
        ['CreateScheduleCommand', name],
      ]);
      expect(sent[2]!.input).toMatchObject({
        ScheduleExpression: 'at(2024-08-03T06:00:00)',
        ScheduleExpressionTimezone: 'America/Miquelon',
        Target: {
          Input:
            '{"step":"expire-lists","academie":"saint-pierre-et-miquelon","session":"2024-06"}',
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86400 },
        },
      });
      // The arm schedules of the same session are another family: never listed, never deleted by
      // it.
      expect(scheduleName({ ...paris, step: 'arm' })).toBe(scheduleName(paris));
    },
  );
});
