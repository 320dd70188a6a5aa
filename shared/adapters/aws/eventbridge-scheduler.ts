import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { DateTime } from 'luxon';
import { findAcademie } from '../../domain/reference/academies.js';
import {
  isExpireLists,
  type ArmScheduler,
  type StepTrigger,
  type TriggerKey,
} from '../../ports/arm-scheduler.port.js';

export interface EventBridgeArmSchedulerOptions {
  client: SchedulerClient;
  groupName: string;
  /**
   * The publish function, invoked with {academie, session, groupe} (arm) or {step: 'expire-lists',
   * academie, session}.
   */
  targetArn: string;
  /** The role Scheduler assumes, allowed to invoke only the publish function. */
  roleArn: string;
}

/**
 * Names are unique per plan and instant: `arm-<slug>-<session>-g<groupe>-<epoch s>`,
 * or `lists-<slug>-<session>-<epoch s>` for the lists' expiry (at most 50
 * characters with the longest slug; Scheduler allows 64).
 */
export function schedulePrefix(t: TriggerKey): string {
  return isExpireLists(t)
    ? `lists-${t.academie}-${t.session}-`
    : `arm-${t.academie}-${t.session}-g${t.groupe}-`;
}
export function scheduleName(t: StepTrigger): string {
  return `${schedulePrefix(t)}${Math.floor(t.at.getTime() / 1000)}`;
}

/**
 * What the publish function receives. Arming is worthless once its instant
 * is long past (the plan is then missed), so it gets five minutes; the lists
 * must come down however late (the edge already refuses them), so their step
 * gets the most Scheduler allows, a day.
 */
function target(t: StepTrigger): {
  Input: string;
  RetryPolicy: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
} {
  if (isExpireLists(t)) {
    return {
      Input: JSON.stringify({ step: 'expire-lists', academie: t.academie, session: t.session }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
    };
  }
  return {
    Input: JSON.stringify({ academie: t.academie, session: t.session, groupe: t.groupe }),
    RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 },
  };
}

/**
 * `at()` takes a wall-clock time in the schedule's time zone: the académie's, so the schedule reads
 * as the rectorat set it.
 */
export function atExpression(at: Date, timeZone: string): string {
  return `at(${DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss")})`;
}

/**
 * Step triggers as EventBridge Scheduler one-time schedules, deleted by
 * Scheduler once they have fired (ActionAfterCompletion DELETE).
 *
 * Why the instant is in the name: the publish function, run by a schedule,
 * may set a retry trigger for the same plan while Scheduler is deleting
 * the schedule that just fired. Under one fixed name the retry could be
 * deleted with it; under its own name it cannot. Setting a trigger
 * therefore deletes the plan's other schedules, then creates (or, when the
 * same instant is set again, updates) its own.
 */
export class EventBridgeArmScheduler implements ArmScheduler {
  constructor(private readonly options: EventBridgeArmSchedulerOptions) {}

  async setTrigger(trigger: StepTrigger): Promise<void> {
    const academie = findAcademie(trigger.academie);
    if (!academie) throw new Error(`unknown académie "${trigger.academie}"`);
    const name = scheduleName(trigger);
    for (const other of await this.names(trigger))
      if (other !== name) await this.deleteIgnoringAbsent(other);

    const input: CreateScheduleCommandInput = {
      Name: name,
      GroupName: this.options.groupName,
      ScheduleExpression: atExpression(trigger.at, academie.timeZone),
      ScheduleExpressionTimezone: academie.timeZone,
      // A one-time schedule: fire at the instant (Scheduler's own delivery window is under a
      // minute).
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: this.options.targetArn, RoleArn: this.options.roleArn, ...target(trigger) },
    };
    try {
      await this.options.client.send(new CreateScheduleCommand(input));
    } catch (err) {
      if (!(err instanceof ConflictException)) throw err;
      await this.options.client.send(new UpdateScheduleCommand(input));
    }
  }

  async clearTrigger(t: TriggerKey): Promise<void> {
    for (const name of await this.names(t)) await this.deleteIgnoringAbsent(name);
  }

  private async names(t: TriggerKey): Promise<string[]> {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.options.client.send(
        new ListSchedulesCommand({
          GroupName: this.options.groupName,
          NamePrefix: schedulePrefix(t),
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const s of page.Schedules ?? []) if (s.Name) names.push(s.Name);
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  }

  private async deleteIgnoringAbsent(name: string): Promise<void> {
    try {
      await this.options.client.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.options.groupName }),
      );
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
  }
}

let shared: SchedulerClient | undefined;

export function schedulerClient(): SchedulerClient {
  shared ??= new SchedulerClient({});
  return shared;
}
